// "At this rate": the next hours projected from the live state, on the Response tab. The server forks the
// state and runs the demand, crews and control room on simulated time (GET /api/v1/projection); this shows,
// for the user's zones, which are likely to breach their 90th-centile targets and when.
import { get, el, human, timeOfDay, hourMinute, toast, musterNow, seconds } from './util.js';

export function initProjection() {
  const button = document.getElementById('projection-run');
  button.addEventListener('click', () => run(button));
  // the calls of the last day on Muster's clock (a demo's runs ahead of the wall's), asked for when clicked
  const calls = document.getElementById('calls-csv');
  calls.addEventListener('click', () => {
    const from = new Date(musterNow() - 24 * 3600 * 1000).toISOString();
    calls.href = `/api/v1/calls?from=${encodeURIComponent(from)}`;
  });
}

async function run(button) {
  const hours = document.getElementById('projection-hours').value;
  const box = document.getElementById('projection');
  button.disabled = true;
  box.replaceChildren(el('p', { class: 'muted' }, `Projecting the next ${hours} hours (five runs) …`));
  try {
    render(box, await get(`/projection?hours=${encodeURIComponent(hours)}&replications=5`));
  } catch (e) {
    box.replaceChildren(el('p', { class: 'muted' }, e.message));
    if (e.status !== 409) toast(e.message, 'error', 'Projection');
  } finally {
    button.disabled = false;
  }
}

function when(z) {
  if (!z.median) return '';
  // one run's time (or several the same) is no range
  // to the minute: the times are the projection's steps from its start, not seconds anyone could plan by
  const range = z.earliest === z.latest ? '' : ` (${hourMinute(z.earliest)}–${hourMinute(z.latest)})`;
  return `around ${hourMinute(z.median)}${range}, ${z.breaching} of ${z.replications} runs`;
}

// each service's calls run at its own trend: one figure when they are alike, else each service's
function rates(p) {
  const each = Object.entries(p.trendByAgency ?? {});
  const distinct = new Set(each.map(([, t]) => t.toFixed(2)));
  if (distinct.size <= 1) return `${(each.length ? each[0][1] : p.trend).toFixed(2)}× its rate`;
  return 'its rates × ' + each.map(([a, t]) => `${t.toFixed(2)} ${a.toLowerCase()}`).join(', ');
}

function render(box, p) {
  const pressing = p.zones.filter(z => z.breachingNow || z.breaching > 0);
  const caption = `From ${timeOfDay(p.at)} for ${p.hours} h; demand from ${p.demand}, at ${rates(p)} (${p.trendBasis}).`;
  box.replaceChildren(
    el('p', { class: 'summary', testid: 'projection-caption' }, caption),
    pressing.length
      ? el('table', { class: 'grid', testid: 'projection-table' },
        el('tr', {}, el('th', {}, 'Zone'), el('th', {}, 'Category'), el('th', {}, '90th-centile target'), el('th', {}, 'Breach')),
        ...pressing.map(z => el('tr', { dataset: { zone: z.zone, priority: z.priority } },
          el('td', {}, z.name ?? z.zone),
          el('td', {}, human(z.priority)),
          el('td', { testid: 'projection-target' }, `${Math.round(seconds(z.targetP90) / 60)} min`),
          el('td', { class: 'breach' }, z.breachingNow ? `now${z.breaching ? `, and in ${z.breaching} of ${z.replications} runs ahead` : ''}` : when(z)))))
      : el('p', { class: 'empty', testid: 'projection-none' }, p.zones.length
        ? 'No zone of yours is projected to breach its targets.'
        : `Nothing to project against: ${unjudged(p)}.`),
    ...(p.zones.length && p.withoutTargets.length
      ? [el('p', { class: 'muted', testid: 'projection-unjudged' }, `Not projected: ${unjudged(p)}.`)]
      : []));
}

/** The server's word on which of the user's organisations have no target, and how to give one. */
function unjudged(p) {
  return `${p.withoutTargets.join(', ')} ${p.withoutTargets.length === 1 ? 'has' : 'have'} no 90th-centile target;`
    + ' none is built in for police and fire: an organisation sets its own with muster.targets, a zone its own with muster.zone-targets';
}
