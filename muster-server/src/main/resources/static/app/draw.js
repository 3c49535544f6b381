// Drawing on the map, point by point: an area (a polygon) or a line. The road closure tool and the public
// warning form both draw with it. While drawing, a click anywhere on the map is a point, even on a unit or a
// call: taken before the markers see it. A drag that pans the map is not a click.
import { el, toast } from './util.js';
import { mapReady } from './map.js';

const DRAFT_STYLE = { color: '#e5484d', weight: 3, dashArray: '4 4', fillOpacity: 0.12, interactive: false };

let draft = null; // { kind, points: [L.LatLng], layer, panel, options }
let captured = false;

/** Points in the API's form. */
export function drawnPoints() {
  return draft ? draft.points.map(p => ({ lat: p.lat, lon: p.lng })) : [];
}

export function drawnKind() {
  return draft?.kind ?? null;
}

/**
 * Starts drawing. {@code kinds}: [{kind, label, hint(n)}], the first chosen at the start; {@code testid}
 * prefixes the panel's parts ({testid}-draw, -kind-area, -hint, -undo, -cancel, -finish); {@code onFinish(kind,
 * points)} runs once an area has 3 corners or a line a point, the drawing staying on the map until
 * {@link stopDrawing}; {@code onCancel()}, if given, after the user cancels the drawing.
 */
export function startDrawing({ kinds, testid, label, onFinish, onCancel }) {
  const map = mapReady();
  if (draft || !map) return;
  capture(map);
  draft = { kind: kinds[0].kind, points: [], layer: L.layerGroup().addTo(map), options: { kinds, testid, onFinish, onCancel } };
  map.doubleClickZoom.disable();
  document.body.classList.add('drawing');
  const name = `${testid}-kind`;
  draft.panel = el('div', { class: 'closure-draw', testid: `${testid}-draw`, role: 'dialog', 'aria-label': label },
    kinds.length > 1 ? kinds.map((k, i) => el('label', {},
      el('input', { type: 'radio', name, value: k.kind, checked: i === 0, testid: `${name}-${k.kind.toLowerCase()}`, onchange: () => setKind(k.kind) }), ` ${k.label}`))
      : el('strong', {}, kinds[0].label),
    el('p', { class: 'need', testid: `${testid}-hint` }, hint()),
    el('div', { class: 'actions' },
      el('button', { type: 'button', testid: `${testid}-undo`, onclick: undo }, 'Undo point'),
      el('button', { type: 'button', testid: `${testid}-cancel`, onclick: cancel }, 'Cancel'),
      el('button', { type: 'button', class: 'primary', testid: `${testid}-finish`, onclick: finish }, 'Finish')));
  L.DomEvent.disableClickPropagation(draft.panel);
  map.getContainer().appendChild(draft.panel);
}

export function stopDrawing() {
  if (!draft) return;
  draft.layer.remove();
  mapReady().doubleClickZoom.enable();
  document.body.classList.remove('drawing');
  draft.panel.remove();
  draft = null;
}

function cancel() {
  const then = draft?.options.onCancel;
  stopDrawing();
  if (then) then();
}

function capture(map) {
  if (captured) return;
  captured = true;
  const container = map.getContainer();
  let down = null;
  container.addEventListener('mousedown', e => { down = { x: e.clientX, y: e.clientY }; }, true);
  container.addEventListener('click', e => {
    if (!draft || draft.panel.contains(e.target) || e.target.closest?.('.leaflet-control')) return;
    if (down && Math.hypot(e.clientX - down.x, e.clientY - down.y) > 5) return;
    e.stopPropagation();
    e.preventDefault();
    draft.points.push(map.mouseEventToLatLng(e));
    redraw();
  }, true);
}

function kindOf() {
  return draft.options.kinds.find(k => k.kind === draft.kind);
}

function hint() {
  return kindOf().hint(draft.points.length);
}

function setKind(kind) {
  draft.kind = kind;
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
  draft.panel.querySelector(`[data-testid=${draft.options.testid}-hint]`).textContent = hint();
  draft.panel.dataset.points = String(pts.length);
}

function finish() {
  const n = draft.points.length;
  if (draft.kind === 'AREA' && n < 3) { toast('An area needs at least 3 corners.', 'error'); return; }
  if (n < 1) { toast('Click at least one point on the map.', 'error'); return; }
  draft.options.onFinish(draft.kind, drawnPoints());
}
