// Small DOM helpers. Text always goes in as text nodes, never as HTML, so values from the
// server can not inject markup.

export function h(tag, attrs, ...children) {
  const el = document.createElementNS(
    tag === 'svg' || attrs?.svg ? 'http://www.w3.org/2000/svg' : 'http://www.w3.org/1999/xhtml',
    tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false || k === 'svg') continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.setAttribute('class', v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'value' && 'value' in el) el.value = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  add(el, children);
  return el;
}

function add(el, children) {
  for (const c of children) {
    if (c === undefined || c === null || c === false) continue;
    if (Array.isArray(c)) add(el, c);
    else if (c instanceof Node) el.appendChild(c);
    else el.appendChild(document.createTextNode(String(c)));
  }
}

export function svg(tag, attrs, ...children) {
  return h(tag, { ...attrs, svg: true }, ...children);
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function mount(el, ...children) {
  clear(el);
  add(el, children);
  return el;
}

/** A state badge: JOB states, run and step statuses, safety decisions. */
export function badge(state) {
  const s = String(state || '').toLowerCase();
  return h('span', { class: 'badge s-' + s.replace(/[^a-z_]/g, '') }, state || '—');
}

export function link(href, text, attrs = {}) {
  return h('a', { href, ...attrs }, text);
}

export function jobLink(id) {
  return link('#/jobs/' + encodeURIComponent(id), id, { class: 'mono' });
}

export function runLink(id) {
  return link('#/runs/' + encodeURIComponent(id), id, { class: 'mono' });
}

// ---- time

/** Accepts RFC 3339 strings, unix micro/milli/seconds numbers; returns a Date or null. */
export function toDate(v) {
  if (v === undefined || v === null || v === '' || v === 0) return null;
  if (typeof v === 'number') {
    if (v > 1e17) return new Date(v / 1e6);
    if (v > 1e14) return new Date(v / 1e3);
    if (v > 1e11) return new Date(v);
    return new Date(v * 1000);
  }
  const d = new Date(v);
  return isNaN(d) ? null : d;
}

export function fmtTime(v) {
  const d = toDate(v);
  if (!d) return '—';
  return d.toLocaleString(undefined, { year: 'numeric', month: 'short', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function ago(v) {
  const d = toDate(v);
  if (!d) return '—';
  const r = rel((Date.now() - d.getTime()) / 1000);
  return r === 'now' ? 'just now' : r + ' ago';
}

export function fromNow(v) {
  const d = toDate(v);
  if (!d) return '—';
  const s = (d.getTime() - Date.now()) / 1000;
  if (Math.abs(s) < 1) return 'now';
  return s < 0 ? rel(-s) + ' ago' : 'in ' + rel(s);
}

function rel(s) {
  if (s < 1) return 'now';
  if (s < 60) return Math.round(s) + ' s';
  if (s < 3600) return Math.round(s / 60) + ' min';
  if (s < 86400) return (s / 3600).toFixed(1) + ' h';
  return (s / 86400).toFixed(1) + ' d';
}

/** A time element with the absolute time as its title. */
export function when(v, relative = true) {
  const d = toDate(v);
  if (!d) return h('span', { class: 'muted' }, '—');
  return h('time', { datetime: d.toISOString(), title: fmtTime(v) }, relative ? ago(v) : fmtTime(v));
}

// ---- JSON with secrets masked

const SECRET_KEY = /(secret|passw|token|api[-_]?key|apikey|authorization|credential|private[-_]?key|cookie)/i;
export const MASK = '••••••';

/** A copy of the value with secret-looking keys and secret:// references masked. */
export function masked(v, key = '') {
  if (v === null || v === undefined) return v;
  if (typeof v === 'string') {
    if (SECRET_KEY.test(key) && v !== '') return MASK;
    if (/^\s*secret:\/\//i.test(v)) return 'secret://' + MASK;
    const t = v.trim();
    if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
      // JSON carried inside a string (a worker echoing its input): mask inside it too.
      try { return JSON.stringify(masked(JSON.parse(t), key)); } catch { /* plain text */ }
    }
    return v;
  }
  if (Array.isArray(v)) return v.map((x) => masked(x, key));
  if (typeof v === 'object') {
    const out = {};
    for (const [k, x] of Object.entries(v)) {
      out[k] = SECRET_KEY.test(k) && (typeof x === 'string' || typeof x === 'number') && x !== ''
        ? MASK : masked(x, k);
    }
    return out;
  }
  return SECRET_KEY.test(key) ? MASK : v;
}

/** Pretty JSON, coloured, secrets masked. */
export function jsonView(value, label) {
  const pre = h('pre', { class: 'json', tabindex: '0', 'aria-label': label || 'JSON' });
  if (value === undefined || value === null) {
    pre.appendChild(h('span', { class: 'b' }, 'null'));
    return pre;
  }
  render(pre, masked(value), 0);
  return pre;
}

function render(out, v, depth) {
  const pad = '  '.repeat(depth);
  if (v === null) { out.appendChild(h('span', { class: 'b' }, 'null')); return; }
  if (typeof v === 'string') {
    out.appendChild(h('span', { class: v.includes(MASK) ? 'm' : 's' }, JSON.stringify(v)));
    return;
  }
  if (typeof v === 'number') { out.appendChild(h('span', { class: 'n' }, String(v))); return; }
  if (typeof v === 'boolean') { out.appendChild(h('span', { class: 'b' }, String(v))); return; }
  if (Array.isArray(v)) {
    if (!v.length) { out.appendChild(document.createTextNode('[]')); return; }
    out.appendChild(document.createTextNode('[\n'));
    v.forEach((x, i) => {
      out.appendChild(document.createTextNode(pad + '  '));
      render(out, x, depth + 1);
      out.appendChild(document.createTextNode(i < v.length - 1 ? ',\n' : '\n'));
    });
    out.appendChild(document.createTextNode(pad + ']'));
    return;
  }
  const keys = Object.keys(v);
  if (!keys.length) { out.appendChild(document.createTextNode('{}')); return; }
  out.appendChild(document.createTextNode('{\n'));
  keys.forEach((k, i) => {
    out.appendChild(document.createTextNode(pad + '  '));
    out.appendChild(h('span', { class: 'k' }, JSON.stringify(k)));
    out.appendChild(document.createTextNode(': '));
    render(out, v[k], depth + 1);
    out.appendChild(document.createTextNode(i < keys.length - 1 ? ',\n' : '\n'));
  });
  out.appendChild(document.createTextNode(pad + '}'));
}

// ---- tables

/**
 * A table. columns: [{ title, cell: (row) => node|string, opt: bool (hidden on narrow screens) }].
 */
export function table(columns, rows, { empty = 'Nothing here.', caption, rowAttrs } = {}) {
  if (!rows || !rows.length) return h('p', { class: 'muted' }, empty);
  return h('div', { class: 'table-wrap' },
    h('table', {},
      caption ? h('caption', { class: 'sr-only' }, caption) : null,
      h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col', class: c.opt ? 'opt' : null }, c.title)))),
      h('tbody', {}, rows.map((r) => h('tr', rowAttrs ? rowAttrs(r) : {},
        columns.map((c) => h('td', { class: [c.opt ? 'opt' : '', c.cls || ''].join(' ').trim() || null }, c.cell(r))))))));
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(Boolean).map(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

export function panel(title, ...children) {
  return h('section', { class: 'panel', 'aria-label': typeof title === 'string' ? title : null },
    title ? h('h2', {}, title) : null, ...children);
}

// ---- messages

export function toast(message, bad = false) {
  const t = h('div', { class: 'toast' + (bad ? ' bad' : '') }, message);
  document.getElementById('toasts').appendChild(t);
  setTimeout(() => t.remove(), bad ? 8000 : 4000);
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e && e.message ? e.message : String(e));
}

/**
 * A modal dialog with a form. fields: nodes (labels with inputs). onSubmit(form) may throw;
 * its error is shown in the dialog. Resolves when closed.
 */
export function dialog(title, fields, submitText, onSubmit, { danger = false } = {}) {
  const err = h('div', { role: 'alert' });
  const form = h('form', { class: 'stack', method: 'dialog' },
    h('h2', {}, title), fields, err,
    h('div', { class: 'row' },
      h('button', { type: 'submit', class: danger ? 'danger' : 'primary' }, submitText),
      h('button', { type: 'button', onclick: () => dlg.close() }, 'Cancel')));
  const dlg = h('dialog', { 'aria-label': title }, form);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    mount(err);
    try {
      await onSubmit(form);
      dlg.close();
    } catch (e) {
      mount(err, errorBox(e));
    } finally {
      btn.disabled = false;
    }
  });
  document.body.appendChild(dlg);
  dlg.addEventListener('close', () => dlg.remove());
  dlg.showModal();
  const first = form.querySelector('input, textarea, select');
  if (first) first.focus();
  return dlg;
}

export function field(label, input) {
  return h('label', {}, label, input);
}

/** Parses JSON typed by a person, with a message naming the field. */
export function parseJson(text, name) {
  const t = (text || '').trim();
  if (!t) return undefined;
  try {
    return JSON.parse(t);
  } catch (e) {
    throw new Error(name + ' is not valid JSON: ' + e.message);
  }
}

/** Runs fn every ms while the page is visible, until stop() (or the page changes). */
export function every(ms, fn) {
  let stopped = false;
  let t = null;
  const loop = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try { await fn(); } catch (e) { /* the next round tries again */ }
    }
    if (!stopped) t = setTimeout(loop, ms);
  };
  t = setTimeout(loop, ms);
  return () => { stopped = true; clearTimeout(t); };
}

/** Calls fn at most once per ms (trailing). */
export function debounce(ms, fn) {
  let t = null;
  return (...a) => { clearTimeout(t); t = setTimeout(() => fn(...a), ms); };
}

/**
 * Calls fn at most once per ms: at once when idle, else once at the end of the window, so a
 * steady stream of events still refreshes the page (a debounce would wait for a quiet moment).
 */
export function throttle(ms, fn) {
  let last = 0;
  let t = null;
  return (...a) => {
    const wait = last + ms - Date.now();
    if (wait <= 0) {
      last = Date.now();
      fn(...a);
    } else if (!t) {
      t = setTimeout(() => { t = null; last = Date.now(); fn(...a); }, wait);
    }
  };
}
