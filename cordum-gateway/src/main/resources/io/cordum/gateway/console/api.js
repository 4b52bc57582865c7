// The console's only way to the control plane: Cordum's HTTP API on the same origin.
// The API key lives in sessionStorage (this tab only, gone when it closes); it is never written
// into a file, a URL or localStorage.

const KEY = 'cordum.console.key';

export class ApiError extends Error {
  constructor(status, message, code) {
    super(message || ('HTTP ' + status));
    this.status = status;
    this.code = code || '';
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY) || '';
}

export function setApiKey(key) {
  if (key) sessionStorage.setItem(KEY, key); else sessionStorage.removeItem(KEY);
}

let keyless = false;
/** The gateway answered without a key (auth is off): streams connect without one too. */
export function setKeyless(v) { keyless = v; }

let onUnauthorized = () => {};
export function whenUnauthorized(fn) { onUnauthorized = fn; }

/** Calls the API. Returns parsed JSON, or null for 204. Throws ApiError with the server's text. */
export async function api(path, { method = 'GET', body, query, headers = {}, key: given } = {}) {
  let url = path;
  if (query) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(query)) {
      if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
    }
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  const h = { 'Accept': 'application/json', ...headers };
  const key = given !== undefined ? given : apiKey();
  if (key) h['X-API-Key'] = key;
  let payload;
  if (body !== undefined) {
    h['Content-Type'] = 'application/json';
    payload = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const ctrl = new AbortController();
  const timer = setTimeout(() => ctrl.abort(), 15000);
  let res;
  try {
    res = await fetch(url, { method, headers: h, body: payload, signal: ctrl.signal,
      credentials: 'omit', cache: 'no-store' });
  } catch (e) {
    throw new ApiError(0, e.name === 'AbortError' ? 'the server did not answer in time'
      : 'the server can not be reached');
  } finally {
    clearTimeout(timer);
  }
  if (res.status === 204) return null;
  const text = await res.text();
  if (!res.ok) {
    const err = new ApiError(res.status, text.trim(), res.headers.get('X-Cordum-Error-Code'));
    // A stored key that stops working signs the tab out; a key being tried does not.
    if (res.status === 401 && key && given === undefined) onUnauthorized(err);
    throw err;
  }
  if (!text) return null;
  try { return JSON.parse(text); } catch { return text; }
}

/** Path segment encoding (ids may contain '/', ':' and other reserved characters). */
export function seg(id) { return encodeURIComponent(id); }

function base64url(s) {
  const bytes = new TextEncoder().encode(s);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/**
 * The live event stream: one WebSocket per subscription, the key in the cordum-api-key
 * subprotocol, reconnecting with backoff. onEvent gets each parsed event; onState(true|false)
 * tells whether it is connected. Returns a function that closes it.
 */
export function stream(filters, onEvent, onState = () => {}) {
  let ws = null;
  let closed = false;
  let attempt = 0;
  let retry = null;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(filters || {})) if (v) q.set(k, v);
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const url = scheme + '//' + location.host + '/api/v1/stream' + (q.toString() ? '?' + q : '');
  const open = () => {
    if (closed) return;
    if (!apiKey() && !keyless) { schedule(); return; }
    const protocols = ['cordum-api-key'];
    if (apiKey()) protocols.push(base64url(apiKey()));
    try {
      ws = new WebSocket(url, protocols);
    } catch {
      schedule();
      return;
    }
    ws.onopen = () => { attempt = 0; onState(true); };
    ws.onmessage = (m) => {
      let ev;
      try { ev = JSON.parse(m.data); } catch { return; }
      try { onEvent(ev); } catch (e) { console.error(e); }
    };
    ws.onclose = () => { onState(false); schedule(); };
    ws.onerror = () => {};
  };
  const schedule = () => {
    if (closed) return;
    const delay = Math.min(15000, 1000 * Math.pow(1.6, attempt++));
    retry = setTimeout(open, delay);
  };
  open();
  return () => {
    closed = true;
    clearTimeout(retry);
    if (ws) { ws.onclose = null; ws.close(); }
  };
}

/** The job id an event is about, or ''. */
export function eventJobId(ev) {
  for (const k of ['jobRequest', 'jobResult', 'jobProgress', 'jobCancel']) {
    if (ev[k] && ev[k].jobId) return ev[k].jobId;
  }
  return '';
}
