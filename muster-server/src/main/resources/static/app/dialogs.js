// The forms: a new call, a zone's operating level, a mutual aid request and an offer. Each shows the
// API's refusal (its detail) in the form, so nothing is lost on a mistake.
import { state, can, actsFor, ownOrganisations, reload, emit, callsignOf, rememberWarnings } from './state.js';
import { el, human, short, words, get, post, put, number, localToIso, isoToLocal, musterDate, toast, debounce, needText } from './util.js';
import { pickPoint, mapCentre } from './map.js';
import { select } from './queue.js';

const UNIT_TYPES = ['POLICE_RESPONSE_CAR', 'ARMED_RESPONSE_VEHICLE', 'PUBLIC_ORDER_CARRIER', 'DOG_UNIT', 'DOUBLE_CREWED_AMBULANCE',
  'RAPID_RESPONSE_CAR', 'HAZARDOUS_AREA_RESPONSE_TEAM', 'FIRE_APPLIANCE', 'AERIAL_LADDER_PLATFORM'];
const SKILLS = ['AUTHORISED_FIREARMS_OFFICER', 'PUBLIC_ORDER', 'RESPONSE_DRIVER', 'DOG_HANDLER', 'PARAMEDIC',
  'EMERGENCY_MEDICAL_TECHNICIAN', 'FIREFIGHTER', 'BREATHING_APPARATUS'];
const PRIORITIES = { AMBULANCE: ['C1', 'C2', 'C3', 'C4'], POLICE: ['EMERGENCY', 'PRIORITY', 'SCHEDULED', 'RESOLUTION'], FIRE: ['EMERGENCY', 'PRIORITY', 'SCHEDULED', 'RESOLUTION'] };

const $ = id => document.getElementById(id);
const options = (items, value = x => x, label = human) => items.map(x => el('option', { value: value(x) }, label(x)));

/** Wires a dialog's form: submit runs f; a refusal is shown in the form and the dialog stays open. */
export function wire(dialogId, f) {
  const dialog = $(dialogId);
  const form = dialog.querySelector('form');
  const error = form.querySelector('.form-error');
  form.querySelector('.cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      await f(form);
      dialog.close();
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
  for (const b of form.querySelectorAll('button.pick')) {
    b.addEventListener('click', () => {
      const prefix = b.dataset.pick;
      dialog.close();
      pickPoint(p => {
        $(`${prefix}-lat`).value = p.lat.toFixed(6);
        $(`${prefix}-lon`).value = p.lng.toFixed(6);
        $(`${prefix}-lat`).dispatchEvent(new Event('change'));
        dialog.showModal();
      }, () => dialog.showModal());
    });
  }
}

function open(dialogId) {
  const dialog = $(dialogId);
  dialog.querySelector('.form-error').textContent = '';
  dialog.showModal();
}

export function initDialogs() {
  wire('new-incident-dialog', createIncident);
  wire('zone-level-dialog', setLevel);
  wire('aid-request-dialog', requestAid);
  wire('aid-offer-dialog', offerAid);
  wire('reason-dialog', form => reasonAction(form));
  $('ni-organisation').addEventListener('change', fillTypes);
  $('ni-type').addEventListener('change', fillPriorities);
  $('zl-level').addEventListener('change', () => { $('zl-rendezvous').hidden = $('zl-level').value !== 'CLOSED'; });
  $('ar-unit-type').addEventListener('change', () => { if ($('ar-unit-type').value) $('ar-skill').value = ''; });
  $('ar-skill').addEventListener('change', () => { if ($('ar-skill').value) $('ar-unit-type').value = ''; });
  for (const id of ['ar-unit-type', 'ar-skill', 'ar-count', 'ar-lat', 'ar-lon']) $(id).addEventListener('change', suggestLater);
  $('new-incident-button').addEventListener('click', openNewIncident);
  $('zone-level-button').addEventListener('click', () => openZoneLevel());
  $('request-aid-button').addEventListener('click', openAidRequest);
}

// ---- a new call

export function openNewIncident() {
  if (!can('TAKE_CALLS')) { toast('You may not take calls.', 'error'); return; }
  const orgs = ownOrganisations();
  const org = $('ni-organisation');
  const before = org.value;
  org.replaceChildren(...options(orgs, o => o.id, o => o.name));
  if (before && orgs.some(o => o.id === before)) org.value = before;
  fillTypes();
  $('ni-description').value = '';
  open('new-incident-dialog');
  $('ni-type').focus();
}

function fillTypes() {
  const agency = state.organisations.get($('ni-organisation').value)?.agency;
  const types = [...state.types.values()].filter(t => t.agency === agency);
  $('ni-type').replaceChildren(...options(types, t => t.code, t => `${t.name} (${human(t.defaultPriority)})`));
  fillPriorities();
}

function fillPriorities() {
  const agency = state.organisations.get($('ni-organisation').value)?.agency;
  $('ni-priority').replaceChildren(el('option', { value: '' }, 'From the type'), ...options(PRIORITIES[agency] ?? []));
}

async function createIncident(form) {
  const f = new FormData(form);
  if (!f.get('lat') || !f.get('lon')) {
    const c = mapCentre();
    throw new Error(`Give a location: pick it on the map (the centre is ${c.lat.toFixed(5)}, ${c.lon.toFixed(5)}).`);
  }
  const body = {
    organisation: f.get('organisation'),
    type: f.get('type'),
    location: { lat: number(f.get('lat'), 'Latitude'), lon: number(f.get('lon'), 'Longitude') },
  };
  if (f.get('priority')) body.priority = f.get('priority');
  if (f.get('description')) body.description = f.get('description');
  const r = await post('/incidents', body);
  const location = r.headers.get('Location') ?? '';
  const id = location.substring(location.lastIndexOf('/') + 1);
  toast(`Call ${id} taken`);
  const warnings = (r.data?.events ?? []).flatMap(e => e.event?.warnings ?? []);
  if (warnings.length) {
    rememberWarnings(id, warnings);
    toast(warnings.map(words).join('; '), 'error', 'Far from a road');
  }
  await reload('incidents', 'queue');
  if (id) select(id);
}

// ---- a zone's operating level

export function openZoneLevel(zoneId) {
  if (!can('SUPERVISE')) { toast('Only a supervisor changes a zone\'s level.', 'error'); return; }
  const zones = [...state.zones.values()].filter(z => actsFor(z.organisation));
  $('zl-zone').replaceChildren(...options(zones, z => z.id, z => `${z.name} (${z.id}) — ${human(z.level.level)}`));
  const incident = state.incidents.get(state.selectedIncident);
  if (zoneId) $('zl-zone').value = zoneId;
  else if (incident) toast('Tip: choose the zone of the selected call from the list.');
  $('zl-level').value = state.zones.get($('zl-zone').value)?.level.level ?? 'NORMAL';
  $('zl-reason').value = '';
  $('zl-review').value = '';
  $('zl-rendezvous').hidden = $('zl-level').value !== 'CLOSED';
  open('zone-level-dialog');
  $('zl-level').focus();
}

async function setLevel(form) {
  const f = new FormData(form);
  const body = { level: f.get('level'), reason: String(f.get('reason') ?? '').trim() };
  if (!body.reason) throw new Error('Say why the level changes: the reason goes in the log.');
  if (f.get('reviewAt')) body.reviewAt = localToIso(f.get('reviewAt'));
  if (body.level === 'CLOSED') {
    if (!f.get('lat') || !f.get('lon')) throw new Error('A closed zone needs a rendezvous point: pick it on the map.');
    body.rendezvous = { lat: number(f.get('lat'), 'Latitude'), lon: number(f.get('lon'), 'Longitude') };
  }
  const zone = f.get('zone');
  await put(`/zones/${encodeURIComponent(zone)}/level`, body);
  toast(`${state.zones.get(zone)?.name ?? zone}: ${human(body.level)}`);
  await reload('zones', 'capacity');
}

// ---- mutual aid

export function openAidRequest() {
  if (!can('MUTUAL_AID')) { toast('You may not request mutual aid.', 'error'); return; }
  const own = ownOrganisations();
  $('ar-requester').replaceChildren(...options(own, o => o.id, o => o.name));
  $('ar-unit-type').replaceChildren(el('option', { value: '' }, '—'), ...options(UNIT_TYPES));
  $('ar-skill').replaceChildren(el('option', { value: '' }, '—'), ...options(SKILLS));
  $('ar-unit-type').value = own[0]?.agency === 'AMBULANCE' ? 'DOUBLE_CREWED_AMBULANCE' : own[0]?.agency === 'FIRE' ? 'FIRE_APPLIANCE' : 'POLICE_RESPONSE_CAR';
  const others = [...state.organisations.values()].filter(o => !actsFor(o.id) || !own.some(x => x.id === o.id));
  $('ar-addressees').replaceChildren(...others.map(o => el('label', {},
    el('input', { type: 'checkbox', name: 'addressee', value: o.id, testid: `ar-addressee-${o.id}` }), `${o.name}`)));
  $('ar-requester').onchange = () => { rendezvousAtHome(); suggestLater(); };
  rendezvousAtHome();
  $('ar-suggestions').replaceChildren();
  // An hour from now on Muster's clock (the demo's runs fast): the browser's own clock would give a time
  // the server has already passed, and the request would be refused.
  $('ar-report-by').value = isoToLocal(musterDate(3600_000));
  $('ar-reason').value = '';
  open('aid-request-dialog');
  $('ar-count').focus();
  suggest();
}

// ---- who could help: the same suggestions as `muster aid suggest`, for the request as filled in so far

const suggestLater = debounce(() => suggest(), 400, 1500);
let suggesting = 0;

async function suggest() {
  const box = $('ar-suggestions');
  const unitType = $('ar-unit-type').value, skill = $('ar-skill').value;
  const lat = parseFloat($('ar-lat').value), lon = parseFloat($('ar-lon').value);
  if (!unitType === !skill || !Number.isFinite(lat) || !Number.isFinite(lon)) {
    box.replaceChildren(el('p', { class: 'muted' }, 'Choose a unit type or a skill and a rendezvous point to see who could help.'));
    return;
  }
  const q = new URLSearchParams({ requester: $('ar-requester').value, count: $('ar-count').value || '1', lat, lon });
  if (unitType) q.set('unitType', unitType); else q.set('skill', skill);
  const ticket = ++suggesting;
  box.replaceChildren(el('p', { class: 'muted' }, 'Looking for who could help…'));
  try {
    const r = await get('/aid/suggestions?' + q);
    if (ticket !== suggesting) return;
    box.replaceChildren(...suggestionList(r));
  } catch (e) {
    if (ticket === suggesting) box.replaceChildren(el('p', { class: 'muted' }, `No suggestions: ${e.message}`));
  }
}

function suggestionList(r) {
  if (!r.suggestions.length) return [el('p', { class: 'muted', testid: 'ar-no-suggestions' }, 'No other organisation has a suitable unit free now.')];
  return [el('ol', { class: 'suggestions' }, r.suggestions.map(x => {
    const org = state.organisations.get(x.organisation);
    const ask = $('ar-addressees').querySelector(`input[value="${CSS.escape(x.organisation)}"]`);
    return el('li', { testid: `ar-suggestion-${x.organisation}`, dataset: { organisation: x.organisation, spare: String(x.spare) } },
      el('div', { class: 'suggestion-head' },
        el('strong', {}, org?.name ?? x.organisation),
        el('span', { class: x.spare ? 'n' : 'n shortfall' }, `can spare ${x.spare} of ${x.suitable}`),
        ask ? el('button', {
          type: 'button', class: 'small', testid: `ar-ask-${x.organisation}`,
          onclick: () => { ask.checked = true; },
        }, 'Ask') : null),
      el('ul', { class: 'reasons' }, x.reasons.map(text => el('li', {}, words(unitIdsToCallsigns(text))))));
  })), ...r.notes.map(n => el('p', { class: 'muted' }, words(n)))];
}

/** Suggestions name units by id; the board names them by callsign where it knows them. */
function unitIdsToCallsigns(text) {
  return text.replace(/\[([^\]]*)\]/g, (all, list) => list.split(', ').every(id => callsignOf(id) !== id)
    ? list.split(', ').map(callsignOf).join(', ') : all);
}

// ---- a reason for the log: declining aid, granting clearance

let reasonAction = async () => {};

/**
 * Asks for a reason, which goes in the log, then runs {@code submit(reason, choice)}; a refusal stays in
 * the dialog. {@code choices} (id → name) adds a choice, such as which of the user's organisations declines.
 */
export function askReason({ title, what, confirm, choices, choiceLabel, testid }, submit, done) {
  $('reason-title').textContent = title;
  $('rd-what').textContent = what ?? '';
  $('rd-submit').textContent = confirm ?? 'Confirm';
  $('reason-dialog').dataset.for = testid ?? '';
  const list = choices ? [...choices] : [];
  $('rd-choice-label').hidden = list.length < 2;
  $('rd-choice-name').textContent = choiceLabel ?? 'For';
  $('rd-choice').replaceChildren(...list.map(([id, name]) => el('option', { value: id }, name)));
  $('rd-reason').value = '';
  reasonAction = async form => {
    const reason = String(new FormData(form).get('reason') ?? '').trim();
    if (!reason) throw new Error('Give a reason: it goes in the log.');
    await submit(reason, $('rd-choice').value);
    if (done) toast(done);
  };
  open('reason-dialog');
  $('rd-reason').focus();
}

/** A first rendezvous point: the requester's first station, which lies on the road network. */
function rendezvousAtHome() {
  const station = state.stations.find(s => s.organisation === $('ar-requester').value);
  const p = station?.location ?? mapCentre();
  $('ar-lat').value = p.lat.toFixed(6);
  $('ar-lon').value = p.lon.toFixed(6);
}

async function requestAid(form) {
  const f = new FormData(form);
  const unitType = f.get('unitType'), skill = f.get('skill');
  if (!unitType === !skill) throw new Error('Ask for either a unit type or people with a skill.');
  const organisations = f.getAll('addressee');
  const body = {
    requester: f.get('requester'),
    need: { unitType: unitType || null, skill: skill || null, count: Number(f.get('count')), capabilities: [] },
    rendezvous: { lat: number(f.get('lat'), 'Latitude'), lon: number(f.get('lon'), 'Longitude') },
    reportBy: localToIso(f.get('reportBy')),
    duration: `PT${Number(f.get('hours'))}H`,
    reason: String(f.get('reason') ?? '').trim(),
    priority: f.get('priority'),
    addressees: { organisations, region: null, nationalCoordinator: f.get('national') === 'on' },
  };
  if (!body.reason) throw new Error('Say why you need help.');
  if (!organisations.length && !body.addressees.nationalCoordinator) throw new Error('Ask at least one organisation or the national coordinator.');
  const r = await post('/aid/requests', body);
  toast(`Mutual aid requested (${(r.headers.get('Location') ?? '').split('/').pop()})`);
  await reload('aid');
}

let offering = null;

export function openAidOffer(request, answerers) {
  offering = request;
  $('ao-need').textContent = `${request.requester} needs ${needText(request.need)}: ${request.reason}`;
  $('ao-offerer').replaceChildren(...options(answerers.map(id => state.organisations.get(id) ?? { id, name: id }), o => o.id, o => o.name));
  const fillUnits = () => {
    const from = $('ao-offerer').value;
    const units = [...state.units.values()]
      .filter(u => u.organisation === from && !u.lentTo && u.status === 'AVAILABLE')
      .filter(u => !request.need.unitType || u.type === request.need.unitType)
      .sort((a, b) => a.callsign.localeCompare(b.callsign));
    $('ao-units').replaceChildren(...(units.length
      ? units.map(u => el('label', {}, el('input', { type: 'checkbox', name: 'unit', value: u.id, testid: `ao-unit-${u.id}` }), u.callsign))
      : [el('span', { class: 'muted' }, 'No suitable unit available.')]));
  };
  $('ao-offerer').onchange = fillUnits;
  fillUnits();
  $('ao-note').value = '';
  $('ao-provisional').checked = false;
  open('aid-offer-dialog');
}

async function offerAid(form) {
  const f = new FormData(form);
  const units = f.getAll('unit');
  if (!units.length) throw new Error('Choose the units to offer.');
  const r = await post(`/aid/requests/${encodeURIComponent(offering.id)}/offers`, {
    offerer: f.get('offerer'), units, provisional: f.get('provisional') === 'on', note: f.get('note') || '',
  });
  toast(`Offered ${units.length} unit(s) to ${offering.requester}`);
  // the offer stands, but below the offerer's own safe minimum: say so where it was made
  const warnings = (r.data?.events ?? []).flatMap(e => e.event?.offer?.warnings ?? []);
  if (warnings.length) {
    const more = warnings.length > 2 ? `; and ${warnings.length - 2} more, on the request` : '';
    toast(warnings.slice(0, 2).map(words).join('; ') + more, 'error', 'Below your safe minimum');
  }
  await reload('aid');
  emit('changed');
}
