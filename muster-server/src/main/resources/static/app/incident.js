// The incident panel: the selected call, its units, and Muster's recommendation with its reasons; one
// click (or d) dispatches every unit proposed, an escort included; its timeline (warnings, handovers and what
// the other control room did with its copy); and, where this service has peers, "Hand over" to one of them.
import { state, on, emit, can, actsFor, callsignOf, knownCallsigns, incidentWarnings, typeName } from './state.js';
import { el, badge, human, lower, short, words, requirementText, clock, seconds, timeOfDay, ago, post, del, get, act, toast, debounce } from './util.js';
import { wire, askReason } from './dialogs.js';
import { focus } from './map.js';

const panel = () => document.getElementById('incident-panel');
let shown = { id: null, incident: null, recommendation: null, error: null };

export function initIncidentPanel() {
  on('selection', () => { refresh(true); });
  const later = debounce(() => refresh(false), 250);
  on('incidents', later);
  on('units', later);
  on('zones', later);
  wire('handover-dialog', handOver);
  document.getElementById('ho-to').addEventListener('change', fillHandoverTypes);
  // how long ago the call came in keeps counting, on Muster's clock
  setInterval(() => {
    const dd = panel().querySelector('[data-received]');
    if (dd) dd.textContent = received(dd.dataset.received);
  }, 1000);
}

function received(iso) {
  return `${timeOfDay(iso)} (${ago(iso)})`;
}

async function refresh(moved) {
  const id = state.selectedIncident;
  if (!id) { render(); return; }
  try {
    const incident = await get('/incidents/' + encodeURIComponent(id));
    let recommendation = null, error = null;
    if (['OPEN', 'WAITING', 'ASSIGNED', 'ON_SCENE'].includes(incident.status)) {
      try {
        recommendation = await get(`/incidents/${encodeURIComponent(id)}/recommendation`);
      } catch (e) {
        error = e.message;
      }
    }
    if (state.selectedIncident !== id) return;
    for (const c of recommendation?.fills.flatMap(f => f.ranked.concat(f.proposed)) ?? []) knownCallsigns.set(c.unit, c.callsign);
    shown = { id, incident, recommendation, error };
    render();
    if (moved) focus(incident.location.lat, incident.location.lon);
  } catch (e) {
    if (e.status === 404) { state.selectedIncident = null; render(); } else toast(e.message, 'error');
  }
}


function render() {
  const p = panel();
  const title = el('h2', { id: 'incident-title' }, 'Incident');
  if (!state.selectedIncident || !shown.incident || shown.id !== state.selectedIncident) {
    p.replaceChildren(title, el('p', { class: 'empty' }, 'Select a call in the queue (j/k, Enter) or on the map.'));
    return;
  }
  const i = shown.incident;
  const open = ['OPEN', 'WAITING', 'ASSIGNED', 'ON_SCENE'].includes(i.status);
  const mayDispatch = can('DISPATCH') && actsFor(i.organisation);
  const body = el('div', { class: 'body' },
    el('div', { class: 'incident-head' },
      el('span', { class: `badge prio-${i.priority}`, title: human(i.priority) }, short(i.priority)),
      el('span', { class: 'type', testid: 'incident-type' }, typeName(i.type)),
      el('span', { class: 'badge', testid: 'incident-status' }, human(i.status))),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Call'), el('dd', { testid: 'incident-id' }, i.id),
      el('dt', {}, 'Service'), el('dd', {}, state.organisations.get(i.organisation)?.name ?? i.organisation),
      el('dt', {}, 'Received'), el('dd', { testid: 'incident-received', dataset: { received: i.receivedAt } }, received(i.receivedAt)),
      el('dt', {}, 'Where'), el('dd', {}, `${i.location.lat.toFixed(5)}, ${i.location.lon.toFixed(5)}`,
        (i.warnings ?? incidentWarnings.get(i.id) ?? []).map(w => el('div', { class: 'incident-warning', testid: 'incident-warning' }, '⚠ ', words(w)))),
      i.description ? [el('dt', {}, 'Details'), el('dd', {}, i.description)] : null,
      i.hazards?.length ? [el('dt', {}, 'Hazards'), el('dd', { class: 'shortfall' }, i.hazards.map(human).join(', '))] : null,
      i.clearance && i.clearance !== 'NOT_NEEDED' ? [el('dt', {}, 'Clearance'), el('dd', { class: 'shortfall' }, human(i.clearance))] : null),
    assignments(i, mayDispatch),
    recommendation(i, mayDispatch && open),
    timeline(i),
    actions(i, open, mayDispatch));
  p.replaceChildren(title, body);
}

function assignments(i, mayDispatch) {
  if (!i.assignments.length) return el('p', { class: 'muted', testid: 'no-assignments' }, 'No units assigned.');
  return el('section', { testid: 'assignments' },
    el('h3', {}, 'Units'),
    i.assignments.map(a => {
      const unit = state.units.get(a.unit);
      return el('div', { class: 'assignment', testid: 'assignment', dataset: { unit: a.unit, role: a.role } },
        el('span', { class: 'callsign' }, callsignOf(a.unit)),
        badge('role', a.role),
        unit ? el('span', { class: `badge status-${unit.status}`, testid: 'assignment-status' }, human(unit.status)) : null,
        a.arrivedAt ? el('span', { class: 'muted' }, `on scene ${timeOfDay(a.arrivedAt)}`) : el('span', { class: 'muted' }, `sent ${timeOfDay(a.assignedAt)}`),
        mayDispatch ? el('button', {
          class: 'small', type: 'button', title: 'Stand this unit down', testid: `release-${a.unit}`,
          onclick: e => act(e.target, () => del(`/incidents/${i.id}/assignments/${encodeURIComponent(a.unit)}`, { reason: 'stood down from the dashboard' }), `${callsignOf(a.unit)} released`),
        }, 'Release') : null);
    }));
}

function recommendation(i, mayDispatch) {
  if (shown.error) return el('p', { class: 'muted', testid: 'recommendation-error' }, shown.error);
  const r = shown.recommendation;
  if (!r) return null;
  const proposedIds = new Set(r.fills.flatMap(f => f.proposed.map(c => c.unit)));
  const arrival = seconds(r.expectedArrival);
  return el('section', { testid: 'recommendation' },
    el('h3', {}, 'Recommendation', arrival !== null ? el('span', { class: 'muted' }, ` · first arrival in ${clock(arrival)}`) : null),
    r.fills.map(f => el('div', { class: 'fill', testid: `fill-${f.role}`, dataset: { role: f.role } },
      el('h4', {}, `${human(f.role)}: ${requirementText(f.requirement)}`, f.stillNeeded !== undefined ? ` — ${f.stillNeeded} still needed` : ''),
      f.stillNeeded === 0 ? el('p', { class: 'muted' }, 'Met.')
        : f.ranked.length ? null : el('p', { class: 'shortfall' }, 'No suitable unit found.'),
      f.ranked.slice(0, 4).map(c => candidate(i, f, c, proposedIds.has(c.unit), mayDispatch)))),
    r.shortfalls?.length ? el('ul', { class: 'plain', testid: 'shortfalls' },
      r.shortfalls.map(s => el('li', { class: 'shortfall' }, el('span', { class: 'no-units' }, 'NO UNITS AVAILABLE'), ' ', `${s.missing} × ${requirementText(s.requirement)}: ${words(s.reason)}`))) : null,
    r.notes?.length ? el('ul', { class: 'notes', testid: 'notes' }, r.notes.map(n => el('li', {}, words(n)))) : null,
    unitWarnings(r));
}

function candidate(i, fill, c, proposed, mayDispatch) {
  const travel = c.travelTimeMillis !== undefined ? c.travelTimeMillis / 1000 : seconds(c.travelTime);
  return el('div', { class: 'candidate' + (proposed ? ' proposed' : ''), testid: proposed ? 'proposed-unit' : 'ranked-unit', dataset: { unit: c.unit } },
    el('span', {}, el('span', { class: 'callsign' }, c.callsign), ' ', el('span', { class: 'muted' }, human(c.type)),
      c.divertedFrom ? el('span', { class: 'shortfall' }, ` · divert from ${c.divertedFrom}`) : null),
    el('span', {}, el('span', { class: 'n' }, clock(travel)), ' ',
      mayDispatch ? el('button', {
        class: 'small', type: 'button', testid: `assign-${c.unit}`, title: `Assign ${c.callsign} as ${human(fill.role)}`,
        onclick: e => act(e.target, () => post(`/incidents/${i.id}/assignments`, { unit: c.unit, role: fill.role }), `${c.callsign} assigned`),
      }, 'Assign') : null),
    el('span', { class: 'reason' }, words(withoutWarnings(c)), c.warnings?.length ? el('span', { class: 'warn', title: c.warnings.join('; ') }, ' ⚠') : null));
}

/** The engine appends a candidate's warnings to its reason; they are shown once per unit instead. */
function withoutWarnings(c) {
  let text = c.reason ?? '';
  for (const w of c.warnings ?? []) text = text.replace('; ' + w, '');
  return text;
}

/**
 * A unit's warnings (an old position, say) once, however many requirements it is ranked for: a stale
 * position is one fact about one unit, not one per row.
 */
function unitWarnings(r) {
  const byUnit = new Map();
  for (const c of r.fills.flatMap(f => f.ranked.concat(f.proposed))) {
    if (!c.warnings?.length) continue;
    const known = byUnit.get(c.unit) ?? { callsign: c.callsign, warnings: new Set() };
    c.warnings.forEach(w => known.warnings.add(words(w)));
    byUnit.set(c.unit, known);
  }
  if (!byUnit.size) return null;
  return el('ul', { class: 'plain unit-warnings', testid: 'unit-warnings' },
    [...byUnit].map(([unit, w]) => el('li', { class: 'warning', testid: 'unit-warning', dataset: { unit } },
      '⚠ ', el('span', { class: 'callsign' }, w.callsign), ': ', [...w.warnings].join('; '))));
}

function actions(i, open, mayDispatch) {
  const r = shown.recommendation;
  const anyProposed = !!r && r.fills.some(f => f.proposed.length);
  return el('div', { class: 'actions' },
    mayDispatch && open ? el('button', {
      class: 'primary', type: 'button', id: 'dispatch-recommended', testid: 'dispatch-recommended',
      disabled: !anyProposed, title: 'Assign every proposed unit (d)', onclick: e => dispatchRecommended(e.target),
    }, 'Dispatch recommended ', el('kbd', {}, 'd')) : null,
    mayDispatch && open ? el('button', {
      type: 'button', testid: 'close-incident',
      onclick: e => act(e.target, () => post(`/incidents/${i.id}/close`, { reason: 'closed from the dashboard' }), `${i.id} closed`),
    }, 'Close') : null,
    can('TAKE_CALLS') && actsFor(i.organisation) && open ? el('button', {
      type: 'button', class: 'danger', testid: 'cancel-incident',
      onclick: e => act(e.target, () => post(`/incidents/${i.id}/cancel`, { reason: 'cancelled from the dashboard' }), `${i.id} cancelled`),
    }, 'Cancel call') : null,
    mayDispatch && open && state.peers.length ? el('button', {
      type: 'button', testid: 'hand-over', title: 'Send this call to another control room as an EIDO', onclick: () => openHandover(i),
    }, 'Hand over') : null,
    can('SUPERVISE') && actsFor(i.organisation) && i.clearance === 'AWAITING' ? el('button', {
      type: 'button', testid: 'grant-clearance',
      onclick: () => askReason({
        title: 'Grant tactical clearance', confirm: 'Grant clearance', testid: 'clearance',
        what: `Units waiting at the rendezvous point for ${i.id} (${typeName(i.type)}) may go to the scene. Say why it is safe now.`,
      }, reason => post(`/incidents/${i.id}/clearance`, { reason }), 'Clearance granted'),
    }, 'Grant tactical clearance') : null);
}

/** d: assigns every unit the recommendation proposes for the selected call. */
export async function dispatchRecommended(button) {
  const i = shown.incident;
  if (!i || i.id !== state.selectedIncident) { toast('Select a call first.', 'error'); return; }
  if (!(can('DISPATCH') && actsFor(i.organisation))) { toast('You may not dispatch for this call.', 'error'); return; }
  const r = await act(button, () => post(`/incidents/${i.id}/dispatch-recommended`));
  if (r) {
    // Each answer's events name the unit; read an id whether written bare or as {value}.
    const units = (r.data?.assignments ?? []).map(a => a.events?.find(e => e.event?.unit)?.event.unit)
      .map(u => (u && typeof u === 'object' ? u.value : u)).filter(Boolean);
    toast(`Dispatched ${units.map(callsignOf).join(', ') || 'the recommended units'} to ${i.id}`);
    emit('dispatched');
  }
}

/** What happened to the call besides its units: warnings, handovers and the other control room's statuses. */
function timeline(i) {
  if (!i.timeline?.length) return null;
  return el('section', { testid: 'timeline' },
    el('h3', {}, 'Timeline'),
    el('ul', { class: 'plain timeline' }, i.timeline.map(t => el('li', { testid: 'timeline-entry' },
      el('span', { class: 'muted' }, timeOfDay(t.at)), ' ', words(t.what).replace(INSTANT, timeOfDay)))));
}

/** An instant written into a timeline line ("acknowledged at 2026-12-07T06:36:02.87Z"), shown as a time of day. */
const INSTANT = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;

// ---- handing the call over to another control room

let handing = null;

function openHandover(i) {
  handing = i;
  const choices = state.peers.flatMap(p => p.organisations.map(o => ({ peer: p.name, organisation: o })));
  document.getElementById('ho-to').replaceChildren(...choices.map(c => el('option', { value: `${c.peer}|${c.organisation}` },
    `${state.organisations.get(c.organisation)?.name ?? c.organisation} (${c.peer})`)));
  document.getElementById('ho-what').textContent = `${i.id}, ${typeName(i.type)}, goes to the other control room as an EIDO document. `
    + 'The call stays yours: their acknowledgement and what they do with it come back to its timeline.';
  fillHandoverTypes();
  document.getElementById('handover-dialog').querySelector('.form-error').textContent = '';
  document.getElementById('handover-dialog').showModal();
}

/** The receiving agency's own types, when it is known here: a police stabbing is the ambulance service's stabbing casualty. */
function fillHandoverTypes() {
  const organisation = document.getElementById('ho-to').value.split('|')[1];
  const agency = state.organisations.get(organisation)?.agency;
  const own = state.types.get(handing.type);
  const types = [...state.types.values()].filter(t => !agency || t.agency === agency).sort((a, b) => a.name.localeCompare(b.name));
  const keep = !agency || own?.agency === agency;
  const options = types.filter(t => !(keep && t.code === handing.type)).map(t => el('option', { value: t.code }, t.name));
  // another agency's type is the dispatcher's choice, never the list's first by accident
  options.unshift(keep ? el('option', { value: '' }, `The same: ${typeName(handing.type)}`)
    : el('option', { value: '', disabled: true, selected: true }, 'Choose their type'));
  const select = document.getElementById('ho-type');
  select.replaceChildren(...options);
  select.required = !keep;
}

async function handOver(form) {
  const f = new FormData(form);
  const [peer, organisation] = String(f.get('to')).split('|');
  const type = f.get('type');
  const r = await post(`/incidents/${encodeURIComponent(handing.id)}/handover`, { peer, organisation, ...(type ? { type } : {}) });
  toast(`${handing.id} handed over to ${organisation} as ${r.data.receiverIncident}, acknowledged`);
  refresh(false);
}
