// Locks: look up a resource's lock (mode, owners, expiry); acquire, renew and release.
import { api } from './api.js';
import { h, mount, panel, facts, fmtTime, fromNow, errorBox, toast, field } from './ui.js';

export async function render(ctx) {
  const { main, can, query } = ctx;
  const resource = query.get('resource') || '';
  const view = h('div');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Look up a lock' },
    field('Resource', h('input', { name: 'resource', value: resource, required: true })),
    h('button', { type: 'submit', class: 'primary' }, 'Look up'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.go('#/locks?resource=' + encodeURIComponent(new FormData(form).get('resource')));
  });
  const owner = h('input', { name: 'owner', value: 'console:' + ctx.me.principal });
  const mode = h('select', { name: 'mode' }, h('option', { value: 'exclusive' }, 'exclusive'), h('option', { value: 'shared' }, 'shared'));
  const ttl = h('input', { name: 'ttl_ms', type: 'number', value: '60000', min: '1' });
  const err = h('div');
  const act = (op) => async () => {
    mount(err);
    try {
      await api('/api/v1/locks/' + op, { method: 'POST', body: { resource, owner: owner.value, mode: mode.value, ttl_ms: Number(ttl.value) } });
      toast(op + ' done');
      await load();
    } catch (e) { mount(err, errorBox(e)); }
  };
  const load = async () => {
    if (!resource) { mount(view, h('p', { class: 'muted' }, 'Enter a resource name.')); return; }
    try {
      const l = await api('/api/v1/locks', { query: { resource } });
      mount(view, facts([
        ['Resource', l.resource], ['Mode', l.mode],
        ['Owners', Object.entries(l.owners || {}).map(([o, n]) => o + (n > 1 ? ' ×' + n : '')).join(', ') || '—'],
        ['Expires', l.expires_at ? fmtTime(l.expires_at) + ' (' + fromNow(l.expires_at) + ')' : '—'],
        l.fencing_token !== undefined ? ['Fencing token', String(l.fencing_token)] : null,
      ]));
    } catch (e) {
      mount(view, e.status === 404 ? h('p', { class: 'muted' }, 'Nobody holds ' + resource + '.') : errorBox(e));
    }
  };
  mount(main, h('h1', {}, 'Locks'), panel(null, form, view),
    resource && can('locks.write') ? panel('Act on ' + resource, h('div', { class: 'filters' }, field('Owner', owner), field('Mode', mode), field('TTL (ms)', ttl)),
      h('div', { class: 'row' }, h('button', { type: 'button', onclick: act('acquire') }, 'Acquire'),
        h('button', { type: 'button', onclick: act('renew') }, 'Renew'),
        h('button', { type: 'button', class: 'danger', onclick: act('release') }, 'Release')), err) : null);
  await load();
}
