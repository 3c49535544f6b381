// What the dashboard knows: the signed-in user, and each list as the API last gave it. Views subscribe to
// topics and redraw when a topic's list is reloaded; the live stream decides which topics to reload.
import { get, syncClock, human, musterNow } from './util.js';

export const state = {
  me: null,
  organisations: new Map(),
  zones: new Map(),
  stations: [],
  units: new Map(),
  /** Per unit the user may move: the statuses the engine would accept for it now (GET /units, nextStatuses). */
  nextStatuses: new Map(),
  incidents: new Map(),
  types: new Map(),
  queue: [],
  queueNow: null,
  capacity: { zones: [], overdue: [] },
  /** GET /coverage, or { unavailable: why } where the service has no roads to measure it by. */
  coverage: null,
  kpis: null,
  kpiWindow: 'DAY',
  alerts: [],
  aid: [],
  /** Requests that ended (closed, cancelled, expired) in the last day of Muster's time, newest first. */
  aidRecent: [],
  /** Ids of requests every organisation they named has declined: referred to the national coordinator. */
  aidReferred: new Set(),
  major: [],
  national: null,
  closures: [],
  publicAlerts: [],
  peers: [],
  selectedIncident: null,
  selectedUnit: null,
  lastSequence: 0,
};

/** How long an ended mutual aid request stays on the board's "recently ended" list: a day of Muster's time. */
const RECENT_MILLIS = 24 * 3600 * 1000;

const listeners = new Map();

export function on(topic, f) {
  if (!listeners.has(topic)) listeners.set(topic, []);
  listeners.get(topic).push(f);
}

export function emit(topic) {
  for (const f of listeners.get(topic) || []) {
    try { f(); } catch (e) { console.error(topic, e); }
  }
}

function seen(sequence) {
  if (typeof sequence === 'number' && sequence > state.lastSequence) state.lastSequence = sequence;
}

/** May the user do this at all? READ, TAKE_CALLS, DISPATCH, SUPERVISE, MUTUAL_AID, AUDIT, ADMINISTER. */
export function can(action) {
  return !!state.me && state.me.actions.includes(action);
}

/** Does the user act for this organisation? */
export function actsFor(organisation) {
  return !!state.me && (state.me.allOrganisations || state.me.organisations.includes(organisation));
}

/** The organisations the user acts for, as far as they are known. */
export function ownOrganisations() {
  return [...state.organisations.values()].filter(o => actsFor(o.id));
}

/** Warnings a call was taken with (far from a road, say), by incident, as its creation reported them. */
export const incidentWarnings = new Map();

export function rememberWarnings(incident, warnings) {
  if (incident && warnings?.length) incidentWarnings.set(incident, warnings);
}

/** Callsigns of units the user cannot list (another service's escort, say), as recommendations named them. */
export const knownCallsigns = new Map();

export function callsignOf(unitId) {
  return state.units.get(unitId)?.callsign ?? knownCallsigns.get(unitId) ?? unitId;
}

const loaders = {
  async units() {
    const r = await get('/units');
    seen(r.sequence);
    state.units = new Map(r.units.map(u => [u.id, u]));
    state.nextStatuses = new Map(Object.entries(r.nextStatuses ?? {}));
  },
  async incidents() {
    const r = await get('/incidents');
    seen(r.sequence);
    for (const [unit, callsign] of Object.entries(r.callsigns ?? {})) knownCallsigns.set(unit, callsign);
    state.incidents = new Map(r.incidents.map(i => [i.id, i]));
  },
  async queue() {
    const r = await get('/queue');
    seen(r.sequence);
    state.queue = r.waiting;
    // Waiting times count from the queue's own "now", on Muster's clock, which this also keeps in step.
    state.queueNow = r.now;
    syncClock(r.now);
  },
  async zones() {
    const r = await get('/zones');
    state.zones = new Map(r.zones.map(z => [z.id, z]));
  },
  async capacity() {
    const r = await get('/capacity');
    seen(r.sequence);
    state.capacity = r;
  },
  async coverage() {
    try {
      const r = await get('/coverage');
      seen(r.sequence);
      state.coverage = r;
    } catch (e) {
      // no road network configured: the service cannot measure coverage, and says why
      if (e.status !== 409) throw e;
      state.coverage = { unavailable: e.problem.detail ?? 'no coverage without a road network' };
    }
  },
  async kpis() {
    const window = encodeURIComponent(state.kpiWindow);
    const [kpis, zones] = await Promise.all([get('/kpis?window=' + window), get('/kpis/zones?window=' + window).catch(() => null)]);
    state.kpis = kpis;
    state.zoneKpis = zones;
  },
  async alerts() {
    const r = await get('/alerts');
    state.alerts = r.alerts;
    state.alertsNow = r.now ?? {};
    // which of them this user may accept or dismiss: the server's rule (a move-up is a dispatcher's)
    state.alertsDecidable = new Set(r.decidable ?? []);
  },
  async aid() {
    // "Open" in the API means still taking offers; the board also follows filled, deployed and released
    // requests until they are closed, cancelled or expired.
    const r = await get('/aid/requests?all=true');
    seen(r.sequence);
    for (const [unit, callsign] of Object.entries(r.callsigns ?? {})) knownCallsigns.set(unit, callsign);
    const ended = q => ['CLOSED', 'CANCELLED', 'EXPIRED'].includes(q.status);
    state.aid = r.requests.filter(q => !ended(q));
    state.aidReferred = new Set(r.declinedByAllAsked ?? []);
    // an expired or cancelled request stays in its parties' sight for a day, so an unfilled one is not lost
    state.aidRecent = r.requests.filter(q => ended(q) && musterNow() - Date.parse(q.statusSince) < RECENT_MILLIS)
      .sort((a, b) => Date.parse(b.statusSince) - Date.parse(a.statusSince));
  },
  async major() {
    // each board in full: a handful at most, and the attending services work from the board itself
    const list = await get('/major-incidents');
    seen(list.sequence);
    state.major = await Promise.all(list.majorIncidents.map(m => get(`/major-incidents/${encodeURIComponent(m.id)}`)));
  },
  async national() {
    state.national = state.me?.allOrganisations ? await get('/national') : null;
  },
  async closures() {
    const r = await get('/road-closures');
    seen(r.sequence);
    state.closures = r.closures;
  },
  async publicAlerts() {
    const r = await get('/cap/alerts');
    seen(r.sequence);
    state.publicAlerts = r.alerts;
  },
  async peers() {
    // the other control rooms this service hands calls over to: configuration, not live
    state.peers = (await get('/peers')).peers;
  },
  async organisations() {
    const r = await get('/organisations');
    state.organisations = new Map(r.organisations.map(o => [o.id, o]));
  },
  async stations() {
    state.stations = (await get('/stations')).stations;
  },
  async types() {
    const r = await get('/incident-types');
    state.types = new Map(r.types.map(t => [t.code, t]));
  },
};

export const TOPICS = Object.keys(loaders);

/** Reloads the topics' lists (in parallel) and tells their views; a failed load is logged, not fatal. */
export async function reload(...topics) {
  await Promise.all(topics.map(async t => {
    try {
      await loaders[t]();
      emit(t);
    } catch (e) {
      console.warn('could not load', t, e);
    }
  }));
}

/** An incident type's name from the catalogue ("Road traffic collision"), its code in words if unknown. */
export function typeName(code) {
  return state.types.get(code)?.name ?? human(code ?? '');
}
