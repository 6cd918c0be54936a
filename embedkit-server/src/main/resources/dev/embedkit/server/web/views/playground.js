// Playground: pick a model, type texts (one per line) and, for image models, drop pictures; see every pair's cosine
// similarity as a heatmap with the numbers, each input's norm and token count (truncation flagged), and the same
// request as curl and OpenAI-SDK snippets. Vectors come from POST v1/embeddings, token counts from POST tokenize.
import { apiKey, call, overview } from '../api.js';
import { fixed, guarded, h, showMessage, field } from '../ui.js';
import { heatmapTable } from '../heatmap.js';
import { curlSnippet, pythonSnippet } from '../snippets.js';

/** The most inputs compared at once: a readable heatmap (the API takes up to the server's max_inputs). */
export const MOST_INPUTS = 64;
const EXAMPLE = 'The weather is lovely today.\nIt\'s so sunny outside!\nHe drove to the stadium.';
const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/bmp', 'image/webp', 'image/tiff'];

export async function render(root) {
  let info = await overview();
  const images = []; // {name, dataUri}
  const modelSelect = h('select', { id: 'pg-model' },
    info.models.map((m) => h('option', { value: m.name, selected: m.default }, m.name)));
  const texts = h('textarea', { id: 'pg-texts', rows: 6, spellcheck: 'false',
    'aria-describedby': 'pg-texts-help' });
  texts.value = EXAMPLE;
  const fileInput = h('input', { id: 'pg-files', type: 'file', accept: IMAGE_TYPES.join(','), multiple: true,
    tabindex: '-1', 'aria-hidden': 'true' }); // reached through the drop zone
  const imageList = h('ul', { id: 'pg-images', className: 'thumbs' });
  const drop = h('div', { id: 'pg-drop', className: 'drop', tabindex: '0', role: 'button',
    'aria-label': 'Add pictures: drop them here, or press Enter to choose files' },
    'Drop pictures here, or ', h('span', { className: 'link' }, 'choose files'), '.');
  const imageBox = h('section', { id: 'pg-image-box', hidden: true }, drop, fileInput, imageList);
  const run = h('button', { id: 'pg-run', type: 'button', className: 'primary' }, 'Compare');
  const status = h('p', { id: 'pg-status', className: 'muted', role: 'status' });
  const results = h('section', { id: 'pg-results' });
  const modelFacts = h('span', { id: 'pg-model-facts', className: 'muted' });

  root.append(
    h('h1', {}, 'Playground'),
    h('div', { className: 'row' }, field('Model', modelSelect), modelFacts),
    field('Texts, one per line', texts),
    h('p', { id: 'pg-texts-help', className: 'muted small' }, 'Up to ' + MOST_INPUTS + ' inputs. Ctrl+Enter compares.'),
    imageBox,
    h('div', { className: 'row' }, run, status),
    results);

  function model() {
    return info.models.find((m) => m.name === modelSelect.value);
  }

  function showModel() {
    const m = model();
    const takesImages = m && m.modalities && m.modalities.includes('image');
    imageBox.hidden = !takesImages;
    modelFacts.textContent = !m || !m.loaded ? 'loads on first use'
      : m.dimensions + ' dimensions \u00b7 up to ' + m.max_tokens + ' tokens' + (takesImages ? ' \u00b7 text and images' : '');
  }

  function addFiles(files) {
    const limit = info.limits.max_image_bytes;
    for (const file of files) {
      if (!IMAGE_TYPES.includes(file.type)) {
        showMessage('"' + file.name + '" is not a picture (' + (file.type || 'unknown type')
          + '); the playground takes JPEG, PNG, GIF, BMP, WebP and TIFF files.');
        continue;
      }
      if (file.size > limit) {
        showMessage('"' + file.name + '" is ' + (file.size / 1048576).toFixed(1) + ' MiB; this server takes pictures of at most '
          + (limit / 1048576).toFixed(1) + ' MiB (embedkit serve --max-image-bytes).');
        continue;
      }
      const reader = new FileReader();
      reader.onload = () => {
        images.push({ name: file.name, dataUri: reader.result });
        renderImages();
      };
      reader.onerror = () => showMessage('"' + file.name + '" could not be read: ' + reader.error);
      reader.readAsDataURL(file);
    }
  }

  function renderImages() {
    imageList.textContent = '';
    images.forEach((image, k) => {
      imageList.append(h('li', {}, h('img', { src: image.dataUri, alt: image.name }), h('span', {}, image.name),
        h('button', { type: 'button', 'aria-label': 'Remove ' + image.name,
          onclick: () => { images.splice(k, 1); renderImages(); } }, '\u00d7')));
    });
  }

  async function compare() {
    if (run.disabled) return; // one comparison at a time (Ctrl+Enter while one runs)
    const lines = texts.value.split('\n').map((t) => t.trim()).filter((t) => t.length > 0);
    const withImages = imageBox.hidden ? [] : images;
    const count = lines.length + withImages.length;
    if (count === 0) {
      showMessage('Nothing to compare: type at least one text (one per line)' + (imageBox.hidden ? '.' : ' or drop a picture.'));
      return;
    }
    if (count > MOST_INPUTS) {
      showMessage('You gave ' + count + ' inputs; the playground compares at most ' + MOST_INPUTS
        + ' at a time. Remove some, or send them to POST /v1/embeddings (up to ' + info.limits.max_inputs + ').');
      return;
    }
    run.disabled = true;
    status.textContent = 'Embedding\u2026';
    const wasLoaded = model() && model().loaded;
    try {
      const request = { model: modelSelect.value, input: [...lines, ...withImages.map((i) => ({ image: i.dataUri }))] };
      const reply = await call('POST', 'v1/embeddings', request);
      if (!wasLoaded) { // the model loaded for this request: its facts (modalities, window) are known now
        info = await overview(true);
        showModel();
      }
      const vectors = reply.json.data.map((d) => d.embedding);
      const truncatedCount = Number(reply.headers.get('X-Truncated-Inputs') || 0);
      const tokens = lines.length > 0 ? await tokenCounts(request.model, lines, truncatedCount) : [];
      showResults(request, [...lines, ...withImages.map((i) => i.name)], vectors, tokens, truncatedCount);
      status.textContent = count + (count === 1 ? ' input compared' : ' inputs compared');
    } catch (e) {
      status.textContent = '';
      results.textContent = ''; // no half-old results under the error
      throw e;
    } finally {
      run.disabled = false;
    }
  }

  /**
   * Tokens per text as the model reads them (special tokens and prompt included), and whether each was cut: the
   * embeddings reply says how many inputs were cut (X-Truncated-Inputs), and only a text at the window's length can
   * have been. When that does not settle it (a text exactly as long as the window beside a cut one), the text is
   * asked for untruncated, which the server refuses when it is too long.
   */
  async function tokenCounts(modelName, lines, truncatedCount) {
    const m = info.models.find((x) => x.name === modelName);
    if (!m || !m.loaded || !(m.modalities.length === 1 && m.modalities[0] === 'text')) {
      // CLIP models do not list their tokens (POST tokenize answers 422 for them): counts show as a dash
      return lines.map(() => ({ tokens: null, truncated: false }));
    }
    const counted = (await call('POST', 'tokenize', { inputs: lines, model: modelName, truncate: true })).json;
    const result = counted.map((t) => ({ tokens: t.length, truncated: false }));
    const atWindow = result.map((r, i) => (r.tokens >= m.max_tokens ? i : -1)).filter((i) => i >= 0);
    if (truncatedCount === atWindow.length) {
      for (const i of atWindow) result[i].truncated = true;
    } else if (truncatedCount > 0) {
      for (const i of atWindow) {
        try {
          await call('POST', 'tokenize', { inputs: [lines[i]], model: modelName, truncate: false });
        } catch (e) {
          if (e.status >= 400 && e.status < 500) result[i].truncated = true; else throw e;
        }
      }
    }
    return result;
  }

  function showResults(request, labels, vectors, tokens, truncatedCount) {
    const norms = vectors.map((v) => Math.sqrt(v.reduce((s, x) => s + x * x, 0)));
    const matrix = vectors.map((a, i) => vectors.map((b, j) => {
      let dot = 0;
      for (let k = 0; k < a.length; k++) dot += a[k] * b[k];
      return dot / (norms[i] * norms[j]);
    }));
    const details = h('table', { id: 'pg-details', className: 'facts' },
      h('thead', {}, h('tr', {}, ['#', 'Input', 'Tokens', 'Norm', 'Dimensions'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, labels.map((label, i) => {
        const t = tokens[i];
        return h('tr', { className: t && t.truncated ? 'truncated' : '' },
          h('td', {}, i + 1), h('td', { className: 'input' }, label),
          h('td', {}, t ? (t.tokens === null ? '\u2014' : String(t.tokens)) : 'picture',
            t && t.truncated ? h('span', { className: 'flag', title: 'Only the first tokens were read' }, ' truncated') : ''),
          h('td', {}, fixed(norms[i])), h('td', {}, vectors[i].length));
      })));
    const keyNeeded = !!apiKey();
    const curl = h('pre', { id: 'pg-curl', tabindex: '0', role: 'tabpanel', 'aria-labelledby': 'pg-tab-curl' },
      curlSnippet(request, keyNeeded));
    const python = h('pre', { id: 'pg-python', tabindex: '0', role: 'tabpanel', 'aria-labelledby': 'pg-tab-python', hidden: true },
      pythonSnippet(request, keyNeeded));
    const curlTab = h('button', { type: 'button', role: 'tab', 'aria-selected': 'true', 'aria-controls': 'pg-curl', id: 'pg-tab-curl' }, 'curl');
    const pythonTab = h('button', { type: 'button', role: 'tab', 'aria-selected': 'false', 'aria-controls': 'pg-python', id: 'pg-tab-python' },
      'OpenAI SDK (Python)');
    const pick = (showCurl) => {
      curl.hidden = !showCurl;
      python.hidden = showCurl;
      curlTab.setAttribute('aria-selected', String(showCurl));
      pythonTab.setAttribute('aria-selected', String(!showCurl));
    };
    curlTab.addEventListener('click', () => pick(true));
    pythonTab.addEventListener('click', () => pick(false));
    const copy = h('button', { type: 'button', id: 'pg-copy' }, 'Copy');
    copy.addEventListener('click', () => copySnippet(curl.hidden ? python : curl, copy));
    results.textContent = '';
    results.append(
      h('h2', {}, 'Similarity'),
      heatmapTable(labels, matrix),
      h('h2', {}, 'Inputs'),
      truncatedCount > 0 ? h('p', { className: 'warning' }, truncatedCount + ' input(s) were longer than the model reads and were cut.') : '',
      h('div', { className: 'scroll' }, details),
      h('h2', {}, 'The same request from your code'),
      h('div', { className: 'tabs' }, h('div', { className: 'tabs', role: 'tablist', 'aria-label': 'Snippet language' }, curlTab, pythonTab), copy),
      curl, python);
  }

  function copySnippet(pre, button) {
    const done = () => { button.textContent = 'Copied'; setTimeout(() => { button.textContent = 'Copy'; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(pre.textContent).then(done, () => selectText(pre));
    } else {
      selectText(pre); // plain http on another host: no clipboard API; the text is selected for Ctrl+C
    }
  }

  function selectText(element) {
    const range = document.createRange();
    range.selectNodeContents(element);
    const selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  modelSelect.addEventListener('change', showModel);
  run.addEventListener('click', () => guarded(compare));
  texts.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); guarded(compare); }
  });
  drop.addEventListener('click', () => fileInput.click());
  drop.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); fileInput.click(); } });
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); addFiles(e.dataTransfer.files); });
  fileInput.addEventListener('change', () => { addFiles(fileInput.files); fileInput.value = ''; });
  showModel();
  return {};
}
