// The page's shell: a hash router over four views, the API-key dialog, and the message area.
// Each view module exports render(container, signal) and returns an object whose destroy() undoes what outlives the
// view; signal is aborted when the person moves on.
import { beginNavigation, onKeyNeeded, overview } from './api.js';
import { clearMessage, guarded, h } from './ui.js';
import * as playground from './views/playground.js';
import * as search from './views/search.js';
import * as map from './views/map.js';
import * as models from './views/models.js';

const VIEWS = { playground, search, map, models };
const TITLES = { playground: 'Playground', search: 'Search', map: 'Map', models: 'Models' };

// Errors are kept where tests (and curious readers) can see them, as the standalone map does.
window.embedkitErrors = [];
window.addEventListener('error', (e) => window.embedkitErrors.push(String(e.message)));
window.addEventListener('unhandledrejection', (e) => window.embedkitErrors.push(String(e.reason)));

let current = null;
let currentName = null;
let navigations = 0;

function viewName() {
  const match = location.hash.match(/^#\/([a-z]+)/);
  return match && VIEWS[match[1]] ? match[1] : 'playground';
}

async function route() {
  const name = viewName();
  if (name === currentName) return; // only the view's parameters changed (it updated them itself)
  if (current && current.destroy) current.destroy();
  current = null;
  currentName = name;
  const signal = beginNavigation(); // the previous view's calls in flight are aborted
  clearMessage();
  document.title = TITLES[name] + ' \u00b7 embedkit';
  for (const link of document.querySelectorAll('nav a')) {
    if (link.dataset.view === name) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  // Each view renders into a container of its own: a view still rendering when the person moves on writes into a
  // container that is no longer in the page, never into the next view.
  const root = document.getElementById('view');
  const container = h('div', { className: 'view-' + name });
  root.replaceChildren(container);
  root.dataset.view = name;
  root.dataset.ready = 'false';
  if (navigations++ > 0) root.focus(); // a screen reader starts reading the new view
  const view = await guarded(() => VIEWS[name].render(container, signal));
  if (!signal.aborted) {
    current = view || null;
    root.dataset.ready = 'true';
    if (performance.getEntriesByName('embedkit-ready').length === 0) performance.mark('embedkit-ready');
  } else if (view && view.destroy) {
    view.destroy(); // the person moved on while it was rendering
  }
}

// ---- The API key: asked for in a modal when an API answers 401, kept in sessionStorage by api.js. While it is open
// the rest of the page is inert (no Tab stop, no click), so the dialog keeps the focus.
function askForKey(reason) {
  const dialog = document.getElementById('key-dialog');
  const input = document.getElementById('key-input');
  const save = document.getElementById('key-save');
  const cancel = document.getElementById('key-cancel');
  const background = [document.querySelector('header.top'), document.getElementById('message'), document.getElementById('view')];
  document.getElementById('key-reason').textContent = reason;
  const opener = document.activeElement;
  background.forEach((e) => { e.inert = true; });
  dialog.hidden = false;
  input.value = '';
  input.focus();
  return new Promise((resolve) => {
    function finish(value) {
      dialog.hidden = true;
      background.forEach((e) => { e.inert = false; });
      save.removeEventListener('click', onSave);
      cancel.removeEventListener('click', onCancel);
      dialog.removeEventListener('keydown', keys);
      if (opener && opener.focus) opener.focus();
      resolve(value);
    }
    function onSave() { finish(input.value.trim() || null); }
    function onCancel() { finish(null); }
    function keys(e) {
      if (e.key === 'Enter' && e.target === input) { e.preventDefault(); onSave(); }
      if (e.key === 'Escape') { e.preventDefault(); onCancel(); }
      if (e.key === 'Tab') { // keep Tab inside the dialog: input, save, cancel
        const order = [input, save, cancel];
        const at = order.indexOf(document.activeElement);
        e.preventDefault();
        order[(at + (e.shiftKey ? order.length - 1 : 1)) % order.length].focus();
      }
    }
    save.addEventListener('click', onSave);
    cancel.addEventListener('click', onCancel);
    dialog.addEventListener('keydown', keys);
  });
}

onKeyNeeded(askForKey);
document.getElementById('message-close').addEventListener('click', clearMessage);
window.addEventListener('hashchange', route);
route();
overview().then((o) => {
  document.getElementById('server-version').textContent = 'server ' + o.version;
}).catch(() => { /* the view shows the error */ });
