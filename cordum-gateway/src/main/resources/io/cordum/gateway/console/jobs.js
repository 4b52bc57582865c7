// Jobs: the list (server-side filters and exact cursors, live updates from the stream) and a
// job's page (why it waits, state history, safety decisions, input and output, trace, actions).
import { api, seg, stream, eventJobId } from './api.js';
import {
  h, mount, panel, table, badge, when, fmtTime, fromNow, jobLink, runLink, jsonView, facts,
  errorBox, toast, dialog, field, parseJson, throttle, link,
} from './ui.js';

const STATES = ['PENDING', 'APPROVAL_REQUIRED', 'SCHEDULED', 'DISPATCHED', 'RUNNING',
  'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'DENIED'];

export async function render(ctx) {
  if (ctx.rest.length) return renderJob(ctx, ctx.rest[0]);
  return renderList(ctx);
}

// ---------------------------------------------------------------- list

function toMicros(local) {
  if (!local) return '';
  const d = new Date(local);
  return isNaN(d) ? '' : String(d.getTime() * 1000);
}

function toLocal(micros) {
  if (!micros) return '';
  const d = new Date(Number(micros) / 1000);
  if (isNaN(d)) return '';
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
}

async function renderList(ctx) {
  const { main, query, can } = ctx;
  const f = {
    state: query.get('state') || '', topic: query.get('topic') || '',
    tenant: query.get('tenant') || '', trace_id: query.get('trace_id') || '',
    updated_after: query.get('updated_after') || '', updated_before: query.get('updated_before') || '',
  };
  const cursors = (query.get('cursors') || '').split(',').filter(Boolean);
  const cursor = cursors.length ? cursors[cursors.length - 1] : '';
  const live = h('span', { class: 'live off' }, 'connecting…');
  const body = h('div', { 'aria-live': 'polite' });
  const banner = h('div');

  const form = h('form', { class: 'filters', role: 'search', 'aria-label': 'Filter jobs' },
    field('State', h('select', { name: 'state' }, h('option', { value: '' }, 'any'),
      STATES.map((s) => h('option', { value: s, selected: s === f.state }, s)))),
    field('Topic', h('input', { name: 'topic', value: f.topic, placeholder: 'job.default' })),
    field('Tenant', h('input', { name: 'tenant', value: f.tenant, placeholder: ctx.me.tenant })),
    field('Trace id', h('input', { name: 'trace_id', value: f.trace_id })),
    field('Updated after', h('input', { name: 'updated_after', type: 'datetime-local', value: toLocal(f.updated_after) })),
    field('Updated before', h('input', { name: 'updated_before', type: 'datetime-local', value: toLocal(f.updated_before) })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('a', { class: 'button', href: '#/jobs' }, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const q = new URLSearchParams();
    const fd = new FormData(form);
    for (const [k, v] of fd.entries()) {
      const val = k.startsWith('updated_') ? toMicros(v) : String(v).trim();
      if (val) q.set(k, val);
    }
    ctx.go('#/jobs' + (q.toString() ? '?' + q : ''));
  });

  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Jobs'),
      h('div', { class: 'row' }, live,
        can('jobs.submit') ? h('button', { type: 'button', class: 'primary', onclick: () => submitDialog(ctx) }, 'Submit a job') : null)),
    panel(null, form, banner, body));

  let page = { items: [], next_cursor: null };
  const rows = new Map();
  const draw = () => {
    const q = new URLSearchParams(query);
    const nav = h('div', { class: 'row', role: 'navigation', 'aria-label': 'Pages' });
    if (cursors.length) {
      q.set('cursors', cursors.slice(0, -1).join(','));
      if (!cursors.slice(0, -1).length) q.delete('cursors');
      nav.appendChild(h('a', { class: 'button', href: '#/jobs?' + q }, '← Newer'));
    }
    if (page.next_cursor) {
      const n = new URLSearchParams(query);
      n.set('cursors', [...cursors, page.next_cursor].join(','));
      nav.appendChild(h('a', { class: 'button', href: '#/jobs?' + n }, 'Older →'));
    }
    mount(body, table([
      { title: 'Job', cell: (j) => jobLink(j.id), cls: 'id' },
      { title: 'State', cell: (j) => badge(j.state) },
      { title: 'Topic', cell: (j) => j.topic || '' },
      { title: 'Why', cell: (j) => why(j), opt: true },
      { title: 'Attempts', cell: (j) => String(j.attempts || 0), opt: true },
      { title: 'Updated', cell: (j) => when(j.updated_at) },
    ], page.items, { empty: 'No jobs match.', caption: 'Jobs',
      rowAttrs: (j) => ({ 'data-job': j.id, 'data-state': j.state }) }), nav);
  };
  const load = async () => {
    page = await api('/api/v1/jobs', { query: { ...f, cursor, limit: 50 } });
    rows.clear();
    page.items.forEach((j) => rows.set(j.id, j));
    draw();
  };
  try {
    await load();
  } catch (e) {
    mount(body, errorBox(e));
    return;
  }
  // Live: rows on this page are refreshed when their job changes; on the first page, new jobs
  // that may match are shown by reloading the page.
  let fresh = 0;
  const reloadFirst = throttle(1000, () => load().catch(() => {}));
  const refreshRow = async (id) => {
    try {
      const j = await api('/api/v1/jobs/' + seg(id));
      const i = page.items.findIndex((x) => x.id === id);
      // Answers may arrive out of order: never replace a row with an older view of the job.
      if (i >= 0 && (j.updated_at || 0) >= (page.items[i].updated_at || 0)) {
        page.items[i] = { ...page.items[i], state: j.state, attempts: j.attempts,
          updated_at: j.updated_at, reason_code: j.reason_code, waiting: j.waiting };
        draw();
      }
    } catch { /* gone */ }
  };
  const onEvent = (ev) => {
    const id = eventJobId(ev);
    if (!id) return;
    if (rows.has(id)) {
      refreshRow(id);
    } else if (!cursor) {
      // Any event of a job not on screen (its request may have come while the page was being
      // read): read the first page again, at most once a second.
      reloadFirst();
    } else if (ev.jobRequest) {
      fresh++;
      mount(banner, h('p', { class: 'notice' }, fresh + ' new job(s). ',
        link('#/jobs' + (f.state ? '?state=' + f.state : ''), 'Show the newest')));
    }
  };
  if (can('stream.read')) {
    ctx.onLeave(stream({ kind: 'jobRequest,jobResult,jobProgress,jobCancel' }, onEvent, (on) => {
      live.textContent = on ? '● live' : 'reconnecting…';
      live.className = 'live' + (on ? '' : ' off');
    }));
  } else {
    live.textContent = '';
  }
}

function why(j) {
  if (j.waiting) return h('span', { title: j.waiting.detail || '' }, j.waiting.summary);
  if (j.reason_code) return h('span', { class: 'mono', title: j.reason || '' }, j.reason_code);
  return '';
}

function submitDialog(ctx) {
  const topic = h('input', { name: 'topic', value: 'job.default', required: true });
  const prompt = h('input', { name: 'prompt', required: true, value: '' });
  const context = h('textarea', { name: 'context', placeholder: '{"any": "json"}' });
  const priority = h('select', { name: 'priority' }, ['interactive', 'batch', 'critical'].map((p) => h('option', { value: p }, p)));
  dialog('Submit a job', [
    field('Topic', topic), field('Prompt', prompt),
    field('Input (JSON, optional)', context), field('Priority', priority),
  ], 'Submit', async () => {
    const body = { topic: topic.value.trim(), prompt: prompt.value, priority: priority.value };
    const c = parseJson(context.value, 'Input');
    if (c !== undefined) body.context = c;
    const r = await api('/api/v1/jobs', { method: 'POST', body });
    toast('Job ' + r.job_id + ' submitted');
    ctx.go('#/jobs/' + encodeURIComponent(r.job_id));
  });
}

// ---------------------------------------------------------------- job page

async function renderJob(ctx, id) {
  const { main, can } = ctx;
  const live = h('span', { class: 'live off' });
  const parts = {
    head: h('div'), why: h('div'), facts: h('div'), history: h('div'), decisions: h('div'),
    input: h('div'), output: h('div'), trace: h('div'), error: h('div'),
  };
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Job ', h('span', { class: 'mono' }, id)), live),
    parts.head, parts.why,
    h('div', { class: 'grid' },
      panel('Summary', parts.facts),
      panel('State history', parts.history)),
    parts.error,
    panel('Safety decisions', parts.decisions),
    h('div', { class: 'grid' }, panel('Input', parts.input), panel('Output', parts.output)),
    panel('Trace', parts.trace));

  const load = async () => {
    const [j, hist, dec] = await Promise.all([
      api('/api/v1/jobs/' + seg(id)),
      api('/api/v1/jobs/' + seg(id) + '/history'),
      api('/api/v1/jobs/' + seg(id) + '/decisions'),
    ]);
    if (!ctx.isCurrent()) return;
    mount(parts.head, h('div', { class: 'row', id: 'job-actions' },
      h('span', {}, 'State: '), h('span', { id: 'job-state' }, badge(j.state)),
      actions(ctx, j, load)));
    mount(parts.why, j.waiting ? waiting(j.waiting) : null);
    mount(parts.facts, facts([
      ['Topic', j.topic], ['Tenant', j.tenant],
      ['Actor', [j.actor_id, j.actor_type].filter(Boolean).join(' · ') || '—'],
      ['Trace', j.trace_id ? link('#/jobs?trace_id=' + encodeURIComponent(j.trace_id), j.trace_id, { class: 'mono' }) : '—'],
      ['Attempts', String(j.attempts || 0)],
      ['Reason', j.reason_code ? h('span', {}, h('code', {}, j.reason_code), ' ', j.reason || '') : '—'],
      ['Worker', j.worker_id || '—'],
      ['Created', fmtTime(j.created_at)], ['Updated', fmtTime(j.updated_at)],
      j.deadline_unix ? ['Deadline', fmtTime(j.deadline_unix)] : null,
      j.run_id ? ['Workflow run', h('span', {}, runLink(j.run_id), j.step_id ? ' · step ' + j.step_id : '')] : null,
      j.capability ? ['Capability', j.capability] : null,
      (j.risk_tags || []).length ? ['Risk tags', j.risk_tags.join(', ')] : null,
      Object.keys(j.labels || {}).length ? ['Labels', Object.entries(j.labels).map(([k, v]) => k + '=' + v).join(', ')] : null,
      j.approval_by ? ['Approval', `${j.approval_granted === false ? 'rejected' : 'approved'} by ${j.approval_by}` +
        (j.approval_reason ? ': ' + j.approval_reason : '')] : null,
    ]));
    mount(parts.history, hist.length ? h('ol', { class: 'timeline' }, hist.map((e) =>
      h('li', {}, badge(e.state), ' ', h('time', { datetime: e.at }, fmtTime(e.at))))) : h('p', { class: 'muted' }, 'No history.'));
    mount(parts.decisions, table([
      { title: 'Decision', cell: (d) => badge(d.decision) },
      { title: 'Reason', cell: (d) => d.reason || '' },
      { title: 'Rule', cell: (d) => d.rule_id || '', opt: true },
      { title: 'Snapshot', cell: (d) => h('span', { class: 'mono' }, d.policy_snapshot || ''), opt: true, cls: 'id' },
      { title: 'When', cell: (d) => when(d.checked_at) },
    ], dec, { empty: 'No safety decisions recorded.' }),
    j.safety_constraints ? [h('h3', {}, 'Constraints'), jsonView(j.safety_constraints, 'Constraints')] : null);
    mount(parts.input, jsonView(j.context, 'Input'));
    mount(parts.output, j.result === null && !j.result_ptr ? h('p', { class: 'muted' }, 'No output yet.')
      : jsonView(j.result, 'Output'));
    mount(parts.error, j.error_code || j.error_message ? panel('Dead letter',
      facts([['Code', j.error_code], ['Message', j.error_message], ['Status', j.error_status], ['Last state', j.last_state]])) : null);
    if (j.trace_id) {
      const jobs = await api('/api/v1/traces/' + seg(j.trace_id));
      mount(parts.trace, table([
        { title: 'Job', cell: (x) => x.id === j.id ? h('strong', { class: 'mono' }, x.id) : jobLink(x.id), cls: 'id' },
        { title: 'State', cell: (x) => badge(x.state) },
        { title: 'Topic', cell: (x) => x.topic || '' },
        { title: 'Updated', cell: (x) => when(x.updated_at) },
      ], jobs, { empty: 'No other jobs in this trace.' }));
    }
  };
  try {
    await load();
  } catch (e) {
    mount(parts.head, errorBox(e));
    return;
  }
  const reload = throttle(300, () => load().catch(() => {}));
  if (can('stream.read')) {
    ctx.onLeave(stream({ job_id: id }, reload, (on) => {
      live.textContent = on ? '● live' : 'reconnecting…';
      live.className = 'live' + (on ? '' : ' off');
    }));
  }
  // Timers and waits change without events (a retry's backoff ends): look again now and then.
  const t = setInterval(() => { if (!document.hidden) reload(); }, 3000);
  ctx.onLeave(() => clearInterval(t));
}

export function waiting(w) {
  const running = w.code === 'running' || w.code === 'dispatched';
  return h('section', { class: 'panel why' + (running ? ' running' : ''), 'aria-labelledby': 'why-title', id: 'why' },
    h('h2', { id: 'why-title' }, running ? 'What is it doing?' : 'Why is this waiting?'),
    h('p', { class: 'summary' }, w.summary),
    w.detail ? h('p', {}, h('span', { class: 'muted' }, 'Engine says: '), w.detail) : null,
    h('p', { class: 'muted' },
      w.since ? ['In this state since ', when(w.since), '. '] : null,
      w.until ? ['Next look ', h('time', { datetime: w.until, title: fmtTime(w.until) }, fromNow(w.until)), '.'] : null,
      h('span', { class: 'mono' }, ' (' + w.code + ')')));
}

function actions(ctx, j, reload) {
  const { can } = ctx;
  const out = [];
  const terminal = ['SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'DENIED'].includes(j.state);
  if (!terminal && can('jobs.manage')) {
    out.push(h('button', { type: 'button', class: 'danger', onclick: () =>
      dialog('Cancel job ' + j.id + '?', [h('p', {}, 'The job ends CANCELLED and its worker is told to stop.')],
        'Cancel the job', async () => {
          await api('/api/v1/jobs/' + seg(j.id) + '/cancel', { method: 'POST' });
          toast('Cancelled');
          await reload();
        }, { danger: true }) }, 'Cancel'));
  }
  if (j.state === 'APPROVAL_REQUIRED' && can('approvals.decide')) {
    out.push(h('a', { class: 'button', href: '#/approvals' }, 'Approve or reject…'));
  }
  if ((j.error_code || j.error_message) && can('dlq.manage')) {
    out.push(h('a', { class: 'button', href: '#/dlq?job=' + encodeURIComponent(j.id) }, 'Retry from the DLQ…'));
  }
  if ((j.safety_remediations || []).length && can('jobs.manage')) {
    for (const r of j.safety_remediations) {
      out.push(h('button', { type: 'button', onclick: async () => {
        const res = await api('/api/v1/jobs/' + seg(j.id) + '/remediate', { method: 'POST', body: { remediation_id: r.id || '' } });
        toast('Remediation submitted as ' + res.job_id);
        ctx.go('#/jobs/' + encodeURIComponent(res.job_id));
      } }, 'Remediate: ' + (r.title || r.replacement_topic || r.id)));
    }
  }
  return out;
}
