// Overview: workers and pools with their load, jobs per state, throughput, recent failures,
// dead letters and approvals waiting.
import { api, stream } from './api.js';
import { h, mount, panel, table, badge, when, jobLink, svg, errorBox, every, throttle } from './ui.js';

const STATES = ['PENDING', 'APPROVAL_REQUIRED', 'SCHEDULED', 'DISPATCHED', 'RUNNING',
  'SUCCEEDED', 'FAILED', 'CANCELLED', 'TIMEOUT', 'DENIED'];

export async function render(ctx) {
  const { main, can } = ctx;
  const live = h('span', { class: 'live off' }, 'connecting…');
  const parts = {
    workers: h('div'), counts: h('div'), chart: h('div', { class: 'chart' }),
    failures: h('div'), dlq: h('div'), approvals: h('div'),
  };
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Overview'), live),
    h('div', { class: 'grid' },
      panel('Jobs per state', parts.counts),
      panel('Results, last 15 minutes', parts.chart)),
    panel('Workers and pools', parts.workers),
    h('div', { class: 'grid' },
      panel('Recent failures', parts.failures),
      can('dlq.read') ? panel('Dead letters', parts.dlq) : null,
      can('approvals.read') ? panel('Waiting for approval', parts.approvals) : null));

  const load = async () => {
    const tasks = [
      api('/api/v1/workers').then((w) => mount(parts.workers, workers(w))),
      api('/api/v1/jobs/counts').then((c) => mount(parts.counts, counts(c))),
      api('/api/v1/stats/throughput').then((t) => mount(parts.chart, chart(t))),
      api('/api/v1/jobs', { query: { state: 'FAILED', limit: 5 } }).then((p) =>
        mount(parts.failures, table([
          { title: 'Job', cell: (j) => jobLink(j.id), cls: 'id' },
          { title: 'Topic', cell: (j) => j.topic || '', opt: true },
          { title: 'Reason', cell: (j) => j.reason_code || '' },
          { title: 'When', cell: (j) => when(j.updated_at) },
        ], p.items, { empty: 'No failed jobs.' }))),
    ];
    if (can('dlq.read')) {
      tasks.push(api('/api/v1/dlq/page', { query: { limit: 5 } }).then((p) =>
        mount(parts.dlq, table([
          { title: 'Job', cell: (e) => jobLink(e.job_id), cls: 'id' },
          { title: 'Reason', cell: (e) => e.reason_code || e.status || '' },
          { title: 'When', cell: (e) => when(e.created_at) },
        ], p.items, { empty: 'The DLQ is empty.' }),
        p.items.length ? h('p', {}, h('a', { href: '#/dlq' }, 'All dead letters')) : null)));
    }
    if (can('approvals.read')) {
      tasks.push(api('/api/v1/approvals', { query: { limit: 5 } }).then((p) =>
        mount(parts.approvals, table([
          { title: 'Job', cell: (a) => jobLink(a.job.id), cls: 'id' },
          { title: 'Topic', cell: (a) => a.job.topic || '', opt: true },
          { title: 'Why', cell: (a) => a.policy_reason || a.policy_rule_id || '' },
        ], p.items, { empty: 'Nothing waits for approval.' }),
        p.items.length ? h('p', {}, h('a', { href: '#/approvals' }, 'Decide')) : null)));
    }
    const results = await Promise.allSettled(tasks);
    const failed = results.find((r) => r.status === 'rejected');
    if (failed && failed.reason.status !== 401) mount(parts.counts, errorBox(failed.reason));
  };
  await load();
  // At most one refresh every 3 s from live events, and one every 10 s anyway: the counts read
  // up to a thousand records per state.
  const refresh = throttle(3000, () => load().catch(() => {}));
  ctx.onLeave(every(10000, load));
  if (can('stream.read')) {
    ctx.onLeave(stream({ kind: 'jobResult,jobRequest' }, refresh, (on) => {
      live.textContent = on ? '● live' : 'reconnecting…';
      live.className = 'live' + (on ? '' : ' off');
    }));
  } else {
    live.textContent = 'refreshing every 5 s';
  }
}

function counts(c) {
  const capped = new Set(c.capped || []);
  return h('div', { class: 'row' }, STATES.map((s) => h('a', {
    class: 'stat', href: '#/jobs?state=' + s, 'aria-label': s + ': ' + c.counts[s] + (capped.has(s) ? ' or more' : ''),
  }, h('span', {}, badge(s)), h('b', {}, String(c.counts[s] ?? 0) + (capped.has(s) ? '+' : '')))));
}

function workers(list) {
  if (!list.length) return h('p', { class: 'notice' }, 'No live workers: jobs wait until one sends a heartbeat.');
  const pools = new Map();
  for (const w of list) {
    const p = pools.get(w.pool || '—') || { workers: 0, active: 0, max: 0 };
    p.workers++; p.active += w.active_jobs || 0; p.max += w.max_parallel_jobs || 0;
    pools.set(w.pool || '—', p);
  }
  return h('div', {},
    h('h3', {}, 'Pools'),
    table([
      { title: 'Pool', cell: ([n]) => n },
      { title: 'Workers', cell: ([, p]) => String(p.workers) },
      { title: 'Busy slots', cell: ([, p]) => p.max ? p.active + ' / ' + p.max : String(p.active) },
      { title: 'Load', cell: ([, p]) => meter(p.max ? p.active / p.max : 0) },
    ], [...pools.entries()]),
    h('h3', {}, 'Workers'),
    table([
      { title: 'Worker', cell: (w) => h('span', { class: 'mono' }, w.worker_id), cls: 'id' },
      { title: 'Pool', cell: (w) => w.pool || '' },
      { title: 'Jobs', cell: (w) => (w.active_jobs || 0) + (w.max_parallel_jobs ? ' / ' + w.max_parallel_jobs : '') },
      { title: 'Load', cell: (w) => meter(w.max_parallel_jobs ? (w.active_jobs || 0) / w.max_parallel_jobs : (w.cpu_load || 0) / 100) },
      { title: 'Capabilities', cell: (w) => (w.capabilities || []).join(', '), opt: true },
      { title: 'Last heartbeat', cell: (w) => when(w.last_seen), opt: true },
    ], list));
}

function meter(f) {
  const pct = Math.max(0, Math.min(100, Math.round(f * 100)));
  return h('div', { class: 'meter', role: 'meter', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(pct), 'aria-label': pct + '% busy', title: pct + '% busy' },
  bar(pct));
}

function bar(pct) {
  const s = h('span');
  s.style.width = pct + '%';
  return s;
}

function chart(t) {
  const b = t.buckets || [];
  const W = 600; const H = 130; const pad = 18;
  const max = Math.max(1, ...b.map((x) => x.succeeded + x.failed + x.timeout + x.cancelled + x.denied));
  const bw = (W - pad) / Math.max(1, b.length);
  const s = svg('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img',
    'aria-label': 'Results per ' + t.bucket_seconds + ' seconds: ' +
      b.reduce((a, x) => a + x.succeeded, 0) + ' succeeded, ' +
      b.reduce((a, x) => a + x.failed + x.timeout + x.denied, 0) + ' failed in 15 minutes' });
  b.forEach((x, i) => {
    const ok = x.succeeded; const bad = x.failed + x.timeout + x.denied + x.cancelled;
    const hOk = (ok / max) * (H - pad - 4); const hBad = (bad / max) * (H - pad - 4);
    const X = pad + i * bw + 1;
    s.appendChild(svg('rect', { class: 'bar-ok', x: X, y: H - pad - hOk, width: bw - 2, height: hOk },
      svg('title', {}, `${ok} succeeded`)));
    s.appendChild(svg('rect', { class: 'bar-bad', x: X, y: H - pad - hOk - hBad, width: bw - 2, height: hBad },
      svg('title', {}, `${bad} failed, timed out, denied or cancelled`)));
  });
  s.appendChild(svg('line', { class: 'axis', x1: pad, y1: H - pad, x2: W, y2: H - pad }));
  s.appendChild(svg('text', { x: pad, y: H - 4 }, '-15 min'));
  s.appendChild(svg('text', { x: W - 24, y: H - 4 }, 'now'));
  s.appendChild(svg('text', { x: 0, y: 10 }, String(max)));
  const total = b.reduce((a, x) => a + x.succeeded, 0);
  return h('div', {}, s, h('p', { class: 'muted' },
    total + ' succeeded · ' + b.reduce((a, x) => a + x.dead_lettered, 0) + ' dead-lettered · observed since ',
    when(t.observed_since)));
}
