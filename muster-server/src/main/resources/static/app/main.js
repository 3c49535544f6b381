// The dashboard's start: who is signed in, then the lists, the map and the live stream.
import { state, reload, can, TOPICS } from './state.js';
import { get, el, toast, setClock } from './util.js';
import { initMap, mapReady } from './map.js';
import { initClosureTool } from './closures.js';
import { initQueue } from './queue.js';
import { initIncidentPanel } from './incident.js';
import { initBoards } from './boards.js';
import { initKpis } from './kpis.js';
import { initAlerts } from './alerts.js';
import { initAid } from './aid.js';
import { initMajor } from './major.js';
import { initPublicAlerts } from './publicalerts.js';
import { initProjection } from './projection.js';
import { initAudit } from './audit.js';
import { initDialogs } from './dialogs.js';
import { initKeys } from './keys.js';
import { initTabs } from './tabs.js';
import { connect, disconnect } from './live.js';

async function signOut() {
  const token = document.cookie.split(';').map(c => c.trim()).find(c => c.startsWith('XSRF-TOKEN='));
  await fetch('/logout', {
    method: 'POST', credentials: 'same-origin',
    headers: token ? { 'X-XSRF-TOKEN': decodeURIComponent(token.substring(11)) } : {},
  });
  location.assign('/login?signed-out');
}

async function start() {
  try {
    state.me = await get('/me');
    setClock(state.me.now, state.me.clockRate);
  } catch (e) {
    if (e.status !== 401) toast(e.message, 'error', 'Cannot start');
    return;
  }
  const me = state.me;
  document.getElementById('who').replaceChildren(
    el('strong', { testid: 'user-name' }, me.name), ' · ', me.roles.map(r => r.toLowerCase()).join(', '),
    ' · ', me.allOrganisations ? 'all organisations' : me.organisations.join(', '));
  for (const e of document.querySelectorAll('[data-needs]')) e.hidden = !can(e.dataset.needs);
  document.getElementById('sign-out').addEventListener('click', signOut);

  initTabs();
  initQueue();
  initIncidentPanel();
  initBoards();
  initKpis();
  initAlerts();
  initAid();
  initMajor();
  initPublicAlerts();
  initProjection();
  initAudit();
  initDialogs();
  initKeys();
  await reload('organisations', 'types', 'zones', 'stations');
  const mapDone = initMap().catch(e => toast(e.message, 'error', 'Map'));
  await reload(...TOPICS.filter(t => !['organisations', 'types', 'stations', 'zones'].includes(t)));
  connect();
  // For operators' consoles and tests: drop and resume the live stream by hand.
  window.musterLive = { connect, disconnect, lastSequence: () => state.lastSequence };
  // and where a place is on the map, in pixels from its corner, for drawing on it by hand
  window.musterMap = { toPixel: (lat, lon) => mapReady().latLngToContainerPoint([lat, lon]) };
  await mapDone;
  initClosureTool();
  document.body.dataset.state = 'ready';
}

start();
