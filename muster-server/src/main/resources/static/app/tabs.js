// The boards on the right, one at a time, as an accessible tab list (arrow keys move between tabs).
export function showTab(name) {
  for (const b of document.querySelectorAll('.tabs [role=tab]')) {
    const on = b.dataset.tab === name;
    b.setAttribute('aria-selected', on ? 'true' : 'false');
    b.tabIndex = on ? 0 : -1;
    document.getElementById(b.getAttribute('aria-controls')).hidden = !on;
  }
  window.dispatchEvent(new Event('resize')); // charts size themselves once visible
}

export function initTabs() {
  // a tab the user may not use (the auditor's) stays hidden and out of the arrow keys' way
  const tabs = [...document.querySelectorAll('.tabs [role=tab]')].filter(b => !b.hidden);
  for (const b of tabs) {
    b.addEventListener('click', () => showTab(b.dataset.tab));
    b.addEventListener('keydown', e => {
      const i = tabs.indexOf(b);
      const next = e.key === 'ArrowRight' ? tabs[(i + 1) % tabs.length] : e.key === 'ArrowLeft' ? tabs[(i - 1 + tabs.length) % tabs.length] : null;
      if (next) { e.preventDefault(); showTab(next.dataset.tab); next.focus(); }
    });
  }
  showTab('units');
}
