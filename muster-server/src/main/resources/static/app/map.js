// The map: the road network (or configured tiles), zones coloured by operating level and capacity, units
// by status with their callsigns, incidents by priority, roads closed and areas to avoid in red, and the
// areas of public warnings in force. Leaflet comes from the server's WebJars.
import { state, on, emit, typeName } from './state.js';
import { get, el, human } from './util.js';

let map;
let zoneLayer;
const unitMarkers = new Map();
const incidentMarkers = new Map();
let unitLayer, incidentLayer, majorLayer, closureLayer, publicAlertLayer;
let picking = null;
let home = null;
let touched = false;
let pickCancelled = null;
let closureAction = () => null;

const ROAD_WEIGHT = { motorway: 3, trunk: 2.6, primary: 2.2, secondary: 1.8, tertiary: 1.4 };
const CAPACITY_FILL = { GREEN: '#3fb37f', AMBER: '#e8a33d', RED: '#e5484d', NONE: '#6b7c8c' };
const LEVEL_LINE = {
  NORMAL: { color: '#5d7690', weight: 1.2, dashArray: null },
  ELEVATED: { color: '#e8a33d', weight: 2.5, dashArray: null },
  ESCORT_REQUIRED: { color: '#f59e57', weight: 3, dashArray: '8 5' },
  DOWNGRADED: { color: '#a78bfa', weight: 2.5, dashArray: '3 5' },
  CLOSED: { color: '#e5484d', weight: 3.5, dashArray: null },
};

export function mapReady() {
  return map;
}

export async function initMap() {
  map = L.map('map', { preferCanvas: true, zoomSnap: 0.25, keyboard: true, attributionControl: true });
  map.attributionControl.setPrefix('Leaflet');
  const config = await get('/map/config');
  if (config.bounds) {
    home = [[config.bounds.southWest.lat, config.bounds.southWest.lon], [config.bounds.northEast.lat, config.bounds.northEast.lon]];
    map.fitBounds(home, { padding: [10, 10] });
  } else {
    map.setView([52.6, -1.2], 10);
  }
  for (const e of ['mousedown', 'wheel', 'touchstart', 'keydown']) map.getContainer().addEventListener(e, () => { touched = true; }, { passive: true });
  map.createPane('roads').style.zIndex = 300;
  map.createPane('zones').style.zIndex = 350;
  if (config.tiles) {
    L.tileLayer(config.tiles, { maxZoom: 19, attribution: 'Map tiles: configured server' }).addTo(map);
  } else {
    drawRoads(config.roads);
  }
  const zones = await get('/map/zones');
  zoneLayer = L.geoJSON(zones, {
    pane: 'zones',
    style: f => zoneStyle(f.properties.zone_id),
    onEachFeature: (f, layer) => layer.bindTooltip(() => zoneTooltip(f.properties.zone_id), { sticky: true }),
  }).addTo(map);
  // Areas (zones with no parent) are drawn underneath their sectors.
  zoneLayer.eachLayer(l => { if (!l.feature.properties.parent) l.bringToBack(); });
  // Show the whole region: roads and zones together.
  if (zoneLayer.getBounds().isValid()) {
    home = home ? L.latLngBounds(home).extend(zoneLayer.getBounds()) : zoneLayer.getBounds();
    map.fitBounds(home, { padding: [10, 10] });
  }
  publicAlertLayer = L.layerGroup().addTo(map);
  closureLayer = L.layerGroup().addTo(map);
  unitLayer = L.layerGroup().addTo(map);
  incidentLayer = L.layerGroup().addTo(map);
  majorLayer = L.layerGroup().addTo(map);
  L.control.layers(null, { Zones: zoneLayer, 'Public warnings': publicAlertLayer, 'Road closures': closureLayer, Units: unitLayer, Incidents: incidentLayer, 'Major incidents': majorLayer }, { collapsed: true }).addTo(map);
  legend().addTo(map);
  L.control.scale({ imperial: false }).addTo(map);
  map.on('click', e => {
    if (picking) {
      const done = picking;
      picking = null;
      document.body.classList.remove('picking');
      document.getElementById('pick-banner').hidden = true;
      done(e.latlng);
    }
  });
  on('zones', restyleZones);
  on('capacity', restyleZones);
  on('units', drawUnits);
  on('incidents', drawIncidents);
  on('queue', drawIncidents);
  on('selection', drawIncidents);
  on('major', drawMajor);
  on('closures', drawClosures);
  on('publicAlerts', drawPublicAlerts);
  // The grid settles after the lists arrive; keep Leaflet's idea of the map's size current.
  // Until the user moves the map, it keeps showing the whole region.
  new ResizeObserver(() => {
    map.invalidateSize({ pan: false });
    if (!touched && home) map.fitBounds(home, { padding: [10, 10] });
  }).observe(document.getElementById('map'));
  restyleZones();
  drawUnits();
  drawIncidents();
  drawMajor();
  drawClosures();
  drawPublicAlerts();
  document.body.dataset.map = 'ready';
}

async function drawRoads(hasRoads) {
  if (!hasRoads) return;
  const roads = await get('/map/roads');
  L.geoJSON(roads, {
    pane: 'roads',
    interactive: false,
    style: f => ({ color: f.properties.class === 'motorway' ? '#5b7a99' : '#34495e', weight: ROAD_WEIGHT[f.properties.class] ?? 0.8, opacity: 0.9 }),
  }).addTo(map);
  document.body.dataset.roads = 'drawn';
}

function capacityColour(zoneId) {
  return state.capacity.zones.find(z => z.zone === zoneId)?.colour ?? 'NONE';
}

function zoneStyle(zoneId) {
  const zone = state.zones.get(zoneId);
  const level = zone?.level?.level ?? 'NORMAL';
  const isArea = zone && !zone.parent;
  const line = LEVEL_LINE[level] ?? LEVEL_LINE.NORMAL;
  return {
    color: line.color, weight: isArea ? Math.max(line.weight, 1.5) : line.weight, dashArray: line.dashArray,
    fillColor: CAPACITY_FILL[capacityColour(zoneId)], fillOpacity: isArea ? 0 : 0.12,
  };
}

function zoneTooltip(zoneId) {
  const z = state.zones.get(zoneId);
  if (!z) return zoneId;
  return `<strong>${escape(z.name)}</strong> (${escape(z.id)})<br>${escape(human(z.level.level))}`
    + (z.level.reason ? ` — ${escape(z.level.reason)}` : '')
    + `<br>Capacity: ${escape(human(capacityColour(zoneId)).toLowerCase())}`
    + organisationLevel(z.organisation);
}

/** The zone's organisation's escalation level (a REAP level for an ambulance service), once it is above steady. */
function organisationLevel(organisation) {
  const o = (state.capacity.organisations ?? []).find(x => x.organisation === organisation);
  return o && o.level > 1 ? `<br>${escape(state.organisations.get(organisation)?.name ?? organisation)}: ${escape(o.label)}` : '';
}

function escape(s) {
  return String(s).replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

function restyleZones() {
  if (!zoneLayer) return;
  zoneLayer.eachLayer(l => l.setStyle(zoneStyle(l.feature.properties.zone_id)));
}

function drawUnits() {
  const seen = new Set();
  for (const u of state.units.values()) {
    if (!u.position?.point) continue;
    seen.add(u.id);
    const at = [u.position.point.lat, u.position.point.lon];
    const cls = `unit-marker status-${u.status}`;
    let m = unitMarkers.get(u.id);
    if (!m) {
      m = L.marker(at, { keyboard: false, title: `${u.callsign} · ${human(u.status)}`, icon: unitIcon(u, cls), zIndexOffset: 100 });
      m.on('click', () => { state.selectedUnit = u.id; emit('unit-selected'); });
      m.addTo(unitLayer);
      unitMarkers.set(u.id, m);
    } else {
      m.setLatLng(at);
      if (m.options.icon.options.className !== cls) m.setIcon(unitIcon(u, cls));
    }
    m.getElement()?.setAttribute('title', `${u.callsign} · ${human(u.status)}`);
  }
  for (const [id, m] of unitMarkers) if (!seen.has(id)) { m.remove(); unitMarkers.delete(id); }
  document.getElementById('map').dataset.units = String(unitMarkers.size);
}

function unitIcon(u, className) {
  return L.divIcon({ className, html: `<span data-unit="${escape(u.id)}">${escape(u.callsign)}</span>`, iconSize: [0, 0] });
}

function drawIncidents() {
  const waiting = new Set(state.queue.map(w => w.incident));
  const seen = new Set();
  for (const i of state.incidents.values()) {
    seen.add(i.id);
    const cls = `incident-marker prio-${i.priority}` + (waiting.has(i.id) ? ' waiting' : '')
      + (state.selectedIncident === i.id ? ' selected' : '');
    let m = incidentMarkers.get(i.id);
    if (!m) {
      m = L.marker([i.location.lat, i.location.lon], { title: `${i.id} ${typeName(i.type)}, ${human(i.priority).toLowerCase()}`, zIndexOffset: 500, icon: incidentIcon(i, cls) });
      m.on('click', () => { state.selectedIncident = i.id; emit('selection'); });
      m.addTo(incidentLayer);
      incidentMarkers.set(i.id, m);
    } else if (m.options.icon.options.className !== cls) {
      m.setIcon(incidentIcon(i, cls));
    }
  }
  for (const [id, m] of incidentMarkers) if (!seen.has(id)) { m.remove(); incidentMarkers.delete(id); }
}

/** Each major incident's area, with its cordons and rendezvous points. */
function drawMajor() {
  if (!majorLayer) return;
  majorLayer.clearLayers();
  for (const m of state.major ?? []) {
    const colour = m.status === 'STANDBY' ? '#e8a33d' : '#e5484d';
    area(m.area, { color: colour, weight: 3, fillOpacity: 0.06, dashArray: '10 6' })
      .bindTooltip(`<strong>${escape(m.name)}</strong> (${escape(human(m.status))})`).addTo(majorLayer);
    for (const p of m.places) {
      area(p.area, { color: p.kind === 'RENDEZVOUS_POINT' ? '#3fb37f' : '#a78bfa', weight: 2, fillOpacity: 0.04 })
        .bindTooltip(`${escape(human(p.kind))}: ${escape(p.name)}`).addTo(majorLayer);
    }
  }
}

function area(a, style) {
  return a.polygon?.length
    ? L.polygon(a.polygon.map(p => [p.lat, p.lon]), style)
    : L.circle([a.centre.lat, a.centre.lon], { radius: a.radiusMeters, ...style });
}

const CLOSURE_STYLE = { color: '#e5484d', weight: 4, opacity: 0.95, fillColor: '#e5484d', fillOpacity: 0.18, dashArray: '6 4' };

/** Roads closed (a point or a line) and areas to avoid (a polygon), redrawn whole: there are few. */
function drawClosures() {
  if (!closureLayer) return;
  closureLayer.clearLayers();
  for (const c of state.closures) {
    const points = c.points.map(p => [p.lat, p.lon]);
    const shape = c.kind === 'AREA' ? L.polygon(points, CLOSURE_STYLE)
      : points.length === 1 ? L.circleMarker(points[0], { ...CLOSURE_STYLE, radius: 7, dashArray: null })
        : L.polyline(points, CLOSURE_STYLE);
    shape.bindTooltip(`<strong>${c.kind === 'AREA' ? 'Area to avoid' : 'Road closed'}</strong> (${escape(c.id)})<br>`
      + `${escape(c.reason)}<br>${escape(c.organisation)}, review by ${escape(new Date(c.reviewAt).toLocaleTimeString())}`, { sticky: true });
    const reopen = closureAction(c);
    if (reopen) {
      shape.bindPopup(() => el('div', { class: 'closure-popup' },
        el('strong', {}, c.id), ` ${c.reason} `,
        el('button', { type: 'button', testid: `reopen-closure-${c.id}`, onclick: () => { map.closePopup(); reopen(c); } }, 'Reopen')));
    }
    shape.addTo(closureLayer);
  }
  document.getElementById('map').dataset.closures = String(state.closures.length);
}

const PUBLIC_ALERT_STYLE = { color: '#d946ef', weight: 3, opacity: 0.9, fillColor: '#d946ef', fillOpacity: 0.08, dashArray: '2 6', interactive: true };

/** Each public warning in force over its area: its zones' outlines and the area drawn for it. */
function drawPublicAlerts() {
  if (!publicAlertLayer || !zoneLayer) return;
  publicAlertLayer.clearLayers();
  for (const a of state.publicAlerts ?? []) {
    const c = a.content;
    const tip = `<strong>Public warning: ${escape(c.headline)}</strong><br>${escape(human(c.advice))} · ${escape(c.area.description)}`
      + `<br>${escape(state.organisations.get(a.organisation)?.name ?? a.organisation)}`;
    const zones = new Set(c.area.zones);
    zoneLayer.eachLayer(l => {
      if (zones.has(l.feature.properties.zone_id)) L.geoJSON(l.feature, { style: PUBLIC_ALERT_STYLE }).bindTooltip(tip, { sticky: true }).addTo(publicAlertLayer);
    });
    if (c.area.polygon.length) L.polygon(c.area.polygon.map(p => [p.lat, p.lon]), PUBLIC_ALERT_STYLE).bindTooltip(tip, { sticky: true }).addTo(publicAlertLayer);
  }
  document.getElementById('map').dataset.publicAlerts = String((state.publicAlerts ?? []).length);
}

function incidentIcon(i, className) {
  return L.divIcon({ className, html: `<span data-incident="${escape(i.id)}"></span>`, iconSize: [0, 0] });
}

function legend() {
  const c = L.control({ position: 'bottomleft' });
  c.onAdd = () => el('div', { class: 'legend', testid: 'map-legend' },
    el('div', {}, el('i', { class: 'status-AVAILABLE' }), 'Available'),
    el('div', {}, el('i', { class: 'status-DISPATCHED' }), 'Dispatched / en route'),
    el('div', {}, el('i', { class: 'status-AT_RENDEZVOUS' }), 'At a rendezvous point'),
    el('div', {}, el('i', { class: 'status-ON_SCENE' }), 'On scene'),
    el('div', {}, el('i', { class: 'status-TRANSPORTING' }), 'Conveying / at hospital'),
    el('div', {}, el('i', { class: 'level-ESCORT_REQUIRED' }), 'Zone: escort required (dashed)'),
    el('div', {}, el('i', { class: 'level-CLOSED' }), 'Zone: closed'),
    el('div', {}, el('i', { class: 'road-closed' }), 'Road closed / area to avoid'),
    el('div', {}, el('i', { class: 'public-warning' }), 'Public warning in force (dotted)'));
  return c;
}

/**
 * Who may reopen a closure: f(closure) gives the action to offer in its popup, or null. Set by the closure
 * tool, which the map does not import (the tool draws on the map).
 */
export function onClosureReopen(f) {
  closureAction = f;
  drawClosures();
}

/** Centres the map on a point (an incident, a unit). */
export function focus(lat, lon) {
  touched = true;
  if (map) map.panTo([lat, lon]);
}

export function fitAll() {
  if (zoneLayer) map.fitBounds(zoneLayer.getBounds(), { padding: [10, 10] });
}

/** The next click on the map gives a point to f; Esc cancels and calls cancelled. */
export function pickPoint(f, cancelled) {
  picking = f;
  pickCancelled = cancelled;
  document.body.classList.add('picking');
  document.getElementById('pick-banner').hidden = false;
  document.getElementById('map').focus();
}

export function cancelPick() {
  if (!picking) return false;
  picking = null;
  document.body.classList.remove('picking');
  document.getElementById('pick-banner').hidden = true;
  if (pickCancelled) pickCancelled();
  return true;
}

export function mapCentre() {
  const c = map.getCenter();
  return { lat: c.lat, lon: c.lng };
}
