// Policy: bundles (view, edit a draft, simulate and explain a request against the draft),
// publish, snapshots and rollback, the audit, and the rules in force.
import { api } from './api.js';
import { h, mount, panel, table, badge, when, jsonView, errorBox, toast, dialog, field, parseJson } from './ui.js';

const bundlePath = (id) => '/api/v1/policy/bundles/' + encodeURIComponent(id.replace(/\//g, '~'));

export async function render(ctx) {
  const { main, can } = ctx;
  const parts = { bundles: h('div'), editor: h('div'), snapshots: h('div'), audit: h('div'), rules: h('div') };
  mount(main,
    h('div', { class: 'row spread' }, h('h1', {}, 'Policy'),
      h('div', { class: 'row' },
        can('policy.write') ? h('button', { type: 'button', class: 'primary', onclick: () => publish(load) }, 'Publish…') : null,
        can('policy.write') ? h('button', { type: 'button', onclick: async () => {
          await api('/api/v1/policy/bundles/snapshots', { method: 'POST', body: { note: 'from the console' } });
          toast('Snapshot taken');
          await load();
        } }, 'Take snapshot') : null)),
    panel('Bundles', parts.bundles),
    parts.editor,
    h('div', { class: 'grid' }, panel('Snapshots', parts.snapshots), panel('Audit', parts.audit)),
    panel('Rules in force', parts.rules));

  const load = async () => {
    const [b, snaps, audit, rules] = await Promise.all([
      api('/api/v1/policy/bundles'),
      api('/api/v1/policy/bundles/snapshots'),
      api('/api/v1/policy/audit', { query: { limit: 50 } }),
      api('/api/v1/policy/rules'),
    ]);
    if (!ctx.isCurrent()) return;
    mount(parts.bundles, table([
      { title: 'Bundle', cell: (x) => h('button', { type: 'button', class: 'linkish', onclick: () => openBundle(ctx, x.id, parts.editor, load) }, x.id) },
      { title: 'Enabled', cell: (x) => x.enabled ? badge('allow') : badge('disabled') },
      { title: 'Source', cell: (x) => x.source || '', opt: true },
      { title: 'Version', cell: (x) => String(x.version ?? ''), opt: true },
      { title: 'Updated', cell: (x) => when(x.updated_at) },
    ], b.items || [], { empty: 'No bundles. Create one below (ids start with secops/).' }),
    can('policy.write') ? h('button', { type: 'button', onclick: () => openBundle(ctx, '', parts.editor, load) }, 'New bundle') : null);
    mount(parts.snapshots, table([
      { title: 'Snapshot', cell: (s) => h('span', { class: 'mono' }, s.id), cls: 'id' },
      { title: 'Note', cell: (s) => s.note || '', opt: true },
      { title: 'When', cell: (s) => when(s.created_at) },
      { title: '', cell: (s) => can('policy.write') ? h('button', { type: 'button', 'aria-label': 'Roll back to ' + s.id, onclick: () =>
        dialog('Roll back to ' + s.id + '?', [h('p', {}, 'The bundles are replaced by the snapshot\'s.')], 'Roll back', async () => {
          await api('/api/v1/policy/rollback', { method: 'POST', body: { snapshot_id: s.id, message: 'rollback from the console' } });
          toast('Rolled back');
          await load();
        }, { danger: true }) }, 'Roll back') : '' },
    ], snaps.items || [], { empty: 'No snapshots.' }));
    mount(parts.audit, table([
      { title: 'Action', cell: (e) => e.action },
      { title: 'Bundles', cell: (e) => (e.bundle_ids || []).join(', '), opt: true },
      { title: 'By', cell: (e) => e.actor_id || '' },
      { title: 'Message', cell: (e) => e.message || '', opt: true },
      { title: 'When', cell: (e) => when(e.created_at) },
    ], audit.items || [], { empty: 'No policy changes yet.' }));
    mount(parts.rules, table([
      { title: 'Rule', cell: (r) => h('span', { class: 'mono' }, r.id) },
      { title: 'Decision', cell: (r) => badge(String((r.rule || {}).decision || '')) },
      { title: 'Bundle', cell: (r) => (r.source || {}).fragment_id || '', opt: true },
      { title: 'Enabled', cell: (r) => r.enabled ? 'yes' : 'no', opt: true },
    ], rules.items || [], { empty: 'No rules.' }),
    (rules.errors || []).map((e) => h('p', { class: 'error' }, e.fragment_id + ': ' + e.error)));
  };
  try { await load(); } catch (e) { mount(parts.bundles, errorBox(e)); }
}

async function openBundle(ctx, id, into, reload) {
  const { can } = ctx;
  let b = { id, content: 'rules:\n  - id: example\n    match:\n      topics: ["job.example"]\n    decision: deny\n    reason: example\n', enabled: false };
  if (id) b = await api(bundlePath(id));
  const idInput = h('input', { name: 'bundle_id', value: b.id || 'secops/', required: true, readonly: !!id });
  const content = h('textarea', { name: 'content', rows: 14, 'aria-label': 'Bundle content (YAML)' });
  content.value = b.content || '';
  const topic = h('input', { name: 'topic', value: 'job.default' });
  const capability = h('input', { name: 'capability' });
  const risk = h('input', { name: 'risk_tags', placeholder: 'comma list' });
  const labels = h('input', { name: 'labels', placeholder: '{"env":"prod"}' });
  const result = h('div', { 'aria-live': 'polite' });
  const request = () => {
    const r = { topic: topic.value.trim() };
    if (capability.value.trim()) r.meta = { capability: capability.value.trim() };
    if (risk.value.trim()) r.meta = { ...(r.meta || {}), risk_tags: risk.value.split(',').map((s) => s.trim()).filter(Boolean) };
    const l = parseJson(labels.value, 'Labels');
    if (l) r.labels = l;
    return r;
  };
  const simulate = async () => {
    mount(result);
    try {
      const bid = idInput.value.trim();
      const res = await api(bundlePath(bid) + '/simulate', { method: 'POST', body: { request: request(), content: content.value } });
      mount(result, h('p', {}, 'Against the draft: ', badge(res.decision.replace('DECISION_TYPE_', '')), ' ', res.reason || '',
        res.ruleId ? h('span', { class: 'muted' }, ' (rule ' + res.ruleId + ')') : ''),
      res.trace ? [h('h3', {}, 'Explanation: every rule tried'), table([
        { title: 'Rule', cell: (t) => h('span', { class: 'mono' }, t.rule_id) },
        { title: 'Matched', cell: (t) => t.matched ? 'yes' : 'no' },
        { title: 'Decisive', cell: (t) => t.decisive ? 'yes' : '' },
        { title: 'Detail', cell: (t) => t.detail || '' },
      ], res.trace, { empty: 'No rule was tried.' })] : jsonView(res, 'Decision'));
    } catch (e) {
      mount(result, errorBox(e));
    }
  };
  const save = async () => {
    const bid = idInput.value.trim();
    await api(bundlePath(bid), { method: 'PUT', body: { content: content.value, enabled: b.enabled, message: 'edited in the console' } });
    toast('Saved ' + bid + (b.enabled ? '' : ' (publish to enable it)'));
    await reload();
  };
  mount(into, h('section', { class: 'panel', 'aria-label': 'Bundle editor' },
    h('h2', {}, id ? 'Bundle ' + id : 'New bundle'),
    h('form', { class: 'stack', onsubmit: (e) => { e.preventDefault(); simulate(); } },
      field('Id', idInput), field('Content (YAML, the draft)', content),
      h('h3', {}, 'Try a request against the draft'),
      h('div', { class: 'filters' }, field('Topic', topic), field('Capability', capability), field('Risk tags', risk), field('Labels (JSON)', labels)),
      h('div', { class: 'row' },
        h('button', { type: 'submit', class: 'primary' }, 'Simulate and explain'),
        can('policy.write') ? h('button', { type: 'button', onclick: () => save().catch((e) => mount(result, errorBox(e))) }, 'Save draft') : null,
        h('button', { type: 'button', onclick: () => mount(into) }, 'Close')),
      result)));
  idInput.focus();
}

function publish(reload) {
  const ids = h('input', { name: 'bundle_ids', placeholder: 'all secops/ bundles' });
  const message = h('input', { name: 'message' });
  dialog('Publish policy', [field('Bundles (comma list, empty for all secops/)', ids), field('Message', message)], 'Publish', async () => {
    const body = { message: message.value };
    const list = ids.value.split(',').map((s) => s.trim()).filter(Boolean);
    if (list.length) body.bundle_ids = list;
    const r = await api('/api/v1/policy/publish', { method: 'POST', body });
    toast('Published ' + (r.published || []).join(', '));
    await reload();
  });
}
