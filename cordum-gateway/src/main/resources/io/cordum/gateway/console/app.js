// The console shell: sign-in, the caller's permissions, navigation and the hash router.
import { api, apiKey, setApiKey, setKeyless, whenUnauthorized } from './api.js';
import { h, mount, errorBox, toast } from './ui.js';

const PAGES = [
  { path: '', title: 'Overview', perm: 'status.read', load: () => import('./overview.js') },
  { path: 'jobs', title: 'Jobs', perm: 'jobs.read', load: () => import('./jobs.js') },
  { path: 'workflows', title: 'Workflows', perm: 'workflows.read', load: () => import('./workflows.js') },
  { path: 'runs', title: 'Runs', perm: 'workflows.read', load: () => import('./runs.js') },
  { path: 'approvals', title: 'Approvals', perm: 'approvals.read', load: () => import('./approvals.js') },
  { path: 'dlq', title: 'DLQ', perm: 'dlq.read', load: () => import('./dlq.js') },
  { path: 'policy', title: 'Policy', perm: 'policy.read', load: () => import('./policy.js') },
  { path: 'config', title: 'Config', perm: 'config.read', load: () => import('./config.js') },
  { path: 'schemas', title: 'Schemas', perm: 'schemas.read', load: () => import('./schemas.js') },
  { path: 'locks', title: 'Locks', perm: 'locks.read', load: () => import('./locks.js') },
  { path: 'artifacts', title: 'Artifacts', perm: 'artifacts.read', load: () => import('./artifacts.js') },
];

const main = document.getElementById('main');
const nav = document.getElementById('nav');
const who = document.getElementById('who');
const toggle = document.getElementById('menu-toggle');
let me = null;
let leaving = [];

function can(perm) {
  return !!me && me.permissions.includes(perm);
}

function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { section: parts[0] || '', rest: parts.slice(1), query: new URLSearchParams(qs || '') };
}

function leave() {
  leaving.forEach((f) => { try { f(); } catch { /* already gone */ } });
  leaving = [];
}

function signOut(message) {
  leave();
  setApiKey('');
  me = null;
  showSignIn(message);
}

whenUnauthorized(() => signOut('The key was refused (it may have been revoked). Sign in again.'));

function showSignIn(message) {
  nav.hidden = true;
  who.hidden = true;
  toggle.hidden = true;
  document.title = 'Sign in · Cordum console';
  const input = h('input', { id: 'api-key', name: 'api-key', type: 'password', required: true,
    autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'key-help' });
  const err = h('div', { role: 'alert' });
  const form = h('form', { class: 'panel stack signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to Cordum'),
    message ? h('p', { class: 'notice' }, message) : null,
    h('label', { for: 'api-key' }, 'API key', input),
    h('p', { id: 'key-help', class: 'muted' },
      'The key is kept in this browser tab only (session storage) and sent with each request. '
      + 'Closing the tab forgets it.'),
    err,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    mount(err);
    const key = input.value.trim();
    try {
      me = await api('/api/v1/auth/whoami', { key });
      setApiKey(key);
      route();
    } catch (ex) {
      me = null;
      mount(err, errorBox(ex.status === 401 ? new Error('This key is not valid.') : ex));
    }
  });
  mount(main, form);
  input.focus();
}

async function loadMe() {
  me = await api('/api/v1/auth/whoami');
  setKeyless(!apiKey());
  renderChrome();
}

function renderChrome() {
  const section = parseHash().section;
  mount(nav, PAGES.filter((p) => can(p.perm)).map((p) =>
    h('a', { href: '#/' + p.path, 'aria-current': p.path === section ? 'page' : null }, p.title)));
  nav.hidden = false;
  toggle.hidden = false;
  mount(who,
    h('span', { title: 'tenant ' + me.tenant }, me.principal + (me.role ? ' (' + me.role + ')' : '')),
    h('button', { type: 'button', onclick: () => signOut('Signed out.') }, 'Sign out'));
  who.hidden = false;
}

toggle.addEventListener('click', () => {
  const open = nav.classList.toggle('closed') === false;
  toggle.setAttribute('aria-expanded', String(open));
});

async function route() {
  leave();
  if (!apiKey() && !me) {
    // Without a key the gateway may still be open (no keys configured): try.
    try {
      await loadMe();
    } catch {
      showSignIn();
      return;
    }
  }
  if (!me) {
    try {
      await loadMe();
    } catch (e) {
      if (e.status !== 401) mount(main, errorBox(e));
      return;
    }
  }
  renderChrome();
  if (window.matchMedia('(max-width: 760px)').matches) {
    nav.classList.add('closed');
    toggle.setAttribute('aria-expanded', 'false');
  }
  const r = parseHash();
  const page = PAGES.find((p) => p.path === r.section);
  if (!page) {
    mount(main, h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/' }, 'Overview')));
    return;
  }
  if (!can(page.perm)) {
    mount(main, h('h1', {}, page.title),
      h('p', { class: 'notice' }, 'Your key does not grant ' + page.perm + '.'));
    return;
  }
  document.title = page.title + ' · Cordum console';
  const token = {};
  route.current = token;
  try {
    const mod = await page.load();
    if (route.current !== token) return;
    mount(main, h('p', { class: 'muted' }, 'Loading…'));
    await mod.render({
      main, rest: r.rest, query: r.query, can, me,
      onLeave: (f) => leaving.push(f),
      isCurrent: () => route.current === token,
      go: (hash) => { location.hash = hash; },
    });
  } catch (e) {
    if (route.current === token && e.status !== 401) mount(main, h('h1', {}, page.title), errorBox(e));
  }
  // After a navigation (not the first load), move focus to the new content for keyboard and
  // screen-reader users.
  if (navigated && (document.activeElement === document.body || !main.contains(document.activeElement))
      && !document.querySelector('dialog[open]')) main.focus();
}

let navigated = false;

// The skip link moves focus without touching the hash (the hash is the router's).
document.querySelector('.skip').addEventListener('click', (e) => {
  e.preventDefault();
  main.focus();
});

window.addEventListener('hashchange', () => { navigated = true; route(); });
window.addEventListener('unhandledrejection', (e) => {
  if (e.reason && e.reason.status !== 401) toast(e.reason.message || String(e.reason), true);
});
route();
