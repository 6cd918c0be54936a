// What the search and map views share: the collection picker, reading a collection's facts, and telling a person
// when the collection they had open was deleted.
import { authorization, call, overview } from '../api.js';
import { h, showMessage } from '../ui.js';

/** The collections' names and facts (GET collections). */
export async function listCollections() {
  return (await call('GET', 'collections')).json.result.collections;
}

const LAST = 'embedkit.collection';

/** Remembers the collection a person opened (for this tab), so Search and Map open on it next. */
export function remember(name) {
  sessionStorage.setItem(LAST, name);
}

/**
 * A select of the collections with the wanted one chosen (else the last one opened in this tab, else the first);
 * null when there are none.
 */
export function collectionSelect(id, collections, wanted) {
  if (collections.length === 0) return null;
  wanted = wanted || sessionStorage.getItem(LAST);
  const chosen = collections.some((c) => c.name === wanted) ? wanted : collections[0].name;
  const select = h('select', { id }, collectionOptions(collections));
  select.value = chosen;
  return select;
}

/** An option per collection, named with its model: for the pickers and for refreshing them. */
export function collectionOptions(collections) {
  return collections.map((c) => h('option', { value: c.name }, c.name + (c.model ? ' (' + c.model + ')' : '')));
}

export function noCollections() {
  return h('div', { className: 'empty', id: 'no-collections' },
    h('p', {}, 'This server has no collections yet.'),
    h('pre', {}, 'embedkit collection create docs --model all-minilm-l6-v2\nembedkit index docs ./my-texts/\nembedkit serve'),
    h('p', { className: 'muted' }, 'or PUT /collections/NAME and PUT /collections/NAME/documents over HTTP.'));
}

/** GET collections/NAME: config, counts and metadata fields. */
export async function collectionInfo(name) {
  return (await call('GET', 'collections/' + encodeURIComponent(name))).json.result;
}

/** Whether the collection's model, if served here, takes pictures. */
export async function takesImages(info) {
  const model = info.config && info.config.model;
  if (!model) return false;
  const served = (await overview()).models.find((m) => m.name === model || m.source === model);
  return !!(served && served.modalities && served.modalities.includes('image'));
}

/**
 * Whether a 404 about an open collection means it was deleted (or renamed) meanwhile: asked of the server, since a
 * missing document answers 404 too. Says so when it was, and the caller refreshes its list.
 */
export async function explainGone(error, name) {
  if (!error || error.status !== 404) return false;
  const names = (await listCollections()).map((c) => c.name);
  if (names.includes(name)) return false;
  showMessage('Collection "' + name + '" no longer exists: it was deleted while this page had it open. '
    + (names.length ? 'Pick another one (the list has been refreshed).' : 'There are no collections left.'));
  return true;
}

/**
 * An image document's thumbnail as an <img>, fetched with the key (an <img src> could not send it). Only pictures
 * the server has on disk have thumbnails (and data URIs are shown as they are).
 */
export function thumbnail(collection, id, image) {
  if (/^data:/i.test(image)) return h('img', { className: 'thumb', alt: 'picture of ' + id, src: image });
  if (/^https?:/i.test(image)) return ''; // the page loads nothing from elsewhere
  const element = h('img', { className: 'thumb', alt: 'picture of ' + id, hidden: true });
  fetchThumbnail(collection, id).then((url) => {
    if (!url) return;
    element.addEventListener('load', () => URL.revokeObjectURL(url), { once: true });
    element.src = url;
    element.hidden = false;
  });
  return element;
}

async function fetchThumbnail(collection, id) {
  try {
    const response = await fetch('collections/' + encodeURIComponent(collection) + '/thumbnail?id='
      + encodeURIComponent(id), { headers: authorization() });
    return response.ok ? URL.createObjectURL(await response.blob()) : null;
  } catch (e) {
    return null; // a missing thumbnail is not worth a message
  }
}
