// Alerts: capacity (a zone or a service amber, red or without units), status limits (a unit too long in a
// status), surges and hotspots, each addressed to the organisations it concerns. Open alerts come first,
// with their evidence and the action proposed; a supervisor accepts or dismisses each with a reason, which
// goes in the log. Below them, the latest decided and resolved ones: Muster resolves an alert when what
// raised it is over (a zone green again, a unit out of the status).
import { state, on } from './state.js';
import { el, human, lower, timeOfDay, post, act, get, toast } from './util.js';

const RECENT = 30;
let recent = [];
let recentNow = {};

export function initAlerts() {
  on('alerts', () => { render(); loadRecent(); });
  // a capacity alert keeps the figures of when it was raised; beside them, the zone's or service's now
  on('capacity', refreshNow);
}

/** An alert's state in words: a capacity colour ("no-units" is "no units"), or a status and since when. */
function stateWords(v) {
  const since = /^([A-Z_]+) since (\S+)$/.exec(String(v));
  if (since) return `${lower(since[1])} since ${timeOfDay(since[2])}`;
  return String(v).replace(/^no-units$/, 'no units');
}

const ZONE_KEY = 'capacity:zone:';
const ORG_KEY = 'capacity:org:';

/** The zone or organisation a capacity alert is about, as its key names it ("zone:WSP-01"), or nothing. */
function liveSubject(a) {
  if (a.key?.startsWith(ZONE_KEY)) return `zone:${a.key.substring(ZONE_KEY.length)}`;
  if (a.key?.startsWith(ORG_KEY)) return `org:${a.key.substring(ORG_KEY.length)}`;
  return null;
}

/**
 * Where the zone or service stands now, in the words its alert uses, from the live capacity board: "Now it is
 * red: 2 armed response vehicles available, safe minimum 4."
 */
function nowWords(subject) {
  const [kind, id] = [subject.substring(0, subject.indexOf(':')), subject.substring(subject.indexOf(':') + 1)];
  const now = kind === 'org'
    ? state.capacity.organisations?.find(o => o.organisation === id)
    : state.capacity.zones.find(z => z.zone === id);
  return now ? `Now it ${now.standing}.` : '';
}

function refreshNow() {
  for (const p of document.querySelectorAll('#alerts [data-now]')) p.textContent = nowWords(p.dataset.now);
}

async function loadRecent() {
  try {
    const r = await get(`/alerts?status=ACCEPTED&status=DISMISSED&status=RESOLVED&limit=${RECENT}`);
    recent = r.alerts.slice().reverse();
    recentNow = r.now ?? {};
    render();
  } catch (e) {
    console.warn('could not load decided alerts', e);
  }
}

/** A capacity alert's badge takes the colour it reports; the others are amber. */
function badgeColour(a) {
  const s = a.evidence?.state;
  if (a.kind === 'capacity') return s === 'no-units' ? 'NONE' : (s ?? 'amber').toUpperCase();
  return 'AMBER';
}

function kindLabel(a) {
  if (a.kind === 'capacity' && a.evidence?.state === 'no-units') return 'Capacity · no units';
  if (a.kind === 'capacity') return `Capacity · ${human(a.evidence?.state ?? '')}`;
  return human(a.kind);
}

function addressees(a) {
  const names = (a.organisations ?? []).map(o => state.organisations.get(o)?.name ?? o);
  return el('span', { class: 'muted', testid: `alert-orgs-${a.id}`, title: 'Addressed to' },
    names.length ? `For ${names.join(', ')}` : 'For everyone');
}

function header(a) {
  return el('header', {},
    el('span', { class: `badge colour-${badgeColour(a)}`, testid: `alert-kind-${a.id}` }, kindLabel(a)),
    el('span', { class: 'summary-text' }, a.summary),
    el('span', { class: 'muted' }, timeOfDay(a.raisedAt)),
    addressees(a));
}

/**
 * Accepting an alert that proposes a level makes the change; accepting any other (capacity, a status limit, a
 * move-up) only records that it is seen and being dealt with: the button says which.
 */
function acceptWord(a) {
  return a.proposedZone ? 'Accept' : 'Acknowledge';
}

function acceptedWord(a) {
  return a.proposedZone ? 'Accepted' : 'Acknowledged';
}

function acceptTitle(a) {
  return a.proposedZone
    ? `Sets ${state.zones.get(a.proposedZone)?.name ?? a.proposedZone} to ${human(a.proposedLevel)}, with your reason in the log`
    : 'Records, with your reason, that it is seen and being dealt with; it changes nothing itself';
}

function openItem(a) {
  const reason = el('input', { type: 'text', required: true, placeholder: 'Reason (required, goes in the log)', 'aria-label': `Reason for deciding alert ${a.id}`, testid: `alert-reason-${a.id}` });
  const decide = path => e => {
    if (!reason.value.trim()) {
      toast('Say why: the reason goes in the log with the decision.', 'error', 'Reason required');
      reason.focus();
      return;
    }
    act(e.target, () => post(`/alerts/${encodeURIComponent(a.id)}/${path}`, { reason: reason.value.trim() }),
      `Alert ${path === 'accept' ? acceptedWord(a).toLowerCase() : 'dismissed'}`);
  };
  return el('li', { class: 'alert-item', testid: `alert-${a.id}`, dataset: { kind: a.kind, status: a.status } },
    header(a),
    el('dl', { class: 'evidence' }, Object.entries(a.evidence).map(([k, v]) => [el('dt', {}, human(k)), el('dd', {}, k === 'state' ? stateWords(v) : v)])),
    liveSubject(a)
      ? el('p', { class: 'muted', testid: `alert-now-${a.id}`, dataset: { now: liveSubject(a) } }, nowWords(liveSubject(a)))
      : state.alertsNow?.[a.id] ? el('p', { class: 'muted', testid: `alert-now-${a.id}` }, state.alertsNow[a.id]) : null,
    a.proposedZone ? el('p', {}, 'Proposed: set ', el('strong', {}, state.zones.get(a.proposedZone)?.name ?? a.proposedZone),
      ' to ', el('span', { class: `badge level-${a.proposedLevel}` }, human(a.proposedLevel))) : null,
    state.alertsDecidable?.has(a.id) ? el('div', { class: 'decide' }, reason,
      el('button', { type: 'button', class: 'primary', testid: `accept-alert-${a.id}`, onclick: decide('accept'), title: acceptTitle(a) }, acceptWord(a)),
      el('button', { type: 'button', testid: `dismiss-alert-${a.id}`, onclick: decide('dismiss') }, 'Dismiss')) : null);
}

function decidedItem(a) {
  return el('li', { class: 'alert-item decided', testid: `alert-decided-${a.id}`, dataset: { kind: a.kind, status: a.status } },
    header(a),
    el('p', {},
      el('span', { class: 'badge', testid: `alert-status-${a.id}` }, a.status === 'ACCEPTED' ? acceptedWord(a) : human(a.status)),
      a.decidedBy ? ` ${a.status === 'DISMISSED' ? 'Dismissed' : acceptedWord(a)} by ${a.decidedBy}: ${a.decisionReason}` : '',
      a.status === 'RESOLVED'
        ? el('span', { testid: `alert-resolution-${a.id}` }, ` Resolved ${timeOfDay(a.resolvedAt)}: ${a.resolution}`)
        // dismissed, and what raised it since over: the next time is a new alert
        : a.resolvedAt ? el('span', { testid: `alert-resolution-${a.id}` }, ` Over ${timeOfDay(a.resolvedAt)}: ${a.resolution}`) : null),
    // accepted or dismissed while it goes on: where it stands now
    recentNow[a.id] ? el('p', { class: 'muted', testid: `alert-now-${a.id}` }, recentNow[a.id]) : null);
}

function render() {
  const list = document.getElementById('alerts');
  document.getElementById('alert-count').textContent = String(state.alerts.length);
  const open = state.alerts.length
    ? state.alerts.map(openItem)
    : [el('li', { class: 'empty' }, 'No open alerts.')];
  const openIds = new Set(state.alerts.map(a => a.id));
  const done = recent.filter(a => !openIds.has(a.id));
  list.replaceChildren(...open,
    ...(done.length ? [el('li', { class: 'muted' }, el('h3', {}, 'Decided and resolved')), ...done.map(decidedItem)] : []));
}
