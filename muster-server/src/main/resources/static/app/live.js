// The live stream: server-sent events from /api/v1/stream. Each event names what changed; the lists it
// touches are reloaded (debounced), so the dashboard shows the engine's state without polling. A dropped
// connection resumes from the last sequence seen, and the lists are reloaded once it is back, so nothing
// that happened in between is missed.
import { state, reload, emit, TOPICS, rememberWarnings } from './state.js';
import { debounce } from './util.js';

const UNITS = ['units', 'capacity', 'coverage', 'queue', 'incidents'];
const INCIDENTS = ['incidents', 'queue', 'kpis'];

/** Which lists each event type changes; a type not listed reloads everything. */
const AFFECTS = {
  UnitStatusChanged: UNITS, UnitMoved: ['units', 'queue'], UnitAssigned: [...UNITS, 'kpis'],
  UnitArrived: [...UNITS, 'kpis'], UnitReleased: UNITS, UnitRegistered: UNITS, CrewChanged: UNITS,
  PersonDutyChanged: UNITS, SkillSuspended: UNITS, SkillRestored: UNITS, PersonRegistered: [],
  IncidentCreated: INCIDENTS, IncidentStatusChanged: [...INCIDENTS, 'units'], IncidentMerged: INCIDENTS,
  ClearanceRequired: INCIDENTS, TacticalClearanceGranted: INCIDENTS,
  OperatingLevelChanged: ['zones', 'capacity', 'queue'], SafeMinimumSet: ['capacity'], ZoneCoverSet: ['zones', 'capacity'], ZoneRegistered: ['zones', 'capacity', 'coverage'],
  AlertRaised: ['alerts'], AlertAccepted: ['alerts', 'zones'], AlertDismissed: ['alerts'], AlertResolved: ['alerts'],
  AidRequested: ['aid'], AidRequestStatusChanged: ['aid'], AidOffered: ['aid'], AidDeclined: ['aid'],
  AidOfferAccepted: ['aid', 'units'], UnitLent: ['aid', ...UNITS], UnitReturned: ['aid', ...UNITS],
  OrganisationRegistered: ['organisations'], StationRegistered: ['stations'],
  MajorIncidentDeclared: ['major', 'national'], MajorIncidentStatusChanged: ['major', 'national'],
  IncidentLinkedToMajorIncident: ['major', 'national', 'incidents'], MethaneReportFiled: ['major', 'national'],
  CasualtiesReported: ['major', 'national'], MajorIncidentPlaceMarked: ['major'],
  EscalationLevelChanged: ['capacity', 'national', 'kpis'], TargetsSuspended: ['capacity', 'kpis'], PrioritiesHeldBack: ['capacity', 'queue'],
  IncidentHandedOver: ['incidents'], HandoverRefused: ['incidents'], HandoverStatusReported: ['incidents'],
  RoadClosed: ['closures', 'queue', 'coverage'], RoadReopened: ['closures', 'queue', 'coverage'],
  PublicAlertIssued: ['publicAlerts'], PublicAlertUpdated: ['publicAlerts'], PublicAlertCancelled: ['publicAlerts'],
};

const LIVE_TOPICS = TOPICS.filter(t => !['types', 'organisations', 'stations', 'peers'].includes(t));
const pending = new Set();
const flush = debounce(() => {
  const topics = [...pending];
  pending.clear();
  reload(...topics);
  emit('changed');
}, 300, 1200);

let source = null;
let retry = 0;
let everOpen = false;

function status(state_, text) {
  const s = document.getElementById('live-status');
  s.dataset.state = state_;
  s.textContent = text;
}

function onEvent(e) {
  const sequence = Number(e.lastEventId);
  if (Number.isFinite(sequence) && sequence > state.lastSequence) state.lastSequence = sequence;
  if (e.type === 'IncidentCreated') {
    // a call taken far from a road says so once, in its creation: keep it for the incident panel
    try {
      const data = JSON.parse(e.data);
      rememberWarnings(data.event?.incident?.id, data.event?.warnings);
    } catch { /* not ours to judge: the lists reload anyway */ }
  }
  for (const t of AFFECTS[e.type] ?? LIVE_TOPICS) pending.add(t);
  flush();
  status('live', `Live · ${state.lastSequence}`);
}

/** Closes the stream, as a dropped connection would; connect() resumes. */
export function disconnect() {
  if (source) source.close();
  source = null;
  status('down', 'Disconnected');
}

/** Opens the stream after the last sequence the lists were loaded at. */
export function connect() {
  if (source) source.close();
  source = new EventSource('/api/v1/stream?after=' + state.lastSequence);
  for (const type of Object.keys(AFFECTS)) source.addEventListener(type, onEvent);
  source.onmessage = onEvent;
  source.onopen = () => {
    retry = 0;
    status('live', `Live · ${state.lastSequence}`);
    // Back after a break: reload every list once, in case the gap held events we never saw.
    if (everOpen) for (const t of LIVE_TOPICS) pending.add(t);
    everOpen = true;
    if (pending.size) flush();
  };
  source.onerror = () => {
    if (source.readyState === EventSource.CLOSED) {
      // The browser gave up (the server refused or went away): try again ourselves, from our sequence.
      status('down', 'Disconnected — retrying');
      const wait = Math.min(30000, 1000 * 2 ** retry++);
      setTimeout(connect, wait);
    } else {
      status('reconnecting', 'Reconnecting…');
    }
  };
  // A safety net for event types this page does not know yet.
  clearInterval(connect.timer);
  connect.timer = setInterval(() => reload(...LIVE_TOPICS), 60000);
}
