// The dead-letter queue: entries with their reason codes; retry (optionally with edited input)
// and delete.
import { api, seg } from './api.js';
import { h, mount, panel, table, when, jobLink, errorBox, toast, dialog, field, badge } from './ui.js';

export async function render(ctx) {
  const { main, can, query } = ctx;
  const cursors = (query.get('cursors') || '').split(',').filter(Boolean);
  const cursor = cursors[cursors.length - 1] || '';
  const focus = query.get('job') || '';
  const body = h('div');
  mount(main, h('h1', {}, 'Dead-letter queue'), panel(null, body));
  const load = async () => {
    const p = await api('/api/v1/dlq/page', { query: { limit: 50, cursor } });
    if (!ctx.isCurrent()) return;
    const nav = h('div', { class: 'row' });
    if (cursors.length) nav.appendChild(h('a', { class: 'button', href: '#/dlq' }, '← Newest'));
    if (p.next_cursor) nav.appendChild(h('a', { class: 'button', href: '#/dlq?cursors=' + encodeURIComponent([...cursors, p.next_cursor].join(',')) }, 'Older →'));
    mount(body, table([
      { title: 'Job', cell: (e) => jobLink(e.job_id), cls: 'id' },
      { title: 'Topic', cell: (e) => e.topic || '', opt: true },
      { title: 'Last state', cell: (e) => badge(e.last_state || '') },
      { title: 'Reason', cell: (e) => h('span', {}, h('code', {}, e.reason_code || ''), ' ', e.reason || '') },
      { title: 'Attempts', cell: (e) => String(e.attempts || 0), opt: true },
      { title: 'When', cell: (e) => when(e.created_at) },
      { title: 'Actions', cell: (e) => can('dlq.manage') ? h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', 'data-retry': e.job_id, 'aria-label': 'Retry job ' + e.job_id,
          onclick: () => retry(ctx, e, load) }, 'Retry…'),
        h('button', { type: 'button', class: 'danger', 'data-delete': e.job_id, 'aria-label': 'Delete entry ' + e.job_id,
          onclick: () => dialog('Delete the entry of ' + e.job_id + '?', [h('p', {}, 'The job stays as it is; only the dead letter goes.')],
            'Delete', async () => {
              await api('/api/v1/dlq/' + seg(e.job_id), { method: 'DELETE' });
              toast('Deleted');
              await load();
            }, { danger: true }) }, 'Delete')) : '' },
    ], p.items, { empty: 'The DLQ is empty.', caption: 'Dead letters',
      rowAttrs: (e) => ({ 'data-job': e.job_id, class: e.job_id === focus ? 'focus' : null }) }), nav);
    if (focus) {
      const b = body.querySelector('[data-retry="' + CSS.escape(focus) + '"]');
      if (b) b.focus();
    }
  };
  try { await load(); } catch (e) { mount(body, errorBox(e)); }
}

async function retry(ctx, entry, reload) {
  let input = '';
  try {
    const j = await api('/api/v1/jobs/' + seg(entry.job_id));
    input = j.context === null || j.context === undefined ? ''
      : typeof j.context === 'string' ? j.context : JSON.stringify(j.context, null, 2);
  } catch { /* the job may be gone; the entry still has the request */ }
  const edit = h('input', { type: 'checkbox', name: 'edit' });
  const text = h('textarea', { name: 'input', rows: 12, disabled: true, 'aria-label': 'New input' });
  text.value = input;
  edit.addEventListener('change', () => { text.disabled = !edit.checked; if (edit.checked) text.focus(); });
  dialog('Retry ' + entry.job_id, [
    h('p', {}, 'A new job is submitted with the same request, linked to this one.'),
    h('label', { class: 'check' }, edit, 'Edit the input'),
    field('Input', text),
  ], 'Retry', async () => {
    let body;
    if (edit.checked) {
      const t = text.value;
      try { body = { input: JSON.parse(t) }; } catch { body = { input: t }; }
    }
    const r = await api('/api/v1/dlq/' + seg(entry.job_id) + '/retry', { method: 'POST', body });
    toast('Retried as ' + r.job_id);
    ctx.go('#/jobs/' + encodeURIComponent(r.job_id));
  });
  void reload;
}
