// Workflow definitions: list, a definition with its DAG and runs, create or edit (JSON), start a
// run (input, dry run).
import { api, seg } from './api.js';
import { h, mount, panel, table, badge, when, runLink, jsonView, errorBox, toast, dialog, field, parseJson, link } from './ui.js';
import { dag } from './dag.js';

export async function render(ctx) {
  if (ctx.rest.length) return renderWorkflow(ctx, ctx.rest[0]);
  const { main, can } = ctx;
  const list = await api('/api/v1/workflows');
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Workflows'),
      can('workflows.write') ? h('button', { type: 'button', class: 'primary', onclick: () => editDialog(ctx) }, 'New workflow') : null),
    panel(null, table([
      { title: 'Workflow', cell: (w) => link('#/workflows/' + encodeURIComponent(w.id), w.name || w.id), cls: 'id' },
      { title: 'Id', cell: (w) => h('span', { class: 'mono' }, w.id), opt: true },
      { title: 'Steps', cell: (w) => String(Object.keys(w.steps || {}).length) },
      { title: 'Revision', cell: (w) => String(w.revision ?? ''), opt: true },
      { title: 'Updated', cell: (w) => when(w.updated_at) },
      { title: '', cell: (w) => can('runs.manage') ? h('button', { type: 'button', onclick: () => startDialog(ctx, w) }, 'Start run') : '' },
    ], list, { empty: 'No workflows yet.', caption: 'Workflows' })));
}

async function renderWorkflow(ctx, id) {
  const { main, can } = ctx;
  const [w, runs] = await Promise.all([
    api('/api/v1/workflows/' + seg(id)),
    api('/api/v1/workflows/' + seg(id) + '/runs', { query: { limit: 20 } }),
  ]);
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Workflow ', h('span', { class: 'mono' }, w.name || w.id)),
      h('div', { class: 'row' },
        can('runs.manage') ? h('button', { type: 'button', class: 'primary', onclick: () => startDialog(ctx, w) }, 'Start run') : null,
        can('workflows.write') ? h('button', { type: 'button', onclick: () => editDialog(ctx, w) }, 'Edit') : null,
        can('workflows.write') ? h('button', { type: 'button', class: 'danger', onclick: () => dialog('Delete workflow ' + w.id + '?',
          [h('p', {}, 'Its runs are kept.')], 'Delete', async () => {
            await api('/api/v1/workflows/' + seg(w.id), { method: 'DELETE' });
            toast('Deleted');
            ctx.go('#/workflows');
          }, { danger: true }) }, 'Delete') : null)),
    w.description ? h('p', {}, w.description) : null,
    panel('Steps', dag(w.steps)),
    panel('Recent runs', table([
      { title: 'Run', cell: (r) => runLink(r.id), cls: 'id' },
      { title: 'Status', cell: (r) => badge(r.status) },
      { title: 'Started', cell: (r) => when(r.started_at || r.created_at) },
      { title: 'Dry run', cell: (r) => r.dry_run ? 'yes' : '', opt: true },
    ], runs, { empty: 'No runs yet.' }), h('p', {}, link('#/runs?workflow_id=' + encodeURIComponent(w.id), 'All runs of this workflow'))),
    panel('Definition', jsonView(w, 'Definition')));
}

export function startDialog(ctx, w) {
  const input = h('textarea', { name: 'input', placeholder: '{}' });
  const dry = h('input', { type: 'checkbox', name: 'dry_run' });
  dialog('Start a run of ' + (w.name || w.id), [
    field('Input (JSON object)', input),
    h('label', { class: 'check' }, dry, 'Dry run (no real jobs)'),
  ], 'Start', async () => {
    const body = parseJson(input.value, 'Input') ?? {};
    const r = await api('/api/v1/workflows/' + seg(w.id) + '/runs', { method: 'POST', body,
      query: { dry_run: dry.checked ? 'true' : '' } });
    toast('Run ' + r.run_id + ' started');
    ctx.go('#/runs/' + encodeURIComponent(r.run_id));
  });
}

function editDialog(ctx, w) {
  const sample = { id: 'hello', name: 'Hello', steps: { greet: { type: 'worker', topic: 'job.default' } } };
  const text = h('textarea', { name: 'definition', rows: 16 });
  text.value = JSON.stringify(w ? strip(w) : sample, null, 2);
  dialog(w ? 'Edit workflow ' + w.id : 'New workflow', [field('Definition (JSON; every problem is listed on save)', text)],
    'Save', async () => {
      const body = parseJson(text.value, 'Definition');
      const r = await api('/api/v1/workflows', { method: 'POST', body });
      toast('Saved ' + r.id);
      ctx.go('#/workflows/' + encodeURIComponent(r.id));
      if (w) window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
}

function strip(w) {
  const c = { ...w };
  for (const k of ['created_at', 'updated_at', 'revision']) delete c[k];
  return c;
}

