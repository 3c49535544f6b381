// Keyboard shortcuts for a dispatcher who keeps their hands on the keys. Listed in the help overlay (?).
import { state, can } from './state.js';
import { move } from './queue.js';
import { dispatchRecommended } from './incident.js';
import { openNewIncident, openZoneLevel, openAidRequest } from './dialogs.js';
import { cancelPick, fitAll, focus } from './map.js';
import { showTab } from './tabs.js';
import { el } from './util.js';

const SHORTCUTS = [
  ['n', 'New incident', () => can('TAKE_CALLS') && openNewIncident()],
  ['j', 'Next call in the queue', () => move(1)],
  ['k', 'Previous call in the queue', () => move(-1)],
  ['Enter', 'Show the selected call on the map', () => centreOnCall()],
  ['d', 'Dispatch the recommended units to the selected call', () => dispatchRecommended(document.getElementById('dispatch-recommended'))],
  ['l', 'Change a zone\'s operating level (supervisors)', () => can('SUPERVISE') && openZoneLevel()],
  ['r', 'Request mutual aid', () => can('MUTUAL_AID') && (showTab('aid'), openAidRequest())],
  ['1 … 8', 'Units, capacity, response times, alerts, zones, mutual aid, major incidents; audit (auditors)', null],
  ['/', 'Find a unit', () => { showTab('units'); document.getElementById('unit-filter').focus(); }],
  ['f', 'Fit the map to every zone', () => fitAll()],
  ['Esc', 'Close a form, cancel picking a point', null],
  ['?', 'This help', () => help()],
];
const TABS = ['units', 'capacity', 'kpis', 'alerts', 'zones', 'aid', 'major', 'audit'];

function centreOnCall() {
  const i = state.incidents.get(state.selectedIncident);
  if (i) focus(i.location.lat, i.location.lon);
}

function help() {
  const d = document.getElementById('help-dialog');
  if (!d.open) d.showModal();
}

export function initKeys() {
  document.getElementById('help-keys').replaceChildren(...SHORTCUTS.map(([k, what]) =>
    el('tr', {}, el('td', {}, ...k.split(' ').map(part => part === '…' ? ' … ' : el('kbd', {}, part))), el('td', {}, what))));
  document.getElementById('help-button').addEventListener('click', help);
  document.addEventListener('keydown', e => {
    if (e.key === 'Escape' && cancelPick()) { e.preventDefault(); return; }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (document.querySelector('dialog[open]')) return;
    const t = e.target;
    if (t instanceof HTMLElement && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName))) return;
    if (e.key === 'Enter' && t instanceof HTMLElement && ['BUTTON', 'A'].includes(t.tagName)) return;
    const tab = '12345678'.indexOf(e.key);
    if (tab >= 0 && (TABS[tab] !== 'audit' || can('AUDIT'))) { showTab(TABS[tab]); e.preventDefault(); return; }
    const hit = SHORTCUTS.find(([k]) => k === e.key);
    if (hit && hit[2]) { e.preventDefault(); hit[2](); }
  });
}
