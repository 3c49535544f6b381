// Alerts raised by early warning: what was seen, the evidence, the action proposed; a supervisor accepts
// or dismisses each with a reason, which goes in the log.
import { state, on, can } from './state.js';
import { el, human, timeOfDay, post, act } from './util.js';

export function initAlerts() {
  on('alerts', render);
}

function render() {
  const list = document.getElementById('alerts');
  document.getElementById('alert-count').textContent = String(state.alerts.length);
  if (!state.alerts.length) { list.replaceChildren(el('li', { class: 'empty' }, 'No open alerts.')); return; }
  list.replaceChildren(...state.alerts.map(a => {
    const reason = el('input', { type: 'text', placeholder: 'Reason (goes in the log)', 'aria-label': `Reason for deciding alert ${a.id}`, testid: `alert-reason-${a.id}` });
    const decide = path => e => act(e.target, () => post(`/alerts/${encodeURIComponent(a.id)}/${path}`, { reason: reason.value || `${path}ed from the dashboard` }), `Alert ${path}ed`);
    return el('li', { class: 'alert-item', testid: `alert-${a.id}` },
      el('header', {}, el('span', { class: 'badge colour-AMBER' }, human(a.kind)), el('span', { class: 'summary-text' }, a.summary),
        el('span', { class: 'muted' }, timeOfDay(a.raisedAt))),
      el('dl', { class: 'evidence' }, Object.entries(a.evidence).map(([k, v]) => [el('dt', {}, human(k)), el('dd', {}, v)])),
      a.proposedZone ? el('p', {}, 'Proposed: set ', el('strong', {}, state.zones.get(a.proposedZone)?.name ?? a.proposedZone),
        ' to ', el('span', { class: `badge level-${a.proposedLevel}` }, human(a.proposedLevel))) : null,
      can('SUPERVISE') ? el('div', { class: 'decide' }, reason,
        el('button', { type: 'button', class: 'primary', testid: `accept-alert-${a.id}`, onclick: decide('accept') }, 'Accept'),
        el('button', { type: 'button', testid: `dismiss-alert-${a.id}`, onclick: decide('dismiss') }, 'Dismiss')) : null);
  }));
}
