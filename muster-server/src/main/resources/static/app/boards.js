// The unit board, the capacity board and the zones board.
import { state, on, emit, can, actsFor } from './state.js';
import { el, badge, human, lower, short, clock, since, post, act, seconds } from './util.js';
import { focus } from './map.js';
import { openZoneLevel } from './dialogs.js';

const STATUSES = ['AVAILABLE', 'DISPATCHED', 'EN_ROUTE', 'AT_RENDEZVOUS', 'ON_SCENE', 'TRANSPORTING', 'AT_HOSPITAL', 'RETURNING', 'UNAVAILABLE'];
/** Committed units first: they are what a dispatcher watches. */
const BOARD_ORDER = ['DISPATCHED', 'EN_ROUTE', 'AT_RENDEZVOUS', 'ON_SCENE', 'TRANSPORTING', 'AT_HOSPITAL', 'RETURNING', 'AVAILABLE', 'UNAVAILABLE'];

export function initBoards() {
  on('units', renderUnits);
  on('unit-selected', () => { renderUnits(); const u = state.units.get(state.selectedUnit); if (u?.position) focus(u.position.point.lat, u.position.point.lon); });
  document.getElementById('unit-filter').addEventListener('input', renderUnits);
  on('capacity', renderCapacity);
  on('zones', renderZones);
  on('capacity', renderZones);
  on('coverage', renderCoverage);
  on('zones', renderCoverage);
  setInterval(tickUnits, 5000);
}

function matches(u, q) {
  if (!q) return true;
  const text = `${u.callsign} ${u.id} ${u.type} ${human(u.type)} ${u.status} ${human(u.status)} ${u.organisation} ${u.lentTo ?? ''}`.toLowerCase();
  return q.toLowerCase().split(/\s+/).every(w => text.includes(w));
}

function renderUnits() {
  const q = document.getElementById('unit-filter').value.trim();
  const units = [...state.units.values()];
  const counts = {};
  for (const u of units) counts[u.status] = (counts[u.status] ?? 0) + 1;
  document.getElementById('unit-summary').textContent =
    STATUSES.filter(s => counts[s]).map(s => `${human(s)} ${counts[s]}`).join(' · ');
  const rows = units.filter(u => matches(u, q))
    .sort((a, b) => BOARD_ORDER.indexOf(a.status) - BOARD_ORDER.indexOf(b.status) || a.callsign.localeCompare(b.callsign))
    .map(u => el('tr', {
      class: 'selectable', testid: `unit-row-${u.id}`, dataset: { unit: u.id, status: u.status },
      'aria-selected': state.selectedUnit === u.id ? 'true' : 'false', tabindex: '0',
      onclick: () => { state.selectedUnit = u.id; emit('unit-selected'); },
      onkeydown: e => { if (e.key === 'Enter') { state.selectedUnit = u.id; emit('unit-selected'); } },
    },
    el('td', { class: 'callsign' }, u.callsign),
    el('td', {}, human(u.type)),
    el('td', {}, el('span', { class: `badge status-${u.status}`, testid: 'unit-status' }, human(u.status)),
      u.unavailableReason ? el('span', { class: 'muted', testid: 'unit-reason' }, ` ${human(u.unavailableReason).toLowerCase()}`) : null,
      u.hospital ? el('span', { class: 'muted', testid: 'unit-hospital' }, ` → ${stationName(u.hospital)}`) : null),
    el('td', {}, u.lentTo ? el('span', { title: `lent by ${orgName(u.organisation)}` }, `${u.lentTo} (lent by ${u.organisation})`) : u.organisation),
    el('td', { class: 'muted', dataset: { since: u.statusSince } }, clock(since(u.statusSince)))));
  document.querySelector('#unit-board tbody').replaceChildren(...rows);
  renderUnitDetail();
}

function tickUnits() {
  for (const td of document.querySelectorAll('#unit-board td[data-since]')) td.textContent = clock(since(td.dataset.since));
}

function renderUnitDetail() {
  const box = document.getElementById('unit-detail');
  const u = state.units.get(state.selectedUnit);
  if (!u) { box.hidden = true; return; }
  box.hidden = false;
  // the server says which statuses this user may set the unit to, by the engine's own rule: none offered is
  // none the user may set (another's unit, or a role that does not dispatch), so the controls are not shown
  const next = state.nextStatuses.get(u.id) ?? [];
  const mayChange = next.length > 0;
  const select = el('select', { id: 'unit-status-select', testid: 'unit-status-select', 'aria-label': `New status for ${u.callsign}` },
    next.map(s => el('option', { value: s }, human(s))));
  box.replaceChildren(
    el('strong', { class: 'callsign' }, u.callsign),
    badge('status', u.status),
    el('span', { class: 'muted' }, `${human(u.type)} · ${orgName(u.organisation)}${u.lentTo ? ' lent to ' + orgName(u.lentTo) : ''} · crew ${u.crew?.length ?? 0}`
      + (u.hospital ? ` · to ${stationName(u.hospital)}` : '')),
    // replaceChildren takes nodes only (a null would read "null"): the controls, for those who may use them
    ...(mayChange ? [select, el('button', {
      type: 'button', testid: 'unit-status-set',
      onclick: e => act(e.target, () => post(`/units/${encodeURIComponent(u.id)}/status`, { status: select.value }), `${u.callsign}: ${human(select.value)}`),
    }, 'Set status')] : []));
}

function orgName(id) {
  return state.organisations.get(id)?.name ?? id;
}

function stationName(id) {
  const key = typeof id === 'object' && id !== null ? id.value : id;
  return state.stations.find(st => st.id === key)?.name ?? key;
}

function renderCapacity() {
  const { zones, overdue } = state.capacity;
  const cards = zones.map(z => {
    const zone = state.zones.get(z.zone);
    return el('article', { class: `card colour-${z.colour}`, testid: `capacity-zone-${z.zone}`, dataset: { colour: z.colour } },
      el('h4', {}, el('span', { class: 'name' }, zone?.name ?? z.zone),
        zoneBadge(z)),
      z.lines.length ? el('div', { class: 'line head' }, el('span', {}, 'Unit type'), el('span', {}, 'Available / safe minimum')) : null,
      z.coveredFrom ? el('div', { class: 'line muted', testid: 'capacity-covered-from' }, `Covered from ${state.zones.get(z.coveredFrom)?.name ?? z.coveredFrom}: its colour while none of its own are free`) : null,
      z.lines.length || z.coveredFrom ? null : el('div', { class: 'line muted' }, 'No units here and no safe minimum set.'),
      z.lines.map(l => el('div', { class: 'line', dataset: { type: l.type, available: String(l.available) }, title: human(l.colour) },
        el('span', {}, human(l.type)),
        l.available === 0
          ? el('span', { class: 'no-units', testid: 'no-units-available' }, 'NO UNITS AVAILABLE')
          : el('span', { class: `n colour-${l.colour}` }, `${l.available}`, ` / ${l.minimum ? l.minimum : 'none set'}`))));
  });
  document.getElementById('capacity-board').replaceChildren(...(cards.length ? cards : [el('p', { class: 'empty' }, 'No zones of yours to show.')]));
  document.getElementById('overdue').replaceChildren(...(overdue.length
    ? overdue.map(o => el('li', {}, el('strong', {}, o.callsign), ` ${human(o.status).toLowerCase()} for ${clock(+o.inStatus || 0)} (limit ${clock(+o.limit || 0)})`))
    : [el('li', { class: 'muted' }, 'None.')]));
}

/** 0.8641 → "86 %"; "—" where the area holds no demand. */
function share(covered, demand) {
  return demand > 0 ? `${Math.round((100 * covered) / demand)} %` : '—';
}

/**
 * Coverage: per organisation and standard, the share of its own area's demand a free unit (of the types that
 * answer that category's calls) can reach within the target, once and by two; and the zone with the least.
 */
function renderCoverage() {
  const box = document.getElementById('coverage-board');
  const c = state.coverage;
  if (!c) return;
  if (c.unavailable) {
    box.replaceChildren(el('p', { class: 'empty' }, `Not measured: ${c.unavailable}`));
    return;
  }
  // the layers of all an organisation's units; the per-type layers are for the API and the simulator
  const layers = c.layers.filter(l => !l.layer.unitType);
  if (!layers.length) {
    box.replaceChildren(el('p', { class: 'empty' }, 'No coverage standard for your organisations.'));
    return;
  }
  // the coordinator sees several organisations: each under a heading row, so the table stays narrow
  const several = new Set(layers.map(l => l.layer.organisation)).size > 1;
  // "Double-crewed ambulance, rapid response car, HART": short where a short form is known
  const typeWords = types => types.map((t, i) => (short(t) !== human(t) ? short(t) : i ? lower(t) : human(t))).join(', ');
  const rows = [];
  let lastOrg = null;
  for (const l of layers) {
    if (several && l.layer.organisation !== lastOrg) {
      rows.push(el('tr', { class: 'group' }, el('th', { colspan: '5', scope: 'rowgroup' }, orgName(l.layer.organisation))));
    }
    lastOrg = l.layer.organisation;
    rows.push(coverageRow(l));
  }
  function coverageRow(l) {
    const st = l.layer.standard;
    const target = Math.round(seconds(st.target) / 60);
    const zones = Object.entries(l.byZone ?? {})
      .filter(([, f]) => f.demand > 0)
      .sort(([, a], [, b]) => a.coveredOnce / a.demand - b.coveredOnce / b.demand);
    const least = zones[0];
    const key = `${l.layer.organisation}-${st.category}`;
    return el('tr', { testid: `coverage-row-${key}`, dataset: { organisation: l.layer.organisation, category: st.category } },
      el('td', {}, `${human(st.category)} within ${target} min`,
        el('div', { class: 'muted', testid: 'coverage-types' }, typeWords(st.unitTypes))),
      el('td', { testid: 'coverage-units' }, String(l.availableUnits)),
      el('td', { class: 'share', testid: 'coverage-once', title: 'of the demand in your area a free unit reaches within the target' }, share(l.area.coveredOnce, l.area.demand)),
      el('td', { class: 'share', testid: 'coverage-twice', title: 'still reached with one of those units sent' }, share(l.area.coveredTwice, l.area.demand)),
      el('td', { testid: 'coverage-least' }, least
        ? [`${state.zones.get(least[0])?.name ?? least[0]} ${share(least[1].coveredOnce, least[1].demand)}`,
          // a zone with a target of its own (muster.zone-targets) is judged within its time, not the standard's
          own(least[0]) !== null ? el('span', { class: 'muted', testid: 'coverage-zone-own' }, ` within ${own(least[0])} min, its own`) : null]
        : '—'));
    function own(zone) {
      const t = (l.zoneTargets ?? {})[zone];
      return t === undefined || t === null ? null : Math.round(seconds(t) / 60);
    }
  }
  box.replaceChildren(el('table', { class: 'grid coverage' },
    el('thead', {}, el('tr', {},
      el('th', { scope: 'col' }, 'Standard and the units that count'),
      el('th', { scope: 'col', title: 'free units of those types' }, 'Free'),
      el('th', { scope: 'col' }, 'Reached'),
      el('th', { scope: 'col' }, 'By two'),
      el('th', { scope: 'col' }, 'Least-reached zone'))),
    el('tbody', {}, rows)));
}

/**
 * A zone card's colour badge. A zone out of one type it keeps a minimum of, with others still free, says which
 * (the server's outOf): "No units" beside a card listing free units would read as none at all.
 */
export function zoneBadge(z) {
  const out = z.outOf ?? [];
  if (!out.length) return el('span', { class: `badge colour-${z.colour}`, testid: 'zone-colour', title: human(z.colour) }, short(z.colour));
  // "HART" where a badge has a short form, else the words in lower case
  const brief = t => (short(t) === human(t) ? lower(t) : short(t));
  return el('span', { class: `badge colour-${z.colour}`, testid: 'zone-colour', title: `none of ${out.map(lower).join(' or ')} free; other units are` },
    `No ${out.map(brief).join(' or ')}`);
}

function renderZones() {
  const capacity = new Map(state.capacity.zones.map(z => [z.zone, z]));
  // the user's own zones first: the ones they set levels for; the neighbours' after, for who covers whom
  const zones = [...state.zones.values()].sort((a, b) => (actsFor(b.organisation) - actsFor(a.organisation)) || a.id.localeCompare(b.id));
  const rows = zones.map(z => el('tr', { testid: `zone-row-${z.id}`, dataset: { zone: z.id, level: z.level.level } },
    el('td', {}, el('strong', {}, z.name), el('div', { class: 'muted' }, `${z.id} · ${orgName(z.organisation)}`),
      z.coveredFrom ? el('div', { class: 'muted', testid: 'zone-covered-from' }, `covered from ${state.zones.get(z.coveredFrom)?.name ?? z.coveredFrom}`) : null),
    el('td', {}, el('span', { class: `badge level-${z.level.level}`, testid: 'zone-level' }, human(z.level.level))),
    el('td', {}, capacity.has(z.id) ? zoneBadge(capacity.get(z.id)) : el('span', { class: 'muted', title: 'not one of your zones' }, '—')),
    el('td', { class: 'muted' }, z.level.reason || '', z.level.setBy ? ` (${z.level.setBy})` : ''),
    el('td', {}, can('SUPERVISE') && actsFor(z.organisation)
      ? el('button', { class: 'small', type: 'button', testid: `change-level-${z.id}`, onclick: () => openZoneLevel(z.id) }, 'Change')
      : null)));
  document.querySelector('#zones-board tbody').replaceChildren(...rows);
}
