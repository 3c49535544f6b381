// The mutual aid board: open requests with their offers and declines; the requester accepts, deploys,
// releases and closes; an addressed organisation offers units or declines. Below, the units lent now.
import { state, on, can, actsFor, callsignOf } from './state.js';
import { el, badge, human, words, timeOfDay, span, seconds, get, post, act, needText } from './util.js';
import { openAidOffer, askReason } from './dialogs.js';

export function initAid() {
  on('aid', render);
  on('aid', renderHours);
  on('units', renderLent);
}

/**
 * Hours lent, for cost recovery: unit-hours (arrival at the rendezvous point to release) beside
 * officer-hours (the crew, with the journeys there and back), per pair of organisations.
 */
async function renderHours() {
  const box = document.getElementById('aid-hours');
  if (!box) return;
  let report;
  try {
    report = await get('/aid/hours');
  } catch (e) {
    box.replaceChildren(el('p', { class: 'muted' }, e.message));
    return;
  }
  if (!report.pairs?.length) { box.replaceChildren(el('p', { class: 'muted' }, 'No units lent yet.')); return; }
  const h = v => (typeof v === 'number' ? v.toFixed(1) : '—');
  box.replaceChildren(
    el('table', { class: 'hours', testid: 'aid-hours-table' },
      el('tr', {}, el('th', {}, 'Lent by'), el('th', {}, 'To'), el('th', {}, 'Deployments'), el('th', {}, 'Unit-hours'), el('th', {}, 'Officer-hours')),
      report.pairs.map(p => el('tr', { dataset: { home: p.home, host: p.host } },
        el('td', {}, orgName(p.home)), el('td', {}, orgName(p.host)), el('td', {}, String(p.deployments)),
        el('td', {}, h(p.hours)), el('td', { testid: 'officer-hours' }, h(p.officerHours))))),
    ...(report.notes ?? []).map(n => el('p', { class: 'muted' }, words(n))));
}

/**
 * Organisations the user acts for that may still answer this request: those asked, or any when the
 * coordinator brokers it (sent to the coordinator, or referred there once everyone asked declined).
 */
export function mayAnswerFor(r) {
  if (!can('MUTUAL_AID') || !['OPEN', 'PARTLY_FILLED'].includes(r.status)) return [];
  return [...state.organisations.keys()].filter(o => o !== r.requester && actsFor(o)
    && (r.addressees.nationalCoordinator || state.aidReferred.has(r.id) || r.addressees.organisations.includes(o)));
}

function orgName(id) {
  return state.organisations.get(id)?.name ?? id;
}

function render() {
  const board = document.getElementById('aid-board');
  const recent = state.aidRecent.length ? [
    el('h4', {}, 'Recently ended ', el('span', { class: 'label' }, 'closed, cancelled or expired in the last day')),
    el('ul', { class: 'plain', testid: 'aid-recent' }, state.aidRecent.map(ended)),
  ] : [];
  if (!state.aid.length) {
    board.replaceChildren(el('p', { class: 'empty' }, 'No open mutual aid requests.'), ...recent);
    return;
  }
  board.replaceChildren(...state.aid.map(request), ...recent);
}

/** An ended request, one line: what it asked for, how it ended and when, and the answers it had. */
function ended(r) {
  const declines = r.declines.map(d => `${orgName(d.organisation)} (${d.reason})`).join('; ');
  return el('li', { testid: `aid-ended-${r.id}`, dataset: { request: r.id, status: r.status } },
    el('span', { class: 'badge', testid: 'aid-status' }, human(r.status)), ' ',
    `${orgName(r.requester)}: ${needText(r.need)} · ${timeOfDay(r.statusSince)} · `,
    el('span', { class: 'muted' }, r.id),
    r.status === 'EXPIRED' ? el('div', { class: 'muted' }, declines ? `Unfilled. Declined: ${declines}` : 'Unfilled: nobody answered') : null);
}

function request(r) {
  const mine = can('MUTUAL_AID') && actsFor(r.requester);
  const answerers = mayAnswerFor(r);
  const step = (path, label, testid) => el('button', {
    type: 'button', class: 'small', testid: `${testid}-${r.id}`,
    onclick: e => act(e.target, () => post(`/aid/requests/${encodeURIComponent(r.id)}/${path}`, {}), `${r.id}: ${label.toLowerCase()}`),
  }, label);
  return el('article', { class: 'aid-request', testid: `aid-request-${r.id}`, dataset: { request: r.id, status: r.status } },
    el('header', {},
      el('span', { class: `badge aid-${r.priority}` }, human(r.priority)),
      el('span', { class: 'need' }, needText(r.need)),
      el('span', { class: 'badge', testid: 'aid-status' }, human(r.status))),
    el('dl', { class: 'facts' },
      el('dt', {}, 'From'), el('dd', {}, state.organisations.get(r.requester)?.name ?? r.requester),
      el('dt', {}, 'Asked'), el('dd', {}, [...r.addressees.organisations.map(orgName), r.addressees.nationalCoordinator ? 'the national coordinator' : null].filter(Boolean).join(', ')),
      el('dt', {}, 'Report by'), el('dd', {}, `${timeOfDay(r.reportBy)}, for ${span(seconds(r.duration))}`),
      el('dt', {}, 'Why'), el('dd', {}, r.reason),
      el('dt', {}, 'Request'), el('dd', { class: 'muted' }, r.id)),
    r.offers.length ? el('table', { class: 'offers' },
      el('tr', {}, el('th', {}, 'Offer'), el('th', {}, 'Units'), el('th', {}, 'Kind'), el('th', {}, 'Status'), el('th', {}, '')),
      r.offers.map(o => [el('tr', { testid: `aid-offer-${o.id}`, dataset: { offer: o.id, status: o.status } },
        el('td', {}, orgName(o.offerer)),
        el('td', {}, o.units.map(callsignOf).join(', '), o.note ? el('div', { class: 'muted' }, o.note) : null),
        el('td', {}, human(o.kind)),
        el('td', {}, human(o.status)),
        el('td', {}, mine && o.status === 'OFFERED' && o.kind !== 'PROVISIONAL' ? el('button', {
          type: 'button', class: 'small primary', testid: `accept-offer-${o.id}`,
          onclick: e => act(e.target, () => post(`/aid/requests/${encodeURIComponent(r.id)}/offers/${encodeURIComponent(o.id)}/accept`, {}), `Offer from ${o.offerer} accepted`),
        }, 'Accept') : null)),
      // below the donor's own safe minimum: on record with the offer, across the table's width
      o.warnings?.length ? el('tr', { class: 'warnings' }, el('td', { colspan: '5' },
        o.warnings.map(w => el('div', { class: 'offer-warning', testid: 'offer-warning' }, '⚠ ', words(w))))) : null])) : el('p', { class: 'muted' }, 'No offers yet.'),
    r.declines.length ? el('p', { class: 'muted', testid: 'aid-declines' }, 'Declined: ', r.declines.map(d => `${orgName(d.organisation)} (${d.reason})`).join('; ')) : null,
    state.aidReferred.has(r.id) && ['OPEN', 'PARTLY_FILLED'].includes(r.status) ? el('p', { class: 'offer-warning', testid: 'aid-declined-by-all' },
      '⚠ Declined by everyone asked: referred to the national coordinator, who may broker it for any organisation until ', timeOfDay(r.reportBy), '.') : null,
    el('div', { class: 'actions' },
      answerers.length ? el('button', { type: 'button', class: 'primary small', testid: `offer-aid-${r.id}`, onclick: () => openAidOffer(r, answerers) }, 'Offer units') : null,
      answerers.length ? el('button', {
        type: 'button', class: 'small', testid: `decline-aid-${r.id}`,
        onclick: () => askReason({
          title: 'Decline mutual aid', confirm: 'Decline', testid: 'decline', choiceLabel: 'Declined by',
          what: `${orgName(r.requester)} asks for ${needText(r.need)}: ${r.reason}. Say why you cannot help; ${orgName(r.requester)} sees it.`,
          choices: answerers.map(o => [o, orgName(o)]),
        }, (reason, organisation) => post(`/aid/requests/${encodeURIComponent(r.id)}/declines`, { organisation: organisation || answerers[0], reason }), `Declined ${r.id}`),
      }, 'Decline') : null,
      mine && ['PARTLY_FILLED', 'FILLED'].includes(r.status) ? step('deploy', 'Send to the rendezvous point', 'deploy-aid') : null,
      mine && r.status === 'DEPLOYED' ? step('release', 'Send units home', 'release-aid') : null,
      mine && r.status === 'RELEASED' ? step('close', 'Close', 'close-aid') : null,
      mine && ['DRAFT', 'OPEN', 'PARTLY_FILLED', 'FILLED'].includes(r.status) ? step('cancel', 'Cancel request', 'cancel-aid') : null));
}

function renderLent() {
  const lent = [...state.units.values()].filter(u => u.lentTo);
  document.getElementById('lent-units').replaceChildren(...(lent.length
    ? lent.map(u => el('li', { testid: `lent-${u.id}` }, el('strong', { class: 'callsign' }, u.callsign), ` of ${orgName(u.organisation)} lent to ${orgName(u.lentTo)} · `, badge('status', u.status)))
    : [el('li', { class: 'muted' }, 'None.')]));
}
