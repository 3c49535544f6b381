// The auditor's tab: the log's hash chain checked on demand, the boards as they stood at a moment rebuilt from
// the log, and the latest events with who did what and why (GET /api/v1/audit/verify, /history, /audit/events).
import { state, can, typeName } from './state.js';
import { get, el, human, timeOfDay, toast, localToIso, isoToLocal, musterDate } from './util.js';
import { zoneBadge } from './boards.js';

export function initAudit() {
  if (!can('AUDIT')) return;
  document.getElementById('audit-verify').addEventListener('click', e => load(e.target, verify));
  document.getElementById('audit-show').addEventListener('click', e => load(e.target, showAt));
  document.getElementById('audit-events-load').addEventListener('click', e => load(e.target, latest));
  // an hour ago on Muster's clock (a demo's runs ahead of the wall's)
  document.getElementById('audit-at').value = isoToLocal(musterDate(-3600_000));
}

async function load(button, what) {
  button.disabled = true;
  try {
    await what();
  } catch (e) {
    toast(e.message, 'error', 'Audit');
  } finally {
    button.disabled = false;
  }
}

async function verify() {
  const box = document.getElementById('audit-verdict');
  box.replaceChildren(el('p', { class: 'muted' }, 'Recomputing every link of the chain …'));
  const v = await get('/audit/verify');
  // replaceChildren writes a null as the word "null": only what there is
  box.replaceChildren(...[
    el('p', { class: 'summary', testid: 'audit-intact', dataset: { intact: String(v.intact) } },
      v.intact
        ? `Intact: events ${v.from} to ${v.to} of ${v.events}, each linked to the one before; head ${v.head.substring(0, 16)}…`
        : `Broken at event ${v.brokenAt}: ${v.detail}`),
    v.findings.length
      ? el('ul', { testid: 'audit-findings' }, v.findings.map(f => el('li', {}, `${f.sequence}: ${f.detail}`)))
      : null,
  ].filter(Boolean));
}

async function showAt() {
  const box = document.getElementById('audit-history');
  const at = localToIso(document.getElementById('audit-at').value);
  if (!at) { toast('Say when: a date and time.', 'error', 'Audit'); return; }
  const past = await get(`/history?at=${encodeURIComponent(at)}`);
  const zones = new Map(past.zones.map(z => [z.id, z]));
  const byStatus = new Map();
  for (const u of past.units) byStatus.set(u.status, (byStatus.get(u.status) ?? 0) + 1);
  box.replaceChildren(
    el('p', { class: 'summary', testid: 'audit-at-summary' },
      `As at ${timeOfDay(past.at)} (event ${past.sequence}): ${past.openIncidents.length} open calls, `
      + `${past.waiting.length} waiting for units; units `
      + [...byStatus].map(([s, n]) => `${n} ${human(s).toLowerCase()}`).join(', ') + '.'),
    el('table', { class: 'grid', testid: 'audit-zones' },
      el('tr', {}, el('th', {}, 'Zone'), el('th', {}, 'Level'), el('th', {}, 'Capacity')),
      past.capacity.zones.map(c => {
        const z = zones.get(c.zone);
        return el('tr', { dataset: { zone: c.zone } },
          el('td', {}, z?.name ?? c.zone),
          el('td', {}, z ? el('span', { class: `badge level-${z.level.level}` }, human(z.level.level)) : ''),
          el('td', {}, zoneBadge(c)));
      })),
    el('h4', {}, 'Calls open then'),
    past.openIncidents.length
      ? el('table', { class: 'grid', testid: 'audit-incidents' },
        el('tr', {}, el('th', {}, 'Call'), el('th', {}, 'Type'), el('th', {}, 'Category'), el('th', {}, 'Status')),
        past.openIncidents.map(i => el('tr', {},
          el('td', {}, i.id), el('td', {}, typeName(i.type)), el('td', {}, human(i.priority)), el('td', {}, human(i.status)))))
      : el('p', { class: 'muted' }, 'No calls open then.'),
    el('h4', {}, 'Public warnings in force then'),
    past.publicAlerts.length
      ? el('ul', { class: 'plain', testid: 'audit-public-alerts' }, past.publicAlerts.map(a => el('li', {},
        el('strong', {}, a.content.headline), ` (${human(a.content.advice)}; ${a.organisation}, version ${a.issued.length})`)))
      : el('p', { class: 'muted' }, 'None.'),
    el('h4', {}, 'Roads closed then'),
    past.roadClosures.length
      ? el('ul', { class: 'plain', testid: 'audit-closures' }, past.roadClosures.map(c => el('li', {},
        `${c.kind === 'AREA' ? 'Area to avoid' : 'Road closed'} ${c.id}: ${c.reason} (${c.organisation})`)))
      : el('p', { class: 'muted' }, 'None.'));
}

async function latest() {
  const box = document.getElementById('audit-events');
  const after = Math.max(0, (state.lastSequence ?? 0) - 25);
  const page = await get(`/audit/events?after=${after}&limit=25`);
  box.replaceChildren(page.events.length
    ? el('table', { class: 'grid', testid: 'audit-event-rows' },
      el('tr', {}, el('th', {}, '#'), el('th', {}, 'When'), el('th', {}, 'Who'), el('th', {}, 'What'), el('th', {}, 'Why')),
      [...page.events].reverse().map(e => el('tr', { dataset: { sequence: String(e.sequence) } },
        el('td', {}, String(e.sequence)), el('td', {}, timeOfDay(e.at)), el('td', {}, String(e.actor)),
        el('td', {}, spaced(e.type)), el('td', { class: 'muted' }, e.reason ?? ''))))
    : el('p', { class: 'muted' }, 'No events yet.'));
}

/** An event's kind in words: "UnitStatusChanged" → "Unit status changed". */
function spaced(type) {
  const w = String(type).replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return w.charAt(0).toUpperCase() + w.substring(1);
}
