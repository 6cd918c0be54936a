// Search: pick a collection; query by text or (for image models) by a picture; filters built from the collection's
// metadata fields; hybrid (BM25 + vectors) toggle; top-k. Results show the score, the best chunk highlighted in its
// document, metadata and thumbnails, with "More like this" and "Show on map".
import { ApiError, call } from '../api.js';
import { fixed, guarded, h, field, routeParams, setRouteParams, showMessage } from '../ui.js';
import { collectionInfo, collectionOptions, collectionSelect, explainGone, listCollections, noCollections, remember, takesImages, thumbnail } from './collections.js';

const OPERATORS = ['=', '!=', '>', '>=', '<', '<=', 'exists'];
const CONTEXT_CHARS = 300;

export async function render(root) {
  const params = routeParams();
  root.append(h('h1', {}, 'Search'));
  const collections = await listCollections();
  const select = collectionSelect('s-collection', collections, params.get('collection'));
  if (!select) {
    root.append(noCollections());
    return {};
  }
  const query = h('input', { id: 's-query', type: 'search', placeholder: 'What are you looking for?', autocomplete: 'off' });
  const image = h('input', { id: 's-image', type: 'file', accept: 'image/*' });
  const imageField = field('or a picture', image);
  const topK = h('input', { id: 's-topk', type: 'number', min: '1', max: '100', value: '10' });
  const hybrid = h('input', { id: 's-hybrid', type: 'checkbox' });
  const filters = h('div', { id: 's-filters', className: 'filters' });
  const filterText = h('code', { id: 's-filter-text' });
  const addFilter = h('button', { id: 's-add-filter', type: 'button' }, 'Add a filter');
  const go = h('button', { id: 's-go', type: 'button', className: 'primary' }, 'Search');
  const summary = h('p', { id: 's-summary', className: 'muted', role: 'status' });
  const facts = h('span', { id: 's-facts', className: 'muted' });
  const results = h('ol', { id: 's-results', className: 'hits' });
  root.append(
    h('div', { className: 'row' }, field('Collection', select), facts),
    h('div', { className: 'row wide' }, field('Query', query), imageField),
    h('div', { className: 'row' }, field('Results', topK),
      h('label', { className: 'check' }, hybrid, ' Hybrid (keywords + vectors)'), go),
    h('fieldset', { className: 'filters-box' }, h('legend', {}, 'Filters (all must hold)'), filters,
      h('div', { className: 'row' }, addFilter, h('span', { className: 'muted small' }, 'as text: '), filterText)),
    summary, results);

  let info = null;
  let fieldTypes = {};

  async function open(name) {
    results.textContent = '';
    summary.textContent = '';
    filters.textContent = '';
    filterText.textContent = '';
    info = await collectionInfo(name);
    fieldTypes = info.fields || {};
    const model = info.config.model;
    facts.textContent = info.documents + ' documents \u00b7 '
      + (model ? 'model ' + model : 'external vectors');
    imageField.hidden = !(await takesImages(info));
    addFilter.disabled = Object.keys(fieldTypes).length === 0;
    addFilter.title = addFilter.disabled ? 'This collection has no metadata fields to filter on' : '';
    setRouteParams('search', { collection: name });
    remember(name);
  }

  function addFilterRow() {
    const names = Object.keys(fieldTypes).sort();
    const name = h('select', { 'aria-label': 'Field' }, names.map((n) => h('option', { value: n }, n)));
    const op = h('select', { 'aria-label': 'Condition' }, OPERATORS.map((o) => h('option', { value: o }, o)));
    const value = h('input', { type: 'text', 'aria-label': 'Value', placeholder: 'value' });
    const remove = h('button', { type: 'button', 'aria-label': 'Remove this filter' }, '\u00d7');
    const row = h('div', { className: 'filter row' }, name, op, value, remove);
    remove.addEventListener('click', () => { row.remove(); showFilter(); });
    for (const control of [name, op, value]) control.addEventListener('input', showFilter);
    filters.append(row);
    showFilter();
    name.focus();
  }

  /** The filter language's text for the rows (FilterParser): field op value, joined by AND. */
  function filterExpression() {
    const parts = [];
    for (const row of filters.querySelectorAll('.filter')) {
      const [name, op, value] = row.querySelectorAll('select, input');
      const quotedName = fieldName(name.value);
      if (op.value === 'exists') { parts.push(quotedName + ' EXISTS'); continue; }
      const raw = value.value.trim();
      if (raw === '') throw new ApiError('The filter on "' + name.value + '" has no value; type one, or remove the filter.', 0);
      parts.push(quotedName + ' ' + op.value + ' ' + literal(fieldTypes[name.value] || [], raw));
    }
    return parts.join(' AND ');
  }

  /** A field as the filter language reads it: plain when it is a plain name and no keyword, else backquoted. */
  function fieldName(name) {
    const keyword = /^(and|or|not|in|exists|is|null|true|false)$/i.test(name);
    return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) && !keyword ? name : '`' + name + '`';
  }

  function literal(types, raw) {
    if (types.some((t) => t === 'long' || t === 'double' || t === 'number') && /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(raw)) return raw;
    if (types.includes('boolean') && /^(true|false)$/i.test(raw)) return raw.toLowerCase();
    return "'" + raw.replace(/'/g, "''") + "'";
  }

  function showFilter() {
    try {
      filterText.textContent = filterExpression() || '(none)';
    } catch (e) {
      filterText.textContent = '(incomplete)';
    }
  }

  async function search(extra) {
    const name = select.value;
    const k = Number(topK.value);
    if (!Number.isInteger(k) || k < 1 || k > 100) {
      showMessage('"Results" must be a whole number from 1 to 100; it is ' + (topK.value || 'empty') + '.');
      return;
    }
    const body = { top_k: k, hybrid: hybrid.checked, fields: ['text', 'metadata', 'chunk', 'image'] };
    const filter = filterExpression();
    if (filter) body.filter = filter;
    if (extra) {
      Object.assign(body, extra);
      delete body.hybrid; // keywords need words; "more like this" has a document instead
    } else if (image.files.length > 0 && !imageField.hidden) {
      body.image = await dataUri(image.files[0]);
      delete body.hybrid; // keywords need words
    } else {
      const text = query.value.trim();
      if (!text) {
        showMessage('Type something to search for' + (imageField.hidden ? '.' : ', or choose a picture.'));
        query.focus();
        return;
      }
      body.query = text;
    }
    go.disabled = true;
    try {
      const hits = (await call('POST', 'collections/' + encodeURIComponent(name) + '/search', body)).json.result.results;
      showHits(name, hits, body);
    } catch (e) {
      if (await explainGone(e, name)) { await refreshCollections(); return; }
      throw e;
    } finally {
      go.disabled = false;
    }
  }

  function showHits(name, hits, body) {
    results.textContent = '';
    const what = body.like ? 'like document "' + body.like + '"' : body.image ? 'like the picture' : 'for "' + body.query + '"';
    summary.textContent = hits.length + (hits.length === 1 ? ' result ' : ' results ') + what
      + (body.filter ? ' where ' + body.filter : '') + (body.hybrid ? ' (hybrid)' : '');
    hits.forEach((hit, rank) => {
      const item = h('li', { className: 'hit', dataset: { id: hit.id } },
        h('div', { className: 'hit-head' },
          h('span', { className: 'rank' }, '#' + (rank + 1)),
          h('span', { className: 'score', title: 'similarity score' }, fixed(hit.score)),
          h('span', { className: 'doc-id' }, hit.id)),
        hit.image ? thumbnail(name, hit.id, hit.image) : '',
        hit.text ? highlighted(hit.text, hit.chunk) : '',
        metadata(hit.metadata),
        h('div', { className: 'hit-actions' },
          h('button', { type: 'button', className: 'more-like', onclick: () => guarded(() => search({ like: hit.id })) },
            'More like this'),
          h('a', { href: '#/map?collection=' + encodeURIComponent(name) + '&id=' + encodeURIComponent(hit.id) }, 'Show on map')));
      results.append(item);
    });
  }

  /** The document's text around its best chunk, the chunk marked. */
  function highlighted(text, chunk) {
    if (!chunk || chunk.end <= chunk.start) return h('p', { className: 'text' }, clip(text, 0, text.length));
    const from = Math.max(0, chunk.start - CONTEXT_CHARS);
    const to = Math.min(text.length, chunk.end + CONTEXT_CHARS);
    return h('p', { className: 'text' }, from > 0 ? '\u2026' : '', text.slice(from, chunk.start),
      h('mark', { title: 'best matching chunk (' + (chunk.index + 1) + ')' }, text.slice(chunk.start, chunk.end)),
      text.slice(chunk.end, to), to < text.length ? '\u2026' : '');
  }

  function clip(text, from, to) {
    return text.length > 2 * CONTEXT_CHARS ? text.slice(0, 2 * CONTEXT_CHARS) + '\u2026' : text.slice(from, to);
  }

  function metadata(values) {
    const keys = Object.keys(values || {});
    if (keys.length === 0) return '';
    return h('dl', { className: 'meta' }, keys.map((k) => [h('dt', {}, k), h('dd', {}, String(values[k]))]));
  }

  async function refreshCollections() {
    const fresh = await listCollections();
    if (fresh.length === 0) {
      root.replaceChildren(h('h1', {}, 'Search'), noCollections());
      return;
    }
    select.replaceChildren(...collectionOptions(fresh));
    results.textContent = '';
    summary.textContent = '';
    await open(select.value);
  }

  select.addEventListener('change', () => guarded(async () => {
    try {
      await open(select.value);
    } catch (e) {
      if (await explainGone(e, select.value)) await refreshCollections(); else throw e;
    }
  }));
  addFilter.addEventListener('click', addFilterRow);
  go.addEventListener('click', () => guarded(() => search()));
  query.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); guarded(() => search()); } });
  await open(select.value);
  if (params.get('like')) await guarded(() => search({ like: params.get('like') }));
  query.focus();
  return {};
}

function dataUri(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(new ApiError('"' + file.name + '" could not be read: ' + reader.error, 0));
    reader.readAsDataURL(file);
  });
}
