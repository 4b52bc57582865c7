// The JSON-schema registry: ids, a schema, register and delete.
import { api } from './api.js';
import { h, mount, panel, table, jsonView, errorBox, toast, dialog, field, parseJson } from './ui.js';

export async function render(ctx) {
  const { main, can, query } = ctx;
  const open = query.get('id') || '';
  const list = await api('/api/v1/schemas', { query: { limit: 500 } });
  const view = h('div');
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Schemas'),
      can('schemas.write') ? h('button', { type: 'button', class: 'primary', onclick: () => register(ctx) }, 'Register schema') : null),
    h('div', { class: 'grid' },
      panel('Registered', table([
        { title: 'Id', cell: (id) => h('a', { href: '#/schemas?id=' + encodeURIComponent(id), class: 'mono' }, id) },
        { title: '', cell: (id) => can('schemas.write') ? h('button', { type: 'button', class: 'danger', 'aria-label': 'Delete ' + id, onclick: () =>
          dialog('Delete schema ' + id + '?', [], 'Delete', async () => {
            await api('/api/v1/schemas/' + encodeURIComponent(id), { method: 'DELETE' });
            toast('Deleted');
            ctx.go('#/schemas');
          }, { danger: true }) }, 'Delete') : '' },
      ], list.schemas || [], { empty: 'No schemas registered.' })),
      panel(open ? 'Schema ' + open : 'Schema', view)));
  if (open) {
    try {
      const s = await api('/api/v1/schemas/' + encodeURIComponent(open));
      mount(view, jsonView(s.schema, 'Schema ' + open));
    } catch (e) { mount(view, errorBox(e)); }
  } else {
    mount(view, h('p', { class: 'muted' }, 'Choose a schema.'));
  }
}

function register(ctx) {
  const id = h('input', { name: 'id', required: true, placeholder: 'pack/Thing' });
  const schema = h('textarea', { name: 'schema', rows: 12 });
  schema.value = '{\n  "type": "object"\n}';
  dialog('Register a schema', [field('Id', id), field('Schema (JSON; checked and compiled)', schema)], 'Register', async () => {
    await api('/api/v1/schemas', { method: 'POST', body: { id: id.value.trim(), schema: parseJson(schema.value, 'Schema') } });
    toast('Registered');
    ctx.go('#/schemas?id=' + encodeURIComponent(id.value.trim()));
  });
}
