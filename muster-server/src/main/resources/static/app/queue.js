// The queue: calls waiting for units, longest-waiting most urgent first (the engine's order), with their
// waiting times ticking; then the calls whose crews are sent into a closed zone and wait for tactical
// clearance (they have their units, so they are not waiting for any); below them the calls with units
// committed. j/k move, Enter opens.
import { state, on, emit, typeName } from './state.js';
import { el, badge, clock, seconds, since, human, short, musterNow, clockRate, requirementText } from './util.js';

const list = () => document.getElementById('queue');

/** Every call in the order shown: waiting, then awaiting clearance, then active. */
export function orderedCalls() {
  const waiting = state.queue.map(w => w.incident);
  const { awaiting, active } = committed(new Set(waiting));
  return [...waiting, ...awaiting.map(i => i.id), ...active.map(i => i.id)];
}

/**
 * The calls not waiting for units, oldest first: those awaiting tactical clearance (their crews held at a
 * closed zone's rendezvous point), and the rest.
 */
function committed(inQueue) {
  const calls = [...state.incidents.values()].filter(i => !inQueue.has(i.id))
    .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  return {
    awaiting: calls.filter(i => i.clearance === 'AWAITING'),
    active: calls.filter(i => i.clearance !== 'AWAITING'),
  };
}

/** Since when the call's crews have waited at the rendezvous point (the first there), if any is there. */
function atRendezvousSince(i) {
  return (i.assignments ?? []).map(a => state.units.get(a.unit))
    .filter(u => u?.status === 'AT_RENDEZVOUS' && u.statusSince)
    .map(u => u.statusSince).sort()[0];
}

export function initQueue() {
  on('queue', render);
  on('incidents', render);
  // a call awaiting clearance is timed from its crew's status: drawn again when the units arrive, which may be
  // after the queue and the incidents
  on('units', render);
  on('selection', markSelected);
  setInterval(tick, 1000);
}


function render() {
  const ol = list();
  const waiting = state.queue;
  const { awaiting, active } = committed(new Set(waiting.map(w => w.incident)));
  const items = [el('li', { class: 'section', role: 'presentation', testid: 'queue-waiting-title' }, `Waiting for units (${waiting.length})`)];
  if (!waiting.length) items.push(el('li', { class: 'empty', role: 'presentation' }, 'No calls waiting.'));
  for (const w of waiting) {
    const incident = state.incidents.get(w.incident);
    items.push(el('li', {
      class: 'call', role: 'option', id: `call-${w.incident}`, testid: `queue-item-${w.incident}`,
      dataset: { incident: w.incident, waiting: String(seconds(w.waiting) ?? 0), autoDispatchAt: w.autoDispatchAt ?? undefined },
      onclick: () => select(w.incident),
    },
    badge('prio', w.priority, short(w.priority)),
    el('span', { class: 'what' }, typeName(incident?.type) || w.incident),
    el('span', { class: 'waiting', 'aria-label': 'waiting' }, ''),
    el('span', { class: 'id' }, `${w.incident} · ${w.organisation}`),
    stillNeeds(w, incident) ? el('span', { class: 'needs', testid: 'queue-needs' }, `still needs ${stillNeeds(w, incident)}`) : null,
    w.noEscortAvailable ? el('span', { class: 'flag' }, el('span', { class: 'no-units', testid: 'queue-no-escort', title: 'The crews are sent; no police escort is free or agreed, so they stand off' }, 'NO ESCORT'))
      : w.noUnitsAvailable ? el('span', { class: 'flag' }, el('span', { class: 'no-units', testid: 'queue-no-units' }, 'NO UNITS'))
      : w.autoDispatchAt ? el('span', { class: 'flag auto', testid: 'queue-auto-dispatch', title: 'The demo\'s simulated dispatcher sends the recommended units then, unless you do first' }, '') : null));
  }
  if (awaiting.length) items.push(el('li', { class: 'section', role: 'presentation', testid: 'queue-awaiting-title' }, `Awaiting clearance (${awaiting.length})`));
  for (const i of awaiting) {
    const since = atRendezvousSince(i);
    items.push(el('li', {
      class: 'call', role: 'option', id: `call-${i.id}`, testid: `queue-item-${i.id}`,
      dataset: { incident: i.id, received: since ?? i.receivedAt }, onclick: () => select(i.id),
    },
    badge('prio', i.priority, short(i.priority)),
    el('span', { class: 'what' }, typeName(i?.type)),
    el('span', { class: 'waiting muted', 'aria-label': since ? 'at the rendezvous point for' : 'since the call' }, ''),
    el('span', { class: 'id' }, `${i.id} · ${human(i.status)}`),
    el('span', { class: 'flag' }, el('span', { class: 'no-units', testid: 'queue-awaiting-clearance', title: since ? 'Its crews wait at the rendezvous point until a supervisor grants tactical clearance' : 'In a closed zone: its crews go to the rendezvous point and wait there for tactical clearance' }, 'AWAITING CLEARANCE'))));
  }
  items.push(el('li', { class: 'section', role: 'presentation' }, `Active (${active.length})`));
  for (const i of active) {
    items.push(el('li', {
      class: 'call', role: 'option', id: `call-${i.id}`, testid: `queue-item-${i.id}`,
      dataset: { incident: i.id, received: i.receivedAt }, onclick: () => select(i.id),
    },
    badge('prio', i.priority, short(i.priority)),
    el('span', { class: 'what' }, typeName(i?.type)),
    el('span', { class: 'waiting muted', 'aria-label': 'since the call' }, ''),
    el('span', { class: 'id' }, `${i.id} · ${human(i.status)}`)));
  }
  ol.replaceChildren(...items);
  ol.setAttribute('role', 'listbox');
  // The header counts what the list shows under "Waiting": the calls this user may see that wait for units.
  const shown = ol.querySelectorAll('li.call[data-waiting]').length;
  document.getElementById('queue-count').textContent = String(shown);
  document.getElementById('queue-count').title = `${shown} call${shown === 1 ? '' : 's'} waiting for units`;
  markSelected();
  tick();
}

/**
 * Why a call that already has units is still waiting, in words: "a police escort" (its crew stands off in an
 * escort-required zone), "1 × double crewed ambulance" (its ambulance taken to a more urgent call). Empty for a
 * call with no unit yet, which plainly needs everything.
 */
function stillNeeds(w, incident) {
  if (!incident?.assignments?.length) return '';
  return (w.recommendation?.fills ?? []).filter(f => f.stillNeeded > 0)
    .map(f => f.role === 'ESCORT' ? 'a police escort' : requirementText({ ...f.requirement, count: f.stillNeeded }))
    .join(', ');
}

/** Waiting times move on every second between reloads. */
function tick() {
  const extra = Math.max(0, since(state.queueNow) ?? 0);
  for (const li of list().querySelectorAll('li.call')) {
    const span = li.querySelector('.waiting');
    let s;
    if (li.dataset.waiting !== undefined) s = parseFloat(li.dataset.waiting) + extra;
    else s = since(li.dataset.received);
    span.textContent = clock(s);
    span.classList.toggle('long', li.dataset.waiting !== undefined && s > 600);
    const auto = li.querySelector('.auto');
    if (auto) {
      const left = -since(li.dataset.autoDispatchAt);
      // Muster's seconds over its rate: the countdown is in the seconds a person at the screen has left
      auto.textContent = left > 0 ? `auto-dispatch in ${Math.ceil(left / clockRate())} s` : 'auto-dispatching…';
    }
  }
  const now = new Date(musterNow());
  document.getElementById('clock').textContent = now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

function markSelected() {
  for (const li of list().querySelectorAll('li.call')) {
    const on_ = li.dataset.incident === state.selectedIncident;
    li.setAttribute('aria-selected', on_ ? 'true' : 'false');
    if (on_) li.scrollIntoView({ block: 'nearest' });
  }
}

export function select(id) {
  state.selectedIncident = id;
  emit('selection');
}

/** Moves the selection by delta (j = +1, k = -1) through the calls shown. */
export function move(delta) {
  const calls = orderedCalls();
  if (!calls.length) return;
  const at = calls.indexOf(state.selectedIncident);
  const next = at < 0 ? (delta > 0 ? 0 : calls.length - 1) : Math.min(calls.length - 1, Math.max(0, at + delta));
  select(calls[next]);
}
