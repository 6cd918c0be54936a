// Map: a collection's 2-D map (GET collections/NAME/map?format=page, computed by the server with UMAP, t-SNE or PCA
// and clustered), drawn by the same script as embedkit map's HTML pages (embedkit-map.js): clusters coloured and
// named, hover previews, zoom and pan, search-as-you-type. Clicking a point (or Enter in the search box, for its
// first match) opens its document beside the map.
import { call } from '../api.js';
import { guarded, h, field, routeParams, setRouteParams } from '../ui.js';
import { collectionInfo, collectionOptions, collectionSelect, explainGone, listCollections, noCollections, remember, takesImages } from './collections.js';

const METHODS = [['umap', 'UMAP'], ['tsne', 't-SNE'], ['pca', 'PCA']];
const CLUSTERS = [['auto', 'k-means (k chosen)'], ['hdbscan', 'HDBSCAN'], ['communities', 'communities'], ['none', 'none']];

export async function render(root, signal) {
  const params = routeParams();
  root.append(h('h1', {}, 'Map'));
  const collections = await listCollections();
  const select = collectionSelect('m-collection', collections, params.get('collection'));
  if (!select) {
    root.append(noCollections());
    return {};
  }
  const method = h('select', { id: 'm-method' }, METHODS.map(([v, t]) => h('option', { value: v, selected: v === (params.get('method') || 'umap') }, t)));
  const clusters = h('select', { id: 'm-clusters' }, CLUSTERS.map(([v, t]) => h('option', { value: v }, t)));
  const draw = h('button', { id: 'm-draw', type: 'button', className: 'primary' }, 'Draw');
  const status = h('p', { id: 'm-status', className: 'muted', role: 'status' });
  // The element ids embedkit-map.js looks for (inside this view), as in its standalone page; built afresh for each
  // drawing, so no listener of an earlier map stays on them.
  function mapParts() {
    return h('section', { className: 'map-box', id: 'm-map' },
      h('div', { className: 'controls row' },
        field('Colour by', h('select', { id: 'colour-by' })),
        h('input', { id: 'search', type: 'search', placeholder: 'Find in texts', autocomplete: 'off',
          'aria-label': 'Find in texts; Enter opens the first match' }),
        h('span', { id: 'match-count', role: 'status' }),
        h('button', { id: 'zoom-in', type: 'button', 'aria-label': 'Zoom in' }, '+'),
        h('button', { id: 'zoom-out', type: 'button', 'aria-label': 'Zoom out' }, '\u2212'),
        h('button', { id: 'zoom-reset', type: 'button' }, 'Reset')),
      h('div', { className: 'map-main' },
        h('div', { id: 'plot' }, h('canvas', { id: 'map', role: 'img', 'aria-label': 'map of the collection\'s documents' })),
        h('aside', { id: 'legend', 'aria-label': 'Clusters' })),
      h('p', { id: 'caption', className: 'muted small' }),
      h('div', { id: 'tooltip', role: 'tooltip', hidden: true },
        h('img', { id: 'tooltip-image', alt: '', hidden: true }), h('div', { id: 'tooltip-text' }), h('div', { id: 'tooltip-meta' })));
  }
  let mapBox = h('section', { id: 'm-map', hidden: true });
  const documentPanel = h('aside', { id: 'm-document', className: 'document', hidden: true });
  root.append(h('div', { className: 'row' }, field('Collection', select), field('Method', method), field('Clusters', clusters), draw),
    status, mapBox, documentPanel);

  let mounted = null;
  let drawing = 0; // the latest drawing asked for; an older one that answers late is dropped

  function unmount() {
    if (mounted) mounted.destroy();
    mounted = null;
    window.embedkitMap = null;
  }

  async function drawMap() {
    const token = ++drawing;
    const name = select.value;
    setRouteParams('map', { collection: name, method: method.value });
    remember(name);
    documentPanel.hidden = true;
    draw.disabled = true;
    status.textContent = 'Computing the map of "' + name + '"\u2026 (UMAP and t-SNE take a few seconds per thousand documents; the server keeps the result)';
    try {
      const pictures = await takesImages(await collectionInfo(name));
      const url = 'collections/' + encodeURIComponent(name) + '/map?format=page&thumbnails=' + pictures + '&method='
        + method.value + '&clusters=' + clusters.value;
      const data = (await call('GET', url)).json.result;
      if (token !== drawing || signal.aborted) return;
      status.textContent = data.x.length + ' documents \u00b7 ' + data.clusters.filter((c) => c.id >= 0).length + ' clusters';
      unmount();
      const fresh = mapParts();
      mapBox.replaceWith(fresh);
      mapBox = fresh;
      mounted = window.EmbedkitMap.mount(data, { root: fresh, onSelect: (i, id) => guarded(() => openDocument(name, id)) });
      window.embedkitMap = mounted;
      fresh.querySelector('#search').addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        e.preventDefault();
        const first = mounted.matchingPoints()[0];
        if (first !== undefined) mounted.select(first);
      });
      const wanted = params.get('id');
      if (wanted && data.id.indexOf(wanted) >= 0) mounted.select(data.id.indexOf(wanted));
    } catch (e) {
      if (token !== drawing) return;
      status.textContent = '';
      if (await explainGone(e, name)) { await refresh(); return; }
      throw e;
    } finally {
      if (token === drawing) draw.disabled = false;
    }
  }

  async function openDocument(name, id) {
    let documentJson;
    try {
      documentJson = (await call('GET', 'collections/' + encodeURIComponent(name) + '/documents/' + encodeURIComponent(id))).json.result;
    } catch (e) {
      if (await explainGone(e, name)) { await refresh(); return; }
      throw e;
    }
    documentPanel.textContent = '';
    const meta = Object.entries(documentJson.metadata || {});
    const heading = h('h2', { tabindex: '-1' }, documentJson.id);
    documentPanel.append(
      h('div', { className: 'row' }, heading,
        h('button', { type: 'button', 'aria-label': 'Close the document', onclick: () => { documentPanel.hidden = true; } }, '\u00d7')),
      documentJson.text ? h('p', { className: 'text', id: 'm-document-text' }, documentJson.text) : '',
      documentJson.image ? h('p', { className: 'muted' }, documentJson.image) : '',
      meta.length ? h('dl', { className: 'meta' }, meta.map(([k, v]) => [h('dt', {}, k), h('dd', {}, String(v))])) : '',
      h('a', { href: '#/search?collection=' + encodeURIComponent(name) + '&like=' + encodeURIComponent(id) }, 'More like this'));
    documentPanel.hidden = false;
    heading.focus();
  }

  async function refresh() {
    const fresh = await listCollections();
    unmount();
    mapBox.hidden = true;
    documentPanel.hidden = true;
    if (fresh.length === 0) {
      root.replaceChildren(h('h1', {}, 'Map'), noCollections());
      return;
    }
    select.replaceChildren(...collectionOptions(fresh));
  }

  draw.addEventListener('click', () => guarded(drawMap));
  select.addEventListener('change', () => guarded(drawMap));
  await guarded(drawMap);
  return { destroy: unmount };
}
