// Models: what the server serves, with each model's facts (read from its own config files by the server), and the
// evaluations `embedkit eval` kept in $EMBEDKIT_HOME/eval-reports, newest first.
import { overview } from '../api.js';
import { bytes, h } from '../ui.js';

export async function render(root) {
  const info = await overview(true);
  root.append(h('h1', {}, 'Models'));
  const list = h('div', { id: 'models-list', className: 'cards' }, info.models.map(card));
  root.append(list);
  root.append(h('p', { className: 'muted small' }, 'Limits: ' + info.limits.max_inputs + ' inputs and '
    + bytes(info.limits.max_body_bytes) + ' per request, pictures up to ' + bytes(info.limits.max_image_bytes) + '.'));
  root.append(h('h2', {}, 'Evaluations'));
  if (info.evaluations.length === 0) {
    root.append(h('p', { id: 'evaluations-none', className: 'muted' }, 'No evaluation reports yet. Run one and it shows here:'),
      h('pre', {}, 'embedkit eval sts --model ' + info.default_model));
  } else {
    const served = new Set(info.models.flatMap((m) => [m.name, m.source]));
    root.append(h('div', { id: 'evaluations' }, info.evaluations.map((report) => evaluation(report, served))));
  }
  return {};
}

function card(model) {
  const facts = model.loaded ? [
    ['Dimensions', model.dimensions],
    ['Max tokens', model.max_tokens],
    ['Pooling', model.pooling],
    ['Normalised', model.normalize ? 'yes' : 'no'],
    ['Similarity', model.similarity],
    ['Precision', model.weights],
    ['Takes', model.modalities.join(', ')],
    ['Size', bytes(model.size_bytes)],
    ['Prompts', Object.keys(model.prompts).length === 0 ? 'none'
      : Object.entries(model.prompts).map(([k, v]) => k + ': "' + v + '"' + (k === model.default_prompt ? ' (default)' : '')).join('; ')],
  ] : [['State', 'not loaded yet: it loads on its first request']];
  return h('section', { className: 'card model', dataset: { model: model.name } },
    h('h2', {}, model.name, model.default ? h('span', { className: 'badge' }, 'default') : ''),
    model.source !== model.name ? h('p', { className: 'muted small' }, model.source) : '',
    h('dl', { className: 'facts' }, facts.map(([k, v]) => [h('dt', {}, k), h('dd', { dataset: { fact: k } }, String(v))])));
}

function evaluation(report, served) {
  const metrics = [];
  const results = report.results.filter((r) => r && typeof r === 'object' && r.metrics && typeof r.metrics === 'object');
  for (const r of results) for (const name of Object.keys(r.metrics)) if (!metrics.includes(name)) metrics.push(name);
  return h('section', { className: 'report', dataset: { task: report.task } },
    h('h3', {}, report.task + (report.main_metric ? ' \u00b7 ' + report.main_metric : ''),
      report.created ? h('span', { className: 'muted small' }, ' ' + report.created.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')) : ''),
    h('div', { className: 'scroll' }, h('table', { className: 'facts' },
      h('thead', {}, h('tr', {}, ['Model', 'Precision', 'Dimensions', ...metrics].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, results.map((r) => h('tr', { className: served.has(r.model) ? 'served' : '' },
        h('td', {}, r.model), h('td', {}, r.precision), h('td', {}, r.dimensions),
        metrics.map((m) => h('td', { className: m === report.main_metric ? 'main' : '' },
          r.metrics[m] === null || r.metrics[m] === undefined ? '\u2014' : Number(r.metrics[m]).toFixed(2)))))))),
    (report.notes || []).length ? h('p', { className: 'muted small' }, report.notes.join(' \u00b7 ')) : '');
}
