// Major incidents and the national picture. Every attending service sees a major incident's shared board:
// the calls linked to it and the units committed by organisation, casualties by triage category, rendezvous
// points and cordons, and each service's latest METHANE report with what changed since its previous one.
// Beside the capacity board, each of the user's organisations' escalation level; and, for the national
// coordinator alone, the national picture.
import { state, on, can, actsFor, ownOrganisations, reload } from './state.js';
import { el, human, timeOfDay, span, seconds, post, number, toast, needText, organisationColour } from './util.js';
import { mapCentre } from './map.js';
import { wire, askReason } from './dialogs.js';

const $ = id => document.getElementById(id);
const PARTS = ['majorIncident', 'exactLocation', 'type', 'hazards', 'access', 'casualties', 'emergencyServices'];
const LABELS = {
  AMBULANCE: ['REAP 1 - steady state', 'REAP 2 - moderate pressure', 'REAP 3 - severe pressure', 'REAP 4 - extreme pressure'],
  OTHER: ['Level 1 - normal', 'Level 2 - heightened', 'Level 3 - severe', 'Level 4 - critical'],
};

export function initMajor() {
  on('major', renderMajor);
  on('national', renderNational);
  on('capacity', renderLevels);
  wire('major-dialog', declare);
  wire('methane-dialog', fileMethane);
  $('declare-major-button').addEventListener('click', openDeclare);
}

function openDeclare() {
  const own = ownOrganisations();
  $('mj-organisation').replaceChildren(...own.map(o => el('option', { value: o.id }, o.name)));
  const c = mapCentre();
  $('mj-lat').value = c.lat.toFixed(6);
  $('mj-lon').value = c.lon.toFixed(6);
  $('major-dialog').querySelector('.form-error').textContent = '';
  $('major-dialog').showModal();
}

async function declare(formEl) {
  const f = new FormData(formEl);
  const centre = { lat: number(f.get('lat'), 'latitude'), lon: number(f.get('lon'), 'longitude') };
  const body = {
    organisation: f.get('organisation'), name: f.get('name'), location: centre,
    area: { centre, radiusMeters: number(f.get('radius'), 'radius') * 1000 },
    standby: f.get('standby') === 'on', reason: f.get('reason') || '',
  };
  const r = await post('/major-incidents', body);
  toast(`${body.standby ? 'Standby' : 'Major incident'} declared (${(r.headers.get('Location') ?? '').split('/').pop()})`);
  await reload('major', 'national');
}

let filingFor = null;

function openMethane(m) {
  filingFor = m;
  const mine = m.organisations.filter(o => actsFor(o));
  $('mt-for').textContent = m.name;
  $('mt-organisation').replaceChildren(...mine.map(o => el('option', { value: o }, orgName(o))));
  // a report starts from the service's last one: most parts carry over, the changes stand out
  const last = m.latestMethane.find(r => r.organisation === mine[0]);
  for (const part of PARTS) $(`mt-${part}`).value = last?.message[part] ?? '';
  $('methane-dialog').querySelector('.form-error').textContent = '';
  $('methane-dialog').showModal();
}

async function fileMethane(formEl) {
  const f = new FormData(formEl);
  const report = Object.fromEntries(PARTS.map(p => [p, String(f.get(p) ?? '')]));
  await post(`/major-incidents/${encodeURIComponent(filingFor.id)}/methane`, { organisation: f.get('organisation'), report });
  toast(`METHANE report filed for ${filingFor.name}`);
  await reload('major');
}

function setLevel(o) {
  const agency = state.organisations.get(o.organisation)?.agency;
  const labels = agency === 'AMBULANCE' ? LABELS.AMBULANCE : LABELS.OTHER;
  askReason({
    title: `Escalation level: ${orgName(o.organisation)}`, confirm: 'Set level', testid: 'escalation', choiceLabel: 'Level',
    what: `Now ${o.label}. The new level's actions (targets, categories held back, mutual aid) are applied with it and logged.`,
    choices: labels.map((l, i) => [String(i + 1), l]).filter(([v]) => v !== String(o.level)),
  }, (reason, level) => post(`/organisations/${encodeURIComponent(o.organisation)}/escalation`, { level: Number(level), reason })
    .then(() => reload('capacity', 'national')), 'Escalation level set');
}

function orgName(id) {
  return state.organisations.get(id)?.name ?? id;
}

function orgColourBadge(colour) {
  const [words, title] = organisationColour(colour);
  return el('span', { class: `badge colour-${colour}`, title, testid: 'org-colour' }, words);
}

function renderLevels() {
  const box = document.getElementById('organisation-levels');
  if (!box) return;
  const levels = state.capacity.organisations ?? [];
  box.replaceChildren(...levels.map(o => el('div', {
    class: 'org-level', testid: `org-level-${o.organisation}`, dataset: { level: String(o.level), colour: o.colour },
  },
  el('strong', {}, orgName(o.organisation)), ' ',
  orgColourBadge(o.colour), ' ',
  el('span', { class: `badge level-${o.level}`, testid: 'escalation-level' }, o.label),
  o.targetsSuspended ? el('span', { class: 'muted' }, ' · targets suspended') : null,
  o.heldBack?.length ? el('span', { class: 'muted' }, ` · held back: ${o.heldBack.map(human).join(', ')}`) : null,
  can('SUPERVISE') && actsFor(o.organisation) ? el('button', {
    type: 'button', class: 'small', testid: `set-level-${o.organisation}`, onclick: () => setLevel(o),
  }, 'Set level') : null)));
}

function renderMajor() {
  const board = document.getElementById('major-board');
  if (!board) return;
  document.getElementById('major-count').textContent = String(state.major.length);
  if (!state.major.length) { board.replaceChildren(el('p', { class: 'empty' }, 'No major incident declared.')); return; }
  board.replaceChildren(...state.major.map(majorCard));
}

function majorCard(m) {
  const path = `/api/v1/major-incidents/${encodeURIComponent(m.id)}`;
  return el('article', { class: 'major-incident', testid: `major-${m.id}`, dataset: { status: m.status } },
    el('header', {},
      el('span', { class: `badge major-${m.status}` }, human(m.status)),
      el('strong', {}, ` ${m.name}`),
      el('span', { class: 'muted' }, ` · declared by ${orgName(m.declaredBy)} at ${timeOfDay(m.declaredAt)}`)),
    el('dl', { class: 'facts' },
      el('dt', {}, 'Attending'), el('dd', {}, m.organisations.map(orgName).join(', ')),
      el('dt', {}, 'Casualties'), el('dd', { testid: 'major-casualties' },
        Object.entries(m.casualties).map(([t, n]) => `${t} ${n}`).join(' · ')),
      el('dt', {}, 'Units committed'), el('dd', { testid: 'major-committed' },
        m.committed.length ? m.committed.map(c => `${orgName(c.organisation)} ${c.count}`).join(' · ') : 'none yet'),
      el('dt', {}, 'Calls linked'), el('dd', {}, String(m.calls.length)),
      el('dt', {}, 'Places'), el('dd', {}, m.places.length
        ? m.places.map(p => `${human(p.kind)}: ${p.name} (${orgName(p.organisation)})`).join('; ') : 'none marked')),
    el('h4', {}, `METHANE `, el('span', { class: 'label' }, `${m.methaneReports} filed; the latest of each service`)),
    m.latestMethane.length ? m.latestMethane.map(r => el('div', { class: 'methane', testid: `methane-${r.organisation}` },
      el('div', { class: 'muted' }, `${orgName(r.organisation)} report ${r.version}, ${timeOfDay(r.filedAt)}`),
      el('dl', { class: 'facts' }, ...methaneParts(r)))) : el('p', { class: 'muted' }, 'No report filed yet.'),
    el('div', { class: 'actions' },
      m.status !== 'STOOD_DOWN' && can('DISPATCH') && m.organisations.some(o => actsFor(o)) ? el('button', {
        type: 'button', class: 'small primary', testid: `file-methane-${m.id}`, onclick: () => openMethane(m),
      }, 'File METHANE') : null,
      m.status !== 'STOOD_DOWN' && can('SUPERVISE') && actsFor(m.declaredBy) ? el('button', {
        type: 'button', class: 'small', testid: `stand-down-${m.id}`,
        onclick: () => askReason({ title: 'Stand down', confirm: 'Stand down', testid: 'stand-down',
          what: `Stands ${m.name} down for every service: its board closes.` },
        reason => post(`/major-incidents/${encodeURIComponent(m.id)}/stand-down`, { reason }).then(() => reload('major', 'national')),
        `${m.name} stood down`),
      }, 'Stand down') : null,
      el('a', { href: `${path}/methane?format=text`, target: '_blank', rel: 'noopener', testid: 'methane-text' }, 'METHANE as text'),
      ' · ',
      el('a', { href: `${path}/report?format=text`, target: '_blank', rel: 'noopener' }, 'Timeline report')));
}

const HEADINGS = [
  ['majorIncident', 'M - Major incident declared'], ['exactLocation', 'E - Exact location'],
  ['type', 'T - Type of incident'], ['hazards', 'H - Hazards'], ['access', 'A - Access'],
  ['casualties', 'N - Number of casualties'], ['emergencyServices', 'E - Emergency services present and required'],
];

function methaneParts(r) {
  return HEADINGS.flatMap(([key, heading]) => {
    const changed = r.version > 1 && r.changed.includes(heading);
    return [el('dt', {}, heading), el('dd', { class: changed ? 'changed' : '', title: changed ? 'changed since the previous report' : '' },
      r.message[key], changed ? el('span', { class: 'badge' }, ' changed') : null)];
  });
}

function renderNational() {
  const box = document.getElementById('national-board');
  if (!box) return;
  const n = state.national;
  if (!n) { box.replaceChildren(el('p', { class: 'muted' }, 'The national picture is the coordinator\'s.')); return; }
  box.replaceChildren(
    el('table', { class: 'grid', testid: 'national-organisations' },
      el('tr', {}, el('th', {}, 'Organisation'), el('th', {}, 'Capacity'), el('th', {}, 'Level'),
        el('th', {}, 'Available / minimum'), el('th', {}, 'On duty'), el('th', {}, 'Could give')),
      n.organisations.map(o => el('tr', { dataset: { organisation: o.organisation, level: String(o.level) } },
        el('td', {}, o.name),
        el('td', {}, orgColourBadge(o.colour)),
        el('td', { testid: 'national-level' }, o.levelLabel),
        el('td', {}, o.capacity.map(c => `${human(c.type)} ${c.available}/${c.minimum}`).join(' · ')),
        el('td', {}, `${o.peopleOnDuty}`, el('div', { class: 'muted' },
          Object.entries(o.onDutyBySkill).map(([s, k]) => `${human(s)} ${k}`).join(' · '))),
        el('td', {}, o.couldGive.length ? o.couldGive.map(c => `${human(c.type)} ${c.spare}`).join(' · ') : '—')))),
    el('h4', {}, 'Open mutual aid requests'),
    n.openRequests.length ? el('table', { class: 'grid', testid: 'national-requests' },
      el('tr', {}, el('th', {}, 'Request'), el('th', {}, 'From'), el('th', {}, 'Need'), el('th', {}, 'Age'), el('th', {}, 'Filled'), el('th', {}, 'Answers')),
      n.openRequests.map(r => el('tr', { dataset: { request: r.id, declinedByAllAsked: String(r.declinedByAllAsked) } },
        el('td', { class: 'muted' }, r.id), el('td', {}, orgName(r.requester)), el('td', {}, needText(r.need)),
        el('td', {}, span(seconds(r.age))), el('td', {}, `${r.accepted} of ${r.wanted}`),
        // declined by everyone it named: the coordinator's to broker before its report-by time
        el('td', {}, r.declinedByAllAsked ? el('strong', {}, 'Declined by all asked: ') : '', r.answers)))) : el('p', { class: 'muted' }, 'None open.'),
    el('h4', {}, 'Major incidents'),
    n.majorIncidents.length ? el('ul', { class: 'plain', testid: 'national-major' },
      n.majorIncidents.map(m => el('li', {}, `${m.name} (${human(m.status)}) · ${m.organisations.map(orgName).join(', ')} · `
        + Object.entries(m.casualties).map(([t, k]) => `${t} ${k}`).join(' ')))) : el('p', { class: 'muted' }, 'None.'),
    el('p', {}, el('a', { href: '/api/v1/national', target: '_blank', rel: 'noopener' }, 'Export as JSON')));
}
