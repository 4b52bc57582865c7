// Workflow runs: the list (filters, exact cursors) and a run's page: the DAG coloured by status,
// each step with why it waits, the timeline, and actions (approve or reject a step, cancel,
// rerun from a step, dry run).
import { api, seg, stream } from './api.js';
import {
  h, mount, panel, table, badge, when, fmtTime, fromNow, runLink, jobLink, jsonView, facts,
  errorBox, toast, dialog, field, link, throttle,
} from './ui.js';
import { dag, legend } from './dag.js';

const STATUSES = ['pending', 'running', 'waiting', 'succeeded', 'failed', 'cancelled', 'timed_out'];

export async function render(ctx) {
  if (ctx.rest.length) return renderRun(ctx, ctx.rest[0]);
  const { main, query } = ctx;
  const f = { status: query.get('status') || '', workflow_id: query.get('workflow_id') || '' };
  const cursors = (query.get('cursors') || '').split(',').filter(Boolean);
  const cursor = cursors[cursors.length - 1] || '';
  const page = await api('/api/v1/workflow-runs', { query: { ...f, cursor, limit: 50 } });
  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter runs' },
    field('Status', h('select', { name: 'status' }, h('option', { value: '' }, 'any'),
      STATUSES.map((s) => h('option', { value: s, selected: s === f.status }, s)))),
    field('Workflow', h('input', { name: 'workflow_id', value: f.workflow_id })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('a', { class: 'button', href: '#/runs' }, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    for (const [k, v] of new FormData(form).entries()) if (String(v).trim()) q.set(k, String(v).trim());
    ctx.go('#/runs' + (q.toString() ? '?' + q : ''));
  });
  const nav = h('div', { class: 'row' });
  if (cursors.length) {
    const q = new URLSearchParams(query);
    const prev = cursors.slice(0, -1);
    if (prev.length) q.set('cursors', prev.join(',')); else q.delete('cursors');
    nav.appendChild(h('a', { class: 'button', href: '#/runs?' + q }, '← Newer'));
  }
  if (page.next_cursor) {
    const q = new URLSearchParams(query);
    q.set('cursors', [...cursors, page.next_cursor].join(','));
    nav.appendChild(h('a', { class: 'button', href: '#/runs?' + q }, 'Older →'));
  }
  mount(main, h('h1', {}, 'Workflow runs'), panel(null, form, table([
    { title: 'Run', cell: (r) => runLink(r.id), cls: 'id' },
    { title: 'Workflow', cell: (r) => link('#/workflows/' + encodeURIComponent(r.workflow_id), r.workflow_id) },
    { title: 'Status', cell: (r) => badge(r.status) },
    { title: 'Started', cell: (r) => when(r.started_at || r.created_at) },
    { title: 'Finished', cell: (r) => when(r.completed_at), opt: true },
  ], page.items, { empty: 'No runs match.', caption: 'Runs' }), nav));
}

async function renderRun(ctx, id) {
  const { main, can } = ctx;
  const live = h('span', { class: 'live off' });
  const parts = { head: h('div'), dag: h('div'), steps: h('div'), timeline: h('div'), facts: h('div'), io: h('div') };
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Run ', h('span', { class: 'mono' }, id)), live),
    parts.head,
    panel('Steps', parts.dag, legend(), parts.steps),
    h('div', { class: 'grid' }, panel('Run', parts.facts), panel('Timeline', parts.timeline)),
    parts.io);
  let run = null;
  let def = null;
  const load = async () => {
    const [r, tl] = await Promise.all([
      api('/api/v1/workflow-runs/' + seg(id)),
      api('/api/v1/workflow-runs/' + seg(id) + '/timeline', { query: { limit: 500 } }),
    ]);
    if (!ctx.isCurrent()) return;
    run = r;
    if (!def) {
      try { def = await api('/api/v1/workflows/' + seg(r.workflow_id)); } catch { def = { steps: {} }; }
    }
    const terminal = ['succeeded', 'failed', 'cancelled', 'timed_out'].includes(r.status);
    mount(parts.head, h('div', { class: 'row', id: 'run-actions' },
      h('span', {}, 'Status: '), h('span', { id: 'run-status' }, badge(r.status)),
      !terminal && can('runs.manage') ? h('button', { type: 'button', class: 'danger', onclick: () =>
        dialog('Cancel run ' + r.id + '?', [h('p', {}, 'Running steps are cancelled; the run ends cancelled.')], 'Cancel the run', async () => {
          await api('/api/v1/workflows/' + seg(r.workflow_id) + '/runs/' + seg(r.id) + '/cancel', { method: 'POST' });
          toast('Run cancelled');
          await load();
        }, { danger: true }) }, 'Cancel run') : null,
      can('runs.manage') ? h('button', { type: 'button', onclick: () => rerunDialog(ctx, r, def) }, 'Rerun…') : null));
    const status = {};
    const steps = def.steps || {};
    for (const sid of Object.keys(steps)) status[sid] = (r.steps[sid] || {}).status || 'pending';
    mount(parts.dag, dag(steps, status, (sid) => {
      const row = document.getElementById('step-' + sid);
      if (row) { row.scrollIntoView({ block: 'center' }); row.focus(); }
    }));
    // Steps in the definition's order, fan-out children after their parent.
    const order = Object.keys(steps);
    const rank = (s) => {
      const i = order.indexOf(s.step_id.replace(/\[.*$/, ''));
      return (i < 0 ? order.length : i) * 1e6 + (s.step_id.includes('[') ? 1 + parseInt(s.step_id.replace(/^.*\[|\]$/g, ''), 10) : 0);
    };
    const rows = Object.values(r.steps).sort((a, b) => rank(a) - rank(b));
    mount(parts.steps, table([
      { title: 'Step', cell: (s) => h('span', { class: 'mono' }, s.step_id), cls: 'id' },
      { title: 'Status', cell: (s) => badge(s.status) },
      { title: 'Why', cell: (s) => s.waiting ? stepWhy(s.waiting) : (s.error ? s.error.message : '') },
      { title: 'Job', cell: (s) => s.job_id ? jobLink(s.job_id) : '', opt: true },
      { title: 'Attempts', cell: (s) => String(s.attempts || 0), opt: true },
      { title: 'Actions', cell: (s) => stepActions(ctx, r, s, steps, load) },
    ], rows, { empty: 'No step has started yet.', caption: 'Steps',
      rowAttrs: (s) => ({ id: 'step-' + s.step_id, tabindex: '-1', 'data-status': s.status }) }));
    mount(parts.facts, facts([
      ['Workflow', link('#/workflows/' + encodeURIComponent(r.workflow_id), r.workflow_id)],
      ['Tenant', r.org_id], ['Triggered by', r.triggered_by || '—'],
      ['Started', fmtTime(r.started_at)], ['Finished', fmtTime(r.completed_at)],
      r.dry_run ? ['Dry run', 'yes'] : null,
      r.rerun_of ? ['Rerun of', h('span', {}, runLink(r.rerun_of), r.rerun_step ? ' from ' + r.rerun_step : '')] : null,
      r.error ? ['Error', r.error.message] : null,
    ]));
    mount(parts.timeline, tl.length ? h('ol', { class: 'timeline' }, tl.map((e) => h('li', {},
      h('strong', {}, e.type), e.step_id ? ' · ' + e.step_id : '', e.status ? ' · ' : '', e.status ? badge(e.status) : null,
      e.message ? h('div', { class: 'muted' }, e.message) : null,
      h('div', {}, h('time', { datetime: e.time, class: 'muted' }, fmtTime(e.time)))))) : h('p', { class: 'muted' }, 'Empty.'));
    mount(parts.io, h('div', { class: 'grid' }, panel('Input', jsonView(r.input, 'Input')), panel('Output', jsonView(r.output, 'Output'))));
    return terminal;
  };
  let terminal;
  try {
    terminal = await load();
  } catch (e) {
    mount(parts.head, errorBox(e));
    return;
  }
  const reload = throttle(300, () => load().catch(() => {}));
  if (can('stream.read')) {
    ctx.onLeave(stream({ run_id: id }, reload, (on) => {
      live.textContent = on ? '● live' : 'reconnecting…';
      live.className = 'live' + (on ? '' : ' off');
    }));
  }
  // Approvals, delays and timers move runs without job events: poll while it is not over.
  const t = setInterval(async () => {
    if (document.hidden || terminal) return;
    try { terminal = await load(); } catch { /* next round */ }
  }, 1000);
  ctx.onLeave(() => clearInterval(t));
  void terminal;
}

function stepWhy(w) {
  return h('div', {}, h('span', {}, w.summary),
    w.until ? h('div', { class: 'muted' }, 'until ', h('time', { datetime: w.until, title: fmtTime(w.until) }, fromNow(w.until))) : null,
    w.detail ? h('div', { class: 'muted' }, w.detail) : null);
}

function stepActions(ctx, run, s, steps, reload) {
  const def = steps[s.step_id.replace(/\[.*$/, '')] || {};
  if (s.status === 'waiting' && def.type === 'approval' && ctx.can('runs.manage')) {
    const decide = (approved) => async () => {
      await api('/api/v1/workflows/' + seg(run.workflow_id) + '/runs/' + seg(run.id) + '/steps/' + seg(s.step_id) + '/approve',
        { method: 'POST', body: { approved } });
      toast(approved ? 'Step approved' : 'Step rejected');
      await reload();
    };
    return h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', 'aria-label': 'Approve step ' + s.step_id, onclick: decide(true) }, 'Approve'),
      h('button', { type: 'button', class: 'danger', 'aria-label': 'Reject step ' + s.step_id, onclick: decide(false) }, 'Reject'));
  }
  return '';
}

function rerunDialog(ctx, run, def) {
  const from = h('select', { name: 'from_step' }, h('option', { value: '' }, 'the whole run'),
    Object.keys(def.steps || {}).map((s) => h('option', { value: s }, s)));
  const dry = h('input', { type: 'checkbox', name: 'dry_run' });
  dialog('Rerun ' + run.id, [field('From step', from), h('label', { class: 'check' }, dry, 'Dry run')], 'Rerun', async () => {
    const r = await api('/api/v1/workflow-runs/' + seg(run.id) + '/rerun', { method: 'POST',
      body: { from_step: from.value, dry_run: dry.checked } });
    toast('New run ' + r.run_id);
    ctx.go('#/runs/' + encodeURIComponent(r.run_id));
  });
}

