// The road closure tool, for those who may close roads (a supervisor, the coordinator): draw a line along
// the roads or an area to avoid on the map, point by point, finish, give the reason and the review time,
// and it goes to the API as a CloseRoad; a closure on the map offers "Reopen" in its popup. Drawn with
// draw.js, on the Leaflet the map already uses; nothing is downloaded.
import { can, actsFor, ownOrganisations, reload } from './state.js';
import { el, post, toast, localToIso, isoToLocal, musterDate } from './util.js';
import { mapReady, onClosureReopen } from './map.js';
import { askReason } from './dialogs.js';
import { startDrawing, stopDrawing, drawnKind, drawnPoints } from './draw.js';

const $ = id => document.getElementById(id);
const REVIEW_AFTER_MS = 2 * 3600 * 1000;

const KINDS = [
  { kind: 'AREA', label: 'Area to avoid', hint: n => `Click the area's corners on the map (at least 3): ${n} so far.` },
  { kind: 'ROAD', label: 'Road (a point or a line along it)', hint: n => `Click a point on the road, or points along it: ${n} so far.` },
];

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
  onClosureReopen(c => (actsFor(c.organisation) ? reopen : null));
  wireDialog();
}

function start() {
  startDrawing({ kinds: KINDS, testid: 'closure', label: 'Draw a road closure', onFinish: finish });
}

function finish(kind, points) {
  const n = points.length;
  const orgs = ownOrganisations();
  $('rc-organisation').replaceChildren(...orgs.map(o => el('option', { value: o.id }, o.name)));
  $('rc-organisation-label').hidden = orgs.length < 2;
  $('rc-what').textContent = kind === 'AREA'
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
        kind: drawnKind(),
        points: drawnPoints(),
        reason: String(f.get('reason') ?? '').trim(),
        reviewAt: localToIso(f.get('reviewAt')),
      });
      const location = r.headers.get('Location') ?? '';
      dialog.close();
      stopDrawing();
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
