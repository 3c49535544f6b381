// Public warnings: what each organisation has told the public (CAP 1.2 alerts on Muster's public feed).
// Everyone signed in sees them, on the Zones tab and as a map layer, so a dispatcher knows what callers
// have been told; an organisation's supervisor issues one for some of its zones, updates it (each step a
// new CAP message referring to the ones before) and cancels it with a reason.
import { state, on, can, actsFor, ownOrganisations, reload } from './state.js';
import { el, human, timeOfDay, post, put, toast, localToIso, isoToLocal } from './util.js';
import { wire, askReason } from './dialogs.js';
import { startDrawing, stopDrawing } from './draw.js';

const $ = id => document.getElementById(id);

let editing = null; // the alert being updated, or null for a new one
let drawn = []; // the area drawn for it: a closed ring, or none

export function initPublicAlerts() {
  on('publicAlerts', render);
  on('zones', render);
  wire('public-alert-dialog', publish);
  $('warn-public-button').addEventListener('click', () => open(null));
  $('pa-organisation').addEventListener('change', () => fillZones([]));
  $('pa-draw').addEventListener('click', draw);
  $('pa-undraw').addEventListener('click', () => showDrawn([]));
}

function zoneName(id) {
  return state.zones.get(id)?.name ?? id;
}

function render() {
  const board = $('public-alerts');
  if (!state.publicAlerts.length) {
    board.replaceChildren(el('p', { class: 'empty' }, 'No public warning in force.'));
    return;
  }
  board.replaceChildren(...state.publicAlerts.map(a => {
    const c = a.content;
    const mine = can('SUPERVISE') && actsFor(a.organisation);
    const where = [c.area.description, c.area.zones.length ? `zones ${c.area.zones.map(zoneName).join(', ')}` : null,
      c.area.polygon.length ? 'an area drawn on the map' : null].filter(Boolean).join(' · ');
    return el('div', { class: `public-alert severity-${c.severity}`, testid: `public-alert-${a.id}`, dataset: { version: String(a.issued.length) } },
      el('div', {},
        el('span', { class: 'badge', testid: 'public-alert-advice' }, human(c.advice)), ' ',
        el('strong', { testid: 'public-alert-headline' }, c.headline)),
      el('div', {}, c.description),
      el('div', { class: 'muted' }, where),
      el('div', { class: 'muted' },
        `${state.organisations.get(a.organisation)?.name ?? a.organisation}, ${human(c.severity).toLowerCase()}, `
        + `${a.issued.length > 1 ? `updated (version ${a.issued.length}) at ${timeOfDay(a.issued.at(-1))}` : `issued at ${timeOfDay(a.issued[0])}`}`
        + (c.expires ? `, expires ${timeOfDay(c.expires)}` : ''), ' · ',
        el('a', { href: `/api/v1/cap/alerts/${encodeURIComponent(a.id)}`, target: '_blank', rel: 'noopener' }, 'CAP message')),
      mine ? el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'small', testid: `update-public-alert-${a.id}`, onclick: () => open(a) }, 'Update'),
        el('button', { type: 'button', class: 'small', testid: `cancel-public-alert-${a.id}`, onclick: () => cancel(a) }, 'Cancel warning'))
        : null);
  }));
}

function open(alert) {
  editing = alert;
  const orgs = alert ? [state.organisations.get(alert.organisation) ?? { id: alert.organisation, name: alert.organisation }]
    : ownOrganisations();
  $('pa-organisation').replaceChildren(...orgs.map(o => el('option', { value: o.id }, o.name)));
  $('pa-organisation').disabled = !!alert;
  $('pa-organisation-label').hidden = orgs.length < 2;
  const c = alert?.content;
  $('public-alert-title').textContent = alert ? `Update the warning: ${c.headline}` : 'Warn the public';
  $('pa-submit').textContent = alert ? 'Publish the update' : 'Publish';
  $('pa-headline').value = c?.headline ?? '';
  $('pa-description').value = c?.description ?? '';
  $('pa-advice').value = c?.advice ?? 'AVOID_THE_AREA';
  $('pa-severity').value = c?.severity ?? 'SEVERE';
  $('pa-area').value = c?.area.description ?? '';
  $('pa-expires').value = c?.expires ? isoToLocal(new Date(c.expires)) : '';
  $('pa-reason').value = '';
  showDrawn(c?.area.polygon ?? []);
  fillZones(c?.area.zones ?? []);
  $('public-alert-dialog').querySelector('.form-error').textContent = '';
  $('public-alert-dialog').showModal();
  $('pa-headline').focus();
}

/** The organisation's zones as boxes to tick; those named already ticked. */
function fillZones(ticked) {
  const org = $('pa-organisation').value;
  const zones = [...state.zones.values()].filter(z => z.organisation === org).sort((a, b) => a.id.localeCompare(b.id));
  $('pa-zones').replaceChildren(el('legend', {}, 'Zones it covers'), ...zones.map(z => el('label', { class: 'check' },
    el('input', { type: 'checkbox', name: 'zone', value: z.id, checked: ticked.includes(z.id), testid: `pa-zone-${z.id}` }), ` ${z.name}`)));
}

/** The dialog steps aside while the area is drawn on the map, and comes back with it (or without, if cancelled). */
function draw() {
  const dialog = $('public-alert-dialog');
  dialog.close();
  startDrawing({
    kinds: [{ kind: 'AREA', label: 'The area the warning covers', hint: n => `Click its corners on the map (at least 3): ${n} so far.` }],
    testid: 'warning-area',
    label: 'Draw the area of a public warning',
    onFinish: (kind, points) => {
      stopDrawing();
      showDrawn([...points, points[0]]); // CAP's polygon is a closed ring: the first point again last
      dialog.showModal();
    },
    onCancel: () => dialog.showModal(),
  });
}

function showDrawn(ring) {
  drawn = ring;
  $('pa-drawn').textContent = ring.length ? `An area drawn on the map, ${ring.length - 1} corners.` : 'No area drawn: the zones ticked say where.';
  $('pa-undraw').hidden = !ring.length;
  $('pa-draw').textContent = ring.length ? 'Draw it again' : 'Draw the area on the map';
}

async function publish(form) {
  const f = new FormData(form);
  const zones = f.getAll('zone');
  const polygon = drawn;
  if (!zones.length && !polygon.length) throw new Error('Tick the zones the warning covers, or draw its area on the map.');
  const content = {
    headline: String(f.get('headline')).trim(), description: String(f.get('description')).trim(),
    advice: f.get('advice'), severity: f.get('severity'),
    area: { description: String(f.get('areaDescription')).trim(), zones, polygon },
    expires: f.get('expires') ? localToIso(f.get('expires')) : null,
  };
  const reason = String(f.get('reason') ?? '').trim();
  if (editing) {
    await put(`/cap/alerts/${encodeURIComponent(editing.id)}`, { content, reason });
    toast(`Warning updated: ${content.headline}`);
  } else {
    const r = await post('/cap/alerts', { organisation: $('pa-organisation').value, content, reason });
    toast(`Public warning ${(r.headers.get('Location') ?? '').split('/').pop()} published: ${content.headline}`);
  }
  await reload('publicAlerts');
}

function cancel(a) {
  askReason({ title: `Cancel the warning: ${a.content.headline}`, what: 'A Cancel message goes to the public feed at once.', confirm: 'Cancel the warning', testid: 'cancel-public-alert' },
    async reason => {
      await post(`/cap/alerts/${encodeURIComponent(a.id)}/cancel`, { reason });
      await reload('publicAlerts');
    }, 'Public warning cancelled');
}
