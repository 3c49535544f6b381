// Response times against the standards: one chart per organisation, mean and 90th centile per category
// beside their targets (Chart.js from the server's WebJars), with the numbers in a table for screen readers.
import { state, on, reload } from './state.js';
import { el, human, short, seconds, minutes } from './util.js';

const charts = new Map();

export function initKpis() {
  on('kpis', render);
  document.getElementById('kpi-window').addEventListener('change', e => {
    state.kpiWindow = e.target.value;
    reload('kpis');
  });
}

/** Calls never reached so far stand beside the figures, so that leaving them out cannot flatter them. */
function notReached(stats) {
  if (!stats.waiting) return '0';
  const oldest = seconds(stats.oldestWait);
  return `${stats.waiting}${oldest !== null ? ` (${minutes(oldest)} min)` : ''}`;
}

/** Per zone: where in an organisation's area the calls wait longest. */
function renderZones(box) {
  let card = box.querySelector('[data-testid=kpi-zones]');
  const zones = state.zoneKpis?.zones ?? [];
  if (!zones.length) { card?.remove(); return; }
  if (!card) {
    card = el('section', { class: 'kpi-chart', testid: 'kpi-zones' }, el('h4', {}, 'By zone'), el('table', {}));
    box.append(card);
  }
  const shown = zones.filter(z => z.stats.count || z.stats.waiting);
  // each zone is judged against its own target where it has one (muster.zone-targets), so each row shows the
  // target it was judged against, and says when it is the zone's own rather than its organisation's
  const hasMeanTarget = shown.some(z => target(z, 'mean') !== null);
  const hasP90Target = shown.some(z => target(z, 'p90') !== null);
  card.querySelector('table').replaceChildren(
    el('tr', {}, el('th', {}, 'Zone'), el('th', {}, 'Category'), el('th', {}, 'Reached'), el('th', {}, 'Not reached (oldest)'),
      el('th', {}, hasMeanTarget ? 'Mean / target' : 'Mean'), el('th', {}, hasP90Target ? '90th centile / target' : '90th centile')),
    ...shown.map(z => el('tr', { dataset: { zone: z.zone, priority: z.priority } },
      el('td', {}, z.name ?? z.zone),
      // the server judges no breach while an escalation level has suspended the targets (ResponseStats.judgedUnder)
      el('td', {}, human(z.priority), z.stats.targetsSuspended ? el('span', { class: 'muted', testid: 'zone-targets-suspended' }, ' · targets suspended') : null),
      el('td', {}, String(z.stats.count)),
      el('td', { class: z.stats.waitingOverTarget ? 'breach' : '' }, notReached(z.stats)),
      el('td', { class: z.stats.breachesMean ? 'breach' : '', title: judged(z, 'mean') }, fmt(z.stats.mean), against(z, 'mean')),
      el('td', { class: z.stats.breachesP90 ? 'breach' : '', title: judged(z, 'p90') }, fmt(z.stats.p90), against(z, 'p90')))),
    ...(shown.length ? [] : [el('tr', {}, el('td', { colspan: '6', class: 'muted' }, 'No calls in this window yet.'))]));
}

function render() {
  const box = document.getElementById('kpi-charts');
  if (!state.kpis) return;
  const byOrg = new Map();
  for (const k of state.kpis.kpis) {
    if (!byOrg.has(k.organisation)) byOrg.set(k.organisation, []);
    byOrg.get(k.organisation).push(k);
  }
  if (!byOrg.size) { box.replaceChildren(el('p', { class: 'empty' }, 'No response times for your organisations.')); return; }
  for (const [org, kpis] of byOrg) {
    let card = box.querySelector(`[data-organisation="${org}"]`);
    if (!card) {
      card = el('section', { class: 'kpi-chart', testid: `kpi-${org}`, dataset: { organisation: org } },
        el('h4', {}, state.organisations.get(org)?.name ?? org, el('span', { class: 'label suspended', testid: 'targets-suspended' })),
        el('div', { class: 'canvas' }, el('canvas', { role: 'img', 'aria-label': `Response times of ${org} against targets` })),
        el('table', {}));
      box.append(card);
    }
    draw(card, org, kpis);
  }
  renderZones(box);
}

function draw(card, org, kpis) {
  // an escalation level may suspend the targets: the figures still count, and say so beside them; the server
  // flags no breach on them meanwhile (ResponseStats.judgedUnder), as board and the situation report
  const suspended = kpis.some(k => k.targetsSuspended);
  card.querySelector('[data-testid=targets-suspended]').textContent = suspended ? ' targets suspended by the escalation level' : '';
  const labels = kpis.map(k => short(k.priority));
  const m = f => kpis.map(k => minutes(seconds(f(k))));
  // A target line only where the API gives a target: police and fire have no national one, and an
  // organisation's own may be missing; a line at zero would say the opposite.
  const hasMeanTarget = kpis.some(k => target(k, 'mean') !== null);
  const hasP90Target = kpis.some(k => target(k, 'p90') !== null);
  card.dataset.targets = String(hasMeanTarget || hasP90Target);
  const data = {
    labels,
    datasets: [
      { type: 'bar', label: 'Mean', data: m(k => k.stats.mean), backgroundColor: '#5aa9e6' },
      { type: 'bar', label: '90th centile', data: m(k => k.stats.p90), backgroundColor: '#2f6f9f' },
      hasMeanTarget ? { type: 'line', label: 'Mean target', data: m(k => target(k, 'mean')), showLine: false, pointStyle: 'line', pointRadius: 14, pointBorderWidth: 3, borderColor: '#e8a33d' } : null,
      hasP90Target ? { type: 'line', label: '90th target', data: m(k => target(k, 'p90')), showLine: false, pointStyle: 'line', pointRadius: 14, pointBorderWidth: 3, borderColor: '#e5484d' } : null,
    ].filter(Boolean),
  };
  let chart = charts.get(org);
  if (!chart) {
    Chart.defaults.color = '#8da0b3';
    Chart.defaults.borderColor = '#2a3a4a';
    chart = new Chart(card.querySelector('canvas'), {
      data,
      options: {
        animation: false, maintainAspectRatio: false, responsive: true,
        scales: { y: { beginAtZero: true, title: { display: true, text: 'minutes' } } },
        plugins: { legend: { labels: { boxWidth: 12 } } },
      },
    });
    charts.set(org, chart);
  } else {
    chart.data = data;
    chart.update();
  }
  const row = k => el('tr', { dataset: { priority: k.priority } },
    el('td', {}, human(k.priority)),
    el('td', {}, String(k.stats.count)),
    el('td', { testid: 'not-reached', class: k.stats.waitingOverTarget ? 'breach' : '' }, notReached(k.stats)),
    el('td', { class: k.stats.breachesMean ? 'breach' : '', title: judged(k, 'mean') }, fmt(k.stats.mean), target(k, 'mean') !== null ? [' / ', fmt(target(k, 'mean'))] : null),
    el('td', { class: k.stats.breachesP90 ? 'breach' : '', title: judged(k, 'p90') }, fmt(k.stats.p90), target(k, 'p90') !== null ? [' / ', fmt(target(k, 'p90'))] : null));
  card.querySelector('table').replaceChildren(
    el('tr', {}, el('th', {}, 'Category'), el('th', { title: 'Responses: the clock stopped' }, 'Reached'),
      el('th', { title: 'Calls still waiting for their first unit, and the oldest wait; past the target they count as breaches' }, 'Not reached (oldest)'),
      el('th', {}, hasMeanTarget ? 'Mean / target' : 'Mean'), el('th', {}, hasP90Target ? '90th centile / target' : '90th centile')),
    ...kpis.map(row));
  card.querySelector('.no-target')?.remove();
  // a force with no target of its own may still have districts with theirs (muster.zone-targets)
  const zonesOwn = (state.zoneKpis?.zones ?? []).some(z => z.organisation === org && z.stats.target?.source === 'ZONE');
  if (!hasMeanTarget && !hasP90Target) card.append(el('p', { class: 'muted no-target', testid: 'no-target' },
    'No response-time target configured for this organisation.',
    zonesOwn ? ' Its zones with targets of their own are judged against them (By zone, below).' : null));
}

/** " / 20 min" after a zone's figure, and "(zone's own)" when the target is the zone's and not its organisation's. */
function against(z, which) {
  const t = target(z, which);
  if (t === null) return null;
  const own = z.stats.target.source === 'ZONE'
    ? el('span', { class: 'muted', testid: 'zone-own-target', title: "this zone's own target (muster.zone-targets), not its organisation's" }, " (zone's own)")
    : null;
  return [' / ', fmt(t), own];
}

/**
 * Why a figure under its target is marked over: the verdict counts the calls not reached yet at their waits so
 * far (as `board` says it). Null when the figure itself is over, or not over at all.
 */
function judged(k, which) {
  const s = k.stats;
  if (!(which === 'mean' ? s.breachesMean : s.breachesP90) || !s.waiting) return null;
  const figure = seconds(s[which]);
  const t = seconds(target(k, which));
  if (figure !== null && t !== null && figure > t) return null;
  const withWaiting = seconds(which === 'mean' ? s.meanWithWaiting : s.p90WithWaiting);
  return `over its target counting the ${s.waiting} not reached at their waits so far: ${minutes(withWaiting)} min`;
}

/** The target the API gives for a figure, in whichever shape it comes, or null when there is none. */
function target(k, which) {
  const t = k.stats.target;
  if (t === undefined || t === null) return null;
  const v = t[which];
  return v === undefined || v === null ? null : v;
}

function fmt(d) {
  const v = minutes(seconds(d));
  return v === null ? '—' : `${v} min`;
}
