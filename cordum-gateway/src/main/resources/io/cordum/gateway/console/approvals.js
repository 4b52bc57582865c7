// Jobs held by policy for a person: approve or reject, with a reason and a note.
import { api, seg, stream } from './api.js';
import { h, mount, panel, table, when, jobLink, errorBox, toast, dialog, field, throttle } from './ui.js';

export async function render(ctx) {
  const { main, can } = ctx;
  const body = h('div');
  mount(main, h('h1', {}, 'Approvals'),
    h('p', { class: 'muted' }, 'Jobs the safety policy holds until a person approves them. ',
      'Workflow approval steps are decided on their run\'s page.'),
    panel(null, body));
  const load = async () => {
    const p = await api('/api/v1/approvals', { query: { limit: 100 } });
    if (!ctx.isCurrent()) return;
    mount(body, table([
      { title: 'Job', cell: (a) => jobLink(a.job.id), cls: 'id' },
      { title: 'Topic', cell: (a) => a.job.topic || '' },
      { title: 'Why held', cell: (a) => h('span', {}, a.policy_reason || '', a.policy_rule_id ? h('span', { class: 'muted' }, ' (rule ' + a.policy_rule_id + ')') : '') },
      { title: 'Principal', cell: (a) => a.job.principal || a.job.actor_id || '', opt: true },
      { title: 'Waiting since', cell: (a) => when(a.job.updated_at) },
      { title: 'Decide', cell: (a) => can('approvals.decide') ? h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', 'data-approve': a.job.id, 'aria-label': 'Approve job ' + a.job.id,
          onclick: () => decide(a.job.id, true, load) }, 'Approve'),
        h('button', { type: 'button', class: 'danger', 'data-reject': a.job.id, 'aria-label': 'Reject job ' + a.job.id,
          onclick: () => decide(a.job.id, false, load) }, 'Reject')) : h('span', { class: 'muted' }, 'view only') },
    ], p.items, { empty: 'Nothing waits for approval.', caption: 'Jobs waiting for approval' }));
  };
  try { await load(); } catch (e) { mount(body, errorBox(e)); return; }
  if (can('stream.read')) ctx.onLeave(stream({ kind: 'jobRequest,jobResult' }, throttle(1000, () => load().catch(() => {}))));
  const t = setInterval(() => { if (!document.hidden) load().catch(() => {}); }, 5000);
  ctx.onLeave(() => clearInterval(t));
}

function decide(jobId, approve, reload) {
  const reason = h('input', { name: 'reason', autocomplete: 'off' });
  const note = h('textarea', { name: 'note', rows: 3 });
  dialog((approve ? 'Approve' : 'Reject') + ' job ' + jobId,
    [h('p', {}, approve ? 'The job is placed again, bound to the policy snapshot it was checked against.'
      : 'The job ends DENIED and goes to the dead-letter queue.'),
    field('Reason', reason), field('Note (optional)', note)],
    approve ? 'Approve' : 'Reject', async () => {
      await api('/api/v1/approvals/' + seg(jobId) + '/' + (approve ? 'approve' : 'reject'),
        { method: 'POST', body: { reason: reason.value, note: note.value } });
      toast((approve ? 'Approved ' : 'Rejected ') + jobId);
      await reload();
    }, { danger: !approve });
}
