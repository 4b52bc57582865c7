// Config: a document per scope (system, org, team, workflow, step) and the effective config of
// an org / team / workflow / step.
import { api } from './api.js';
import { h, mount, panel, jsonView, errorBox, toast, field, parseJson, fmtTime } from './ui.js';

const SCOPES = ['system', 'org', 'team', 'workflow', 'step'];

export async function render(ctx) {
  const { main, can, query, me } = ctx;
  const scope = query.get('scope') || 'system';
  const scopeId = query.get('scope_id') || (scope === 'system' ? 'default' : scope === 'org' ? me.tenant : '');
  const doc = h('div');
  const eff = h('div');
  const pick = h('form', { class: 'filters', 'aria-label': 'Choose a config document' },
    field('Scope', h('select', { name: 'scope' }, SCOPES.map((s) => h('option', { value: s, selected: s === scope }, s)))),
    field('Scope id', h('input', { name: 'scope_id', value: scopeId })),
    h('button', { type: 'submit', class: 'primary' }, 'Open'));
  pick.addEventListener('submit', (e) => {
    e.preventDefault();
    const fd = new FormData(pick);
    ctx.go('#/config?scope=' + encodeURIComponent(fd.get('scope')) + '&scope_id=' + encodeURIComponent(fd.get('scope_id')));
  });
  const effForm = h('form', { class: 'filters', 'aria-label': 'Effective config for' },
    field('Org', h('input', { name: 'org_id', value: me.tenant })), field('Team', h('input', { name: 'team_id' })),
    field('Workflow', h('input', { name: 'workflow_id' })), field('Step', h('input', { name: 'step_id' })),
    h('button', { type: 'submit' }, 'Show effective config'));
  const showEffective = async () => {
    const q = Object.fromEntries(new FormData(effForm).entries());
    try {
      const e = await api('/api/v1/config/effective', { query: q });
      mount(eff, h('p', { class: 'muted' }, 'Version ', String(e.version ?? ''), ' · hash ', h('span', { class: 'mono' }, e.hash || '')),
        jsonView(e.data || {}, 'Effective config'));
    } catch (ex) { mount(eff, errorBox(ex)); }
  };
  effForm.addEventListener('submit', (e) => { e.preventDefault(); showEffective(); });
  mount(main, h('h1', {}, 'Config'),
    panel('Document', pick, doc),
    panel('Effective config', h('p', { class: 'muted' }, 'What a job of this org, team, workflow and step gets: the scopes merged from system down.'), effForm, eff));
  try {
    const d = await api('/api/v1/config', { query: { scope, scope_id: scopeId } });
    const text = h('textarea', { name: 'data', rows: 14, 'aria-label': 'Document data (JSON)' });
    text.value = JSON.stringify(d.data || {}, null, 2);
    const err = h('div');
    mount(doc, h('p', { class: 'muted' }, 'Revision ', String(d.revision), ' · updated ', fmtTime(d.updated_at)),
      can('config.write') ? h('form', { class: 'stack', onsubmit: async (e) => {
        e.preventDefault();
        mount(err);
        try {
          await api('/api/v1/config', { method: 'POST', body: { scope, scope_id: scopeId, data: parseJson(text.value, 'Data') || {}, revision: d.revision } });
          toast('Saved');
          window.dispatchEvent(new HashChangeEvent('hashchange'));
        } catch (ex) { mount(err, errorBox(ex)); }
      } }, text, err, h('button', { type: 'submit', class: 'primary' }, 'Save (compare-and-set on revision ' + d.revision + ')'))
        : jsonView(d.data, 'Document'));
  } catch (e) {
    if (e.status === 404) {
      mount(doc, h('p', { class: 'muted' }, 'No document at ' + scope + '/' + scopeId + '.'),
        can('config.write') ? createForm(scope, scopeId) : null);
    } else mount(doc, errorBox(e));
  }
  await showEffective();
}

function createForm(scope, scopeId) {
  const text = h('textarea', { name: 'data', rows: 8, 'aria-label': 'New document data (JSON)' });
  text.value = '{}';
  const err = h('div');
  return h('form', { class: 'stack', onsubmit: async (e) => {
    e.preventDefault();
    try {
      await api('/api/v1/config', { method: 'POST', body: { scope, scope_id: scopeId, data: parseJson(text.value, 'Data') || {} } });
      toast('Created');
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } catch (ex) { mount(err, errorBox(ex)); }
  } }, text, err, h('button', { type: 'submit', class: 'primary' }, 'Create'));
}
