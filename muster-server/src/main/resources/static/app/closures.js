// The road closure tool, for those who may close roads (a supervisor, the coordinator): draw a line along
// the roads or an area to avoid on the map, point by point, finish, give the reason and the review time,
// and it goes to the API as a CloseRoad; a closure on the map offers "Reopen" in its popup. Drawn with the
// Leaflet the map already uses; nothing is downloaded.
import { can, actsFor, ownOrganisations, reload } from './state.js';
import { el, post, toast, localToIso, isoToLocal, musterDate } from './util.js';
import { mapReady, onClosureReopen } from './map.js';
import { askReason } from './dialogs.js';

const $ = id => document.getElementById(id);
const DRAFT_STYLE = { color: '#e5484d', weight: 3, dashArray: '4 4', fillOpacity: 0.12, interactive: false };
const REVIEW_AFTER_MS = 2 * 3600 * 1000;

let draft = null; // { kind, points: [L.LatLng], layer }
let panel = null;

/** Adds the tool to the map when the user may close roads; the reopen action to every closure's popup. */
export function initClosureTool() {
  const map = mapReady();
  if (!map || !can('CLOSE_ROADS')) return;
  const control = L.control({ position: 'topright' });
  control.onAdd = () => {
    const box = el('div', { class: 'leaflet-bar closure-tool' },
      el('button', { type: 'button', testid: 'draw-closure', title: 'Close a road or an area', onclick: start }, 'Close roads'));
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  control.addTo(map);
  // While drawing, a click anywhere on the map is a point, even on a unit or a call: taken before the
  // markers see it. A drag that pans the map is not a click.
  const container = map.getContainer();
  let down = null;
  container.addEventListener('mousedown', e => { down = { x: e.clientX, y: e.clientY }; }, true);
  container.addEventListener('click', e => {
    if (!draft || panel?.contains(e.target) || e.target.closest?.('.leaflet-control')) return;
    if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 5) return;
    e.stopPropagation();
    e.preventDefault();
    add(map.mouseEventToLatLng(e));
  }, true);
  onClosureReopen(c => (actsFor(c.organisation) ? reopen : null));
  wireDialog();
}

function start() {
  if (draft) return;
  const map = mapReady();
  draft = { kind: 'AREA', points: [], layer: L.layerGroup().addTo(map) };
  map.doubleClickZoom.disable();
  document.body.classList.add('drawing');
  panel = el('div', { class: 'closure-draw', testid: 'closure-draw', role: 'dialog', 'aria-label': 'Draw a road closure' },
    el('label', {}, el('input', { type: 'radio', name: 'closure-kind', value: 'AREA', checked: true, testid: 'closure-kind-area', onchange: () => setKind('AREA') }), ' Area to avoid'),
    el('label', {}, el('input', { type: 'radio', name: 'closure-kind', value: 'ROAD', testid: 'closure-kind-road', onchange: () => setKind('ROAD') }), ' Road (a point or a line along it)'),
    el('p', { class: 'need', testid: 'closure-hint' }, hint()),
    el('div', { class: 'actions' },
      el('button', { type: 'button', testid: 'closure-undo', onclick: undo }, 'Undo point'),
      el('button', { type: 'button', testid: 'closure-cancel', onclick: stop }, 'Cancel'),
      el('button', { type: 'button', class: 'primary', testid: 'closure-finish', onclick: finish }, 'Finish')));
  L.DomEvent.disableClickPropagation(panel);
  map.getContainer().appendChild(panel);
}

function hint() {
  const n = draft?.points.length ?? 0;
  return draft?.kind === 'AREA'
    ? `Click the area's corners on the map (at least 3): ${n} so far.`
    : `Click a point on the road, or points along it: ${n} so far.`;
}

function setKind(kind) {
  draft.kind = kind;
  redraw();
}

function add(latlng) {
  draft.points.push(latlng);
  redraw();
}

function undo() {
  draft.points.pop();
  redraw();
}

function redraw() {
  draft.layer.clearLayers();
  const pts = draft.points;
  if (draft.kind === 'AREA' && pts.length >= 3) L.polygon(pts, DRAFT_STYLE).addTo(draft.layer);
  else if (pts.length >= 2) L.polyline(pts, DRAFT_STYLE).addTo(draft.layer);
  for (const p of pts) L.circleMarker(p, { ...DRAFT_STYLE, radius: 4, dashArray: null }).addTo(draft.layer);
  panel.querySelector('[data-testid=closure-hint]').textContent = hint();
  panel.dataset.points = String(pts.length);
}

function stop() {
  if (!draft) return;
  draft.layer.remove();
  mapReady().doubleClickZoom.enable();
  document.body.classList.remove('drawing');
  panel?.remove();
  draft = null;
  panel = null;
}

function finish() {
  const n = draft.points.length;
  if (draft.kind === 'AREA' && n < 3) { toast('An area needs at least 3 corners.', 'error'); return; }
  if (n < 1) { toast('Click at least one point on the road.', 'error'); return; }
  const orgs = ownOrganisations();
  $('rc-organisation').replaceChildren(...orgs.map(o => el('option', { value: o.id }, o.name)));
  $('rc-organisation-label').hidden = orgs.length < 2;
  $('rc-what').textContent = draft.kind === 'AREA'
    ? `An area to avoid, ${n} corners: every road inside it or crossing its edge is closed.`
    : n === 1 ? 'The stretch of road nearest the point.' : `The roads along a line of ${n} points.`;
  $('rc-reason').value = '';
  $('rc-review').value = isoToLocal(musterDate(REVIEW_AFTER_MS));
  $('closure-dialog').querySelector('.form-error').textContent = '';
  $('closure-dialog').showModal();
  $('rc-reason').focus();
}

function wireDialog() {
  const dialog = $('closure-dialog');
  const form = dialog.querySelector('form');
  const error = form.querySelector('.form-error');
  form.querySelector('.cancel').addEventListener('click', () => dialog.close());
  form.addEventListener('submit', async e => {
    e.preventDefault();
    error.textContent = '';
    const button = form.querySelector('[type=submit]');
    button.disabled = true;
    try {
      const f = new FormData(form);
      const r = await post('/road-closures', {
        organisation: f.get('organisation'),
        kind: draft.kind,
        points: draft.points.map(p => ({ lat: p.lat, lon: p.lng })),
        reason: String(f.get('reason') ?? '').trim(),
        reviewAt: localToIso(f.get('reviewAt')),
      });
      const location = r.headers.get('Location') ?? '';
      dialog.close();
      stop();
      toast(`Road closure ${location.substring(location.lastIndexOf('/') + 1)} in force: routes avoid it from now on`);
      await reload('closures');
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  });
}

function reopen(c) {
  askReason({ title: `Reopen ${c.id}`, what: `${c.reason} — routes use these roads again at once.`, confirm: 'Reopen', testid: 'reopen-closure' },
    async reason => {
      await post(`/road-closures/${encodeURIComponent(c.id)}/reopen`, { reason });
      await reload('closures');
    }, `Road closure ${c.id} reopened`);
}
