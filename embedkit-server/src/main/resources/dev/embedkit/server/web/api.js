// Calls to the server's public APIs, with one way to read errors from all of them and the API key kept in
// sessionStorage (this tab only). Paths are relative, so the page also works behind a proxy that adds a prefix.

const KEY_ITEM = 'embedkit.apiKey';

/** An API call that failed: a one-line message for people, and the HTTP status (0 when the server was unreachable). */
export class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
  }
}

let askForKey = null;
let pendingKey = null;
let navigation = new AbortController();

/**
 * Starts a new view: calls still in flight for the previous one are aborted (their views are gone), and calls made
 * from now on belong to this one. Returns the new view's signal.
 */
export function beginNavigation() {
  navigation.abort();
  navigation = new AbortController();
  return navigation.signal;
}

/** Sets the function that asks for a key: (reason) => Promise<string|null>. */
export function onKeyNeeded(ask) {
  askForKey = ask;
}

export function apiKey() {
  return sessionStorage.getItem(KEY_ITEM);
}

/** The Authorization header for the kept key, if any: for requests made without call() (a picture's bytes). */
export function authorization() {
  const key = apiKey();
  return key ? { Authorization: 'Bearer ' + key } : {};
}

export function forgetKey() {
  sessionStorage.removeItem(KEY_ITEM);
}

/**
 * Calls the server and returns {json, headers}. A 401 asks for the key (once for all calls waiting on it) and tries
 * again; any other failure throws an ApiError whose message says what went wrong in words.
 */
export async function call(method, path, body, options = {}) {
  // A call belongs to the view that made it unless it says otherwise (signal: null for calls every view shares).
  const signal = options.signal === undefined ? navigation.signal : options.signal || undefined;
  for (let attempt = 0; ; attempt++) {
    const key = apiKey();
    const headers = authorization();
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, {
        method, headers, signal,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError('The server cannot be reached (' + e.message + '). Is embedkit serve still running?', 0);
    }
    if (response.status === 401 && askForKey && attempt < 3) {
      const reason = await errorText(response);
      if (apiKey() !== key) continue; // another call got a new key meanwhile: try that one
      if (key) forgetKey();
      const entered = await keyFromPerson(key ? 'The key was refused: ' + reason : 'This server asks for an API key.');
      if (entered) {
        sessionStorage.setItem(KEY_ITEM, entered);
        continue;
      }
      throw new ApiError('This server needs an API key, and none was given. ' + reason, 401);
    }
    if (!response.ok) {
      throw new ApiError(describeFailure(response.status, await errorText(response), response.headers.get('Retry-After')),
        response.status);
    }
    let json = null;
    const text = await response.text();
    if (text) {
      try {
        json = JSON.parse(text);
      } catch (e) {
        throw new ApiError('The server answered ' + path + ' with something that is not JSON.', response.status);
      }
    }
    return { json, headers: response.headers };
  }
}

function keyFromPerson(reason) {
  if (!pendingKey) {
    pendingKey = askForKey(reason).finally(() => { pendingKey = null; });
  }
  return pendingKey;
}

/** The message in any of the server's error shapes: OpenAI's, Ollama's and TEI's, and the collections' (Qdrant's). */
export async function errorText(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && body.error && typeof body.error.message === 'string') return body.error.message;
    if (body && typeof body.error === 'string') return body.error;
    if (body && body.status && typeof body.status.error === 'string') return body.status.error;
  } catch (e) {
    // not JSON: a proxy's page, say; its first words are still the best explanation there is
  }
  const plain = text.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
  return plain ? plain.slice(0, 200) : 'no explanation was given (HTTP ' + response.status + ')';
}

/** One line for a failed call: what the status means to a person, then the server's own words. */
export function describeFailure(status, message, retryAfter) {
  if (status === 429) {
    return 'The server is busy: ' + message + (retryAfter ? ' Try again in ' + retryAfter + ' s.' : ' Try again shortly.');
  }
  if (status === 503) return 'The server is not ready: ' + message;
  if (status >= 500) return 'The server failed (HTTP ' + status + '): ' + message;
  return message;
}

let overviewCache = null;

/** GET embedkit/models: the served models with their facts, the server's limits, kept evaluation reports. */
export function overview(refresh = false) {
  if (refresh || !overviewCache) {
    overviewCache = call('GET', 'embedkit/models', undefined, { signal: null }).then((r) => r.json).catch((e) => {
      overviewCache = null;
      throw e;
    });
  }
  return overviewCache;
}
