// Small DOM helpers shared by the views, and the page's one message area.

/** Creates an element: h('button', {type: 'button', onclick: f}, 'text', child, ...). */
export function h(tag, attributes, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'className') element.className = value;
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    element.append(child instanceof Node ? child : String(child));
  }
  return element;
}

/** Shows a message at the top of the page (role=alert, read out by screen readers); kind: 'error' or 'info'. */
export function showMessage(text, kind = 'error') {
  const box = document.getElementById('message');
  document.getElementById('message-text').textContent = text;
  box.className = kind;
  box.hidden = false;
}

export function clearMessage() {
  document.getElementById('message').hidden = true;
}

/** Runs an async action, showing its failure as the page's message; returns its value or undefined. */
export async function guarded(action) {
  try {
    clearMessage();
    return await action();
  } catch (e) {
    if (e.name !== 'AbortError') showMessage(e.message || String(e));
    return undefined;
  }
}

/** The query parameters of the current hash route (#/view?a=b). */
export function routeParams() {
  const hash = location.hash;
  const q = hash.indexOf('?');
  return new URLSearchParams(q >= 0 ? hash.slice(q + 1) : '');
}

/** Replaces the current hash route's parameters without leaving the view. */
export function setRouteParams(view, params) {
  const query = new URLSearchParams(params).toString();
  history.replaceState(null, '', '#/' + view + (query ? '?' + query : ''));
}

export function fixed(value, digits = 4) {
  return Number.isFinite(value) ? value.toFixed(digits) : '\u2014';
}

export function bytes(n) {
  if (n >= 1 << 30) return (n / (1 << 30)).toFixed(1) + ' GiB';
  if (n >= 1 << 20) return (n / (1 << 20)).toFixed(1) + ' MiB';
  if (n >= 1 << 10) return (n / (1 << 10)).toFixed(1) + ' KiB';
  return n + ' B';
}

/** A labelled form control: label text, then the control (ids tie them together). */
export function field(label, control) {
  return h('label', { className: 'field', for: control.id }, h('span', {}, label), control);
}
