// Small helpers every part of the dashboard uses: the API client, DOM building, formatting, messages.

/** A refusal from the API, carrying its RFC 9457 problem details. */
export class ApiError extends Error {
  constructor(status, problem) {
    super(describe(status, problem));
    this.status = status;
    this.problem = problem || {};
  }
}

function describe(status, problem) {
  if (!problem || typeof problem !== 'object') return `The server answered ${status}.`;
  let text = problem.detail || problem.title || `The server answered ${status}.`;
  const missing = (problem.violations ?? []).filter(v => !text.includes(v.rule));
  if (missing.length) text += ' — ' + missing.map(v => `${v.field}: ${v.rule}`).join('; ');
  return text;
}

function cookie(name) {
  const hit = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith(name + '='));
  return hit ? decodeURIComponent(hit.substring(name.length + 1)) : null;
}

/** A fresh key per action, so that a retried request is answered from the log instead of acting twice. */
function idempotencyKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return 'web-' + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

/** Calls the API under /api/v1. Signs out to /login on 401; throws ApiError on any other refusal. */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET') {
    const token = cookie('XSRF-TOKEN');
    if (token) headers['X-XSRF-TOKEN'] = token;
    headers['Idempotency-Key'] = idempotencyKey();
  }
  const res = await fetch('/api/v1' + path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (res.status === 401) {
    location.assign('/login');
    throw new ApiError(401, { detail: 'Signed out: sign in again.' });
  }
  const text = await res.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = { detail: text }; }
  if (!res.ok) throw new ApiError(res.status, data);
  return { data, status: res.status, headers: res.headers };
}

export const get = path => api('GET', path).then(r => r.data);
export const post = (path, body) => api('POST', path, body);
export const put = (path, body) => api('PUT', path, body);
export const del = (path, body) => api('DELETE', path, body);

/**
 * Builds an element: el('button', {class: 'primary', onclick: f, testid: 'x'}, 'Text', child...).
 * Text is always set as text, never parsed as HTML.
 */
export function el(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'testid') e.dataset.testid = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') e.addEventListener(k.substring(2), v);
    else if (k === 'text') e.textContent = v;
    else if (v === true) e.setAttribute(k, '');
    else e.setAttribute(k, v);
  }
  append(e, children);
  return e;
}

function append(parent, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) append(parent, c);
    else parent.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/*
 * Muster's codes in words: the one place the dashboard turns an enum name (a status, reason, unit type,
 * capability, skill, level, colour, priority, aid status...) into what a control room says. Codes not
 * listed read as their words in lower case ("ON_SCENE" → "on scene"), so a code added on the server never
 * shows in capitals.
 */
const WORDS = {
  // priorities
  C1: 'category 1', C2: 'category 2', C3: 'category 3', C4: 'category 4',
  // unit types
  ARMED_RESPONSE_VEHICLE: 'armed response vehicle', POLICE_RESPONSE_CAR: 'police response car',
  PUBLIC_ORDER_CARRIER: 'public order carrier', DOUBLE_CREWED_AMBULANCE: 'double-crewed ambulance',
  HAZARDOUS_AREA_RESPONSE_TEAM: 'hazardous area response team (HART)',
  // unit statuses and why a unit is off the road
  EN_ROUTE: 'en route', AT_RENDEZVOUS: 'at the rendezvous point', AT_HOSPITAL: 'at hospital',
  UNDER_CREWED: 'under-crewed', OFF_DUTY: 'off duty', OUT_OF_SERVICE: 'out of service',
  // capabilities and skills
  POLICE_RESPONSE: 'police response', ARMED: 'armed', PATIENT_CARE: 'patient care', PARAMEDIC_CARE: 'paramedic care',
  FIRE_SUPPRESSION: 'fire suppression', HAZARDOUS_AREA: 'hazardous area work', DOG: 'police dog',
  AUTHORISED_FIREARMS_OFFICER: 'authorised firearms officer', EMERGENCY_MEDICAL_TECHNICIAN: 'emergency medical technician',
  BREATHING_APPARATUS: 'breathing apparatus',
  // operating levels and capacity colours
  ESCORT_REQUIRED: 'escort required',
  GREEN: 'green: above safe minimum', AMBER: 'amber: at safe minimum', RED: 'red: below safe minimum',
  NONE: 'no units available',
  // incidents, clearance, mutual aid
  NOT_NEEDED: 'not needed', AWAITING: 'awaiting clearance', PARTLY_FILLED: 'partly filled',
  PROVISIONAL: 'provisional', LAPSED: 'lapsed',
  // what a public warning tells people to do (CAP's Monitor)
  MONITOR: 'keep informed',
  // alert kinds
  'lending-overdue': 'lent past the time asked for', 'aid-refused': 'aid declined by everyone asked',
  'closed-route': 'route through a closure',
  'escort-wait': 'crews waiting for an escort', 'clearance-wait': 'crews waiting for clearance',
  'level-review': 'zone level due for review',
  backlog: 'calls outpacing units',
};

/** Short forms for tight places (badges): the same words, briefer. */
const SHORT = {
  C1: 'Cat 1', C2: 'Cat 2', C3: 'Cat 3', C4: 'Cat 4', GREEN: 'Green', AMBER: 'Amber', RED: 'Red', NONE: 'No units',
  HAZARDOUS_AREA_RESPONSE_TEAM: 'HART', ARMED_RESPONSE_VEHICLE: 'ARV',
};

function wordsOf(code) {
  const c = String(code);
  return WORDS[c] ?? c.replace(/_/g, ' ').toLowerCase();
}

function capitalised(s) {
  return s.charAt(0).toUpperCase() + s.substring(1);
}

/** A code as a label: "UNDER_CREWED" → "Under-crewed", "C2" → "Category 2". */
export function human(code) {
  if (code === undefined || code === null) return '';
  return capitalised(wordsOf(code));
}

/** A mutual aid need in words: "2 × armed response vehicle", "18 people: public order". */
export function needText(need) {
  const what = need.unitType ? `${need.count} × ${lower(need.unitType)}` : `${need.count} people: ${lower(need.skill)}`;
  return need.capabilities?.length ? `${what} offering ${need.capabilities.map(lower).join(', ')}` : what;
}

/** A code in the middle of a sentence: "ARMED" → "armed". */
export function lower(code) {
  if (code === undefined || code === null) return '';
  const w = wordsOf(code);
  return /^[A-Z]{2,}\b/.test(w) ? w : w.charAt(0).toLowerCase() + w.substring(1);
}

/** A code for a badge: short where the words are long. */
export function short(code) {
  if (code === undefined || code === null) return '';
  return SHORT[code] ?? human(code);
}

/**
 * An organisation's capacity colour, which is its worst zone's: its badge's words and title. "No units" beside a
 * service with dozens free would read as none at all; it means a zone has none of a type it keeps a minimum of.
 */
export function organisationColour(colour) {
  return {
    GREEN: ['Green', 'every zone above its safe minimums'],
    AMBER: ['Amber', 'a zone at (or just above) a safe minimum'],
    RED: ['Red', 'a zone below a safe minimum'],
    NONE: ['No units in a zone', 'a zone has none of a type it keeps a safe minimum of (see the Capacity tab)'],
  }[colour] ?? [human(colour), human(colour)];
}

/**
 * The server's free text (a recommendation's reason, a note, a shortfall) with every code in it put in
 * words: "ARMED_RESPONSE_VEHICLE [ARMED, ESCORT]; available" → "armed response vehicle (armed, escort);
 * available". Identifiers (MAS-01, I-7, MA-DCA01) are left alone: they hold digits or hyphens.
 */
export function words(text) {
  if (text === undefined || text === null) return '';
  return String(text)
    .replace(/\[([A-Z][A-Z0-9_]*(?:, [A-Z][A-Z0-9_]*)*)\]/g, (_, list) => `(${list})`)
    .replace(/\b([A-Z][A-Z_]*[A-Z]|C[1-4])\b(?![-\d])/g, (code, _c, at, all) =>
      all.charAt(at - 1) === '-' || !isCode(code) ? code : lower(code));
}

/** Upper-case words that are codes, not abbreviations a person writes (ARV, HART, OK). */
function isCode(word) {
  return word in WORDS || word.includes('_') || KNOWN_CODES.has(word);
}

const KNOWN_CODES = new Set(['AVAILABLE', 'DISPATCHED', 'ON_SCENE', 'TRANSPORTING', 'RETURNING', 'UNAVAILABLE',
  'WITHDRAWN', 'NORMAL', 'ELEVATED', 'DOWNGRADED', 'CLOSED', 'OPEN', 'WAITING', 'ASSIGNED', 'CANCELLED', 'MERGED',
  'ESCORT', 'RESCUE', 'CONVEYANCE', 'PARAMEDIC', 'FIREFIGHTER', 'EMERGENCY', 'PRIORITY', 'SCHEDULED', 'RESOLUTION',
  'PRIMARY', 'SUPPORT', 'OFFERED', 'ACCEPTED', 'FILLED', 'DEPLOYED', 'RELEASED', 'EXPIRED', 'DRAFT', 'FULL', 'PARTIAL',
  'IMMEDIATE', 'URGENT', 'ROUTINE', 'GRANTED', 'WEAPONS', 'FIREARMS', 'FIRE', 'TRAFFIC', 'GREEN', 'AMBER', 'RED',
  'POLICE', 'AMBULANCE', 'DISMISSED']);

export function badge(kind, value, label) {
  return el('span', { class: `badge ${kind}-${value}` }, label ?? human(value));
}

/** A duration from the API in seconds: a number of seconds ("12.5") or ISO-8601 ("PT5M12S"). */
export function seconds(d) {
  if (d === null || d === undefined) return null;
  if (typeof d === 'number') return d;
  const s = String(d).trim();
  if (/^-?\d+(\.\d+)?$/.test(s)) return parseFloat(s);
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:([\d.]+)S)?)?$/.exec(s);
  if (!m) return null;
  const total = (+(m[2] || 0)) * 86400 + (+(m[3] || 0)) * 3600 + (+(m[4] || 0)) * 60 + parseFloat(m[5] || 0);
  return m[1] ? -total : total;
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function clock(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined || Number.isNaN(totalSeconds)) return '—';
  const t = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), s = t % 60;
  const mm = String(m).padStart(h ? 2 : 1, '0'), ss = String(s).padStart(2, '0');
  return h ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** 28800 → "8 h", 5400 → "1:30:00". */
export function span(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined) return '—';
  return totalSeconds % 3600 === 0 ? `${totalSeconds / 3600} h` : clock(totalSeconds);
}

export function minutes(totalSeconds) {
  return totalSeconds === null || totalSeconds === undefined ? null : Math.round(totalSeconds / 6) / 10;
}

export function timeOfDay(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** "21:05": a time to the minute, for an estimate (a projected breach) whose seconds would claim a precision it has not. */
export function hourMinute(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
}

/*
 * Muster's time: the server's clock, which in the demo runs faster than real time (/me gives its time and
 * rate). Waiting times and the clock on screen follow it, not the browser's.
 */
let clockBase = { server: null, local: 0, rate: 1 };

export function setClock(serverIso, rate) {
  clockBase = { server: serverIso ? new Date(serverIso).getTime() : null, local: Date.now(), rate: rate > 0 ? rate : 1 };
}

export function musterNow() {
  return clockBase.server === null ? Date.now() : clockBase.server + (Date.now() - clockBase.local) * clockBase.rate;
}

export function clockRate() {
  return clockBase.rate;
}

/**
 * Keeps to Muster's time as the server last told it (a list's "now"), at the known rate: a demo's clock
 * may have been paused or reset since the page loaded. Every time shown or defaulted goes through here.
 */
export function syncClock(serverIso) {
  if (serverIso) setClock(serverIso, clockBase.rate);
}

/** Muster's time now as a Date, for defaults such as an aid request's report-by time. */
export function musterDate(plusMillis = 0) {
  return new Date(musterNow() + plusMillis);
}

/** "4:12 ago" on Muster's clock, never the browser's. */
export function ago(iso) {
  return iso ? `${clock(since(iso))} ago` : '';
}

export function since(iso) {
  if (!iso) return null;
  return (musterNow() - new Date(iso).getTime()) / 1000;
}

/** A short message in the corner; errors stay longer and are announced. */
export function toast(message, kind = 'info', title) {
  const box = document.getElementById('toasts');
  const t = el('div', { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status', testid: `toast-${kind}` },
    title ? el('strong', {}, title) : null, message);
  box.append(t);
  setTimeout(() => t.remove(), kind === 'error' ? 9000 : 4000);
}

/** Runs an action from a button: disables it meanwhile, shows the refusal's detail if any. */
export async function act(button, action, done) {
  if (button) button.disabled = true;
  try {
    const r = await action();
    if (done) toast(done);
    // a unit a mutual aid request holds, kept by its home: taken out of an offer, or not sent with a deployment
    for (const e of r?.data?.events ?? []) if (e.event?.why && e.event?.request && e.event?.unit) toast(words(e.event.why), 'error', 'Mutual aid');
    return r;
  } catch (e) {
    toast(e.message, 'error', e.status ? `Refused (${e.status})` : 'Failed');
    return undefined;
  } finally {
    if (button) button.disabled = false;
  }
}

/** Calls f at most once per wait, and at least every maxWait while calls keep coming. */
export function debounce(f, wait, maxWait = wait * 4) {
  let timer = null, first = 0;
  return () => {
    const now = Date.now();
    if (!timer) first = now;
    clearTimeout(timer);
    const delay = Math.max(0, Math.min(wait, first + maxWait - now));
    timer = setTimeout(() => { timer = null; f(); }, delay);
  };
}

/** "2026-05-01T10:00" from a datetime-local input to an ISO instant; empty stays empty. */
export function localToIso(value) {
  return value ? new Date(value).toISOString() : null;
}

export function isoToLocal(date) {
  const pad = n => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function number(value, field) {
  const n = parseFloat(String(value).replace(',', '.'));
  if (!Number.isFinite(n)) throw new Error(`${field} must be a number`);
  return n;
}

/** A requirement in words: "1 × double crewed ambulance with paramedic". */
export function requirementText(req) {
  if (!req) return '';
  const types = req.anyOfTypes?.length ? req.anyOfTypes.map(human).join(' or ') : 'any unit';
  const caps = req.capabilities?.length ? ` with ${req.capabilities.map(lower).join(', ')}` : '';
  return `${req.count} × ${types}${caps}`;
}
