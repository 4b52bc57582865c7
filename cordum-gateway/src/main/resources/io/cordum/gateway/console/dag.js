// Draws a workflow's steps as a DAG: layers by longest path from the roots, edges from each
// dependency, nodes coloured by the step's status in a run.
import { h, svg, badge } from './ui.js';

const NW = 150; const NH = 46; const GX = 60; const GY = 22;

/**
 * steps: { id: { depends_on: [...], type, name } }; status: { id: statusString } (optional);
 * onSelect(id) called when a node is activated.
 */
export function dag(steps, status = {}, onSelect) {
  const ids = Object.keys(steps || {});
  if (!ids.length) return h('p', { class: 'muted' }, 'No steps.');
  const layer = {};
  const visiting = new Set();
  const depth = (id) => {
    if (layer[id] !== undefined) return layer[id];
    if (visiting.has(id)) return 0;
    visiting.add(id);
    const deps = (steps[id].depends_on || []).filter((d) => steps[d]);
    const l = deps.length ? 1 + Math.max(...deps.map(depth)) : 0;
    visiting.delete(id);
    layer[id] = l;
    return l;
  };
  ids.forEach(depth);
  const cols = [];
  ids.forEach((id) => { (cols[layer[id]] = cols[layer[id]] || []).push(id); });
  const pos = {};
  cols.forEach((col, x) => col.forEach((id, y) => { pos[id] = { x: 10 + x * (NW + GX), y: 10 + y * (NH + GY) }; }));
  const width = 20 + cols.length * (NW + GX) - GX;
  const height = 20 + Math.max(...cols.map((c) => c.length)) * (NH + GY) - GY;
  const s = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'group',
    'aria-label': 'Workflow steps as a graph' });
  s.appendChild(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5',
    markerWidth: '7', markerHeight: '7', orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: '#6b7280' }))));
  for (const id of ids) {
    for (const d of steps[id].depends_on || []) {
      if (!pos[d]) continue;
      const a = pos[d]; const b = pos[id];
      const x1 = a.x + NW; const y1 = a.y + NH / 2; const x2 = b.x; const y2 = b.y + NH / 2;
      const mx = (x1 + x2) / 2;
      s.appendChild(svg('path', { class: 'edge', d: `M ${x1} ${y1} C ${mx} ${y1}, ${mx} ${y2}, ${x2 - 2} ${y2}`,
        'marker-end': 'url(#arrow)' }));
    }
  }
  for (const id of ids) {
    const st = status[id] || (Object.keys(status).length ? 'pending' : 'definition');
    const p = pos[id];
    const label = id.length > 20 ? id.slice(0, 19) + '…' : id;
    const type = steps[id].type || 'worker';
    const g = svg('g', { class: 'node n-' + st, transform: `translate(${p.x},${p.y})`, tabindex: '0',
      role: 'button', 'data-step': id, 'data-status': st,
      'aria-label': `step ${id} (${type})` + (st !== 'definition' ? ', ' + st : '') },
    svg('title', {}, `${id} · ${type}` + (st !== 'definition' ? ' · ' + st : '')),
    svg('rect', { width: NW, height: NH, rx: 8 }),
    svg('text', { x: 10, y: 19 }, label),
    svg('text', { class: 'st', x: 10, y: 36 }, st === 'definition' ? type : type + ' · ' + st));
    if (onSelect) {
      g.addEventListener('click', () => onSelect(id));
      g.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(id); } });
    }
    s.appendChild(g);
  }
  return h('div', { class: 'dag' }, s);
}

export function legend() {
  return h('div', { class: 'legend', 'aria-label': 'Colours' },
    ['pending', 'running', 'waiting', 'succeeded', 'failed', 'cancelled'].map((s) => badge(s)));
}
