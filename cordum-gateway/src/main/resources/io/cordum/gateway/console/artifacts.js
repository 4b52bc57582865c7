// Artifacts: open one by its pointer (content shown as text or JSON, secrets masked), store one.
import { api } from './api.js';
import { h, mount, panel, facts, jsonView, errorBox, toast, field } from './ui.js';

export async function render(ctx) {
  const { main, can, query } = ctx;
  const ptr = query.get('ptr') || '';
  const view = h('div');
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Open an artifact' },
    field('Pointer', h('input', { name: 'ptr', value: ptr, placeholder: 'redis://art:…', size: 50 })),
    h('button', { type: 'submit', class: 'primary' }, 'Open'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    ctx.go('#/artifacts?ptr=' + encodeURIComponent(new FormData(form).get('ptr')));
  });
  const content = h('textarea', { name: 'content', rows: 6, 'aria-label': 'Artifact content' });
  const type = h('input', { name: 'content_type', value: 'text/plain' });
  const retention = h('select', { name: 'retention' }, ['short', 'standard', 'audit'].map((r) => h('option', { value: r, selected: r === 'standard' }, r)));
  const err = h('div');
  mount(main, h('h1', {}, 'Artifacts'), panel(null, form, view),
    can('artifacts.write') ? panel('Store an artifact', h('form', { class: 'stack', onsubmit: async (e) => {
      e.preventDefault();
      mount(err);
      try {
        const r = await api('/api/v1/artifacts', { method: 'POST', body: { content: content.value, content_type: type.value, retention: retention.value } });
        toast('Stored ' + r.artifact_ptr);
        ctx.go('#/artifacts?ptr=' + encodeURIComponent(r.artifact_ptr));
      } catch (ex) { mount(err, errorBox(ex)); }
    } }, field('Content', content), h('div', { class: 'filters' }, field('Content type', type), field('Retention', retention)), err,
    h('button', { type: 'submit', class: 'primary' }, 'Store'))) : null);
  if (!ptr) { mount(view, h('p', { class: 'muted' }, 'Artifacts are opened by pointer (a job\'s output or progress names them).')); return; }
  try {
    const a = await api('/api/v1/artifacts/' + encodeURIComponent(ptr));
    let text = '';
    try { text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(atob(a.content_base64), (c) => c.charCodeAt(0))); } catch { text = null; }
    let shown;
    if (text === null) shown = h('p', { class: 'muted' }, 'Binary content (' + (a.metadata?.size_bytes ?? '?') + ' bytes).');
    else { try { shown = jsonView(JSON.parse(text), 'Content'); } catch { shown = h('pre', { class: 'json', tabindex: '0' }, text); } }
    mount(view, facts([['Pointer', h('span', { class: 'mono' }, a.artifact_ptr)], ['Type', a.metadata?.content_type],
      ['Size', String(a.metadata?.size_bytes ?? '')], ['Retention', a.metadata?.retention],
      ['Labels', Object.entries(a.metadata?.labels || {}).map(([k, v]) => k + '=' + v).join(', ')]]), h('h3', {}, 'Content'), shown);
  } catch (e) { mount(view, errorBox(e)); }
}
