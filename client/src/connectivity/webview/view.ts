// The connectivity page inside the webview: draws the report the extension posts (Cytoscape.js, bundled), keeps zoom, pan,
// selection, filter and mode with the webview state across updates and reloads, and asks the extension to open the rule
// behind a clicked edge. It computes nothing about policies.
import cytoscape from 'cytoscape';

interface Peer {
  id: string;
  type: 'workload' | 'external';
  namespace?: string;
  name?: string;
  kind?: string;
  range?: string;
  ingressIsolated?: boolean;
  egressIsolated?: boolean;
}
interface Rule {
  policy: string;
  direction: string;
  index: number;
  conns: string;
  location: { uri: string; span: { start: number; end: number } };
}
interface Edge {
  src: string;
  dst: string;
  conns: string;
  rules: Rule[];
}
interface View {
  peers: Peer[];
  edges: Edge[];
  revision: number;
  millis: number;
}
interface State {
  zoom?: number;
  pan?: { x: number; y: number };
  selected?: string[];
  filter?: string;
  mode?: 'graph' | 'table';
}

declare function acquireVsCodeApi(): { postMessage(m: unknown): void; getState(): State | undefined; setState(s: State): void };
const vscode = acquireVsCodeApi();
let state: State = vscode.getState() ?? {};
const save = (patch: Partial<State>): void => {
  state = { ...state, ...patch };
  vscode.setState(state);
};

/** Past this many nodes the force layout is too slow for a first render: namespaces are laid out as a grid of grids. */
const FORCE_LAYOUT_MAX = 150;
/** Past this many edges the graph shows the filtered ones only, and says so; the table shows all. */
const EDGE_MAX = 4000;

const el = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const graph = el<HTMLDivElement>('graph');
const table = el<HTMLDivElement>('table');
const filter = el<HTMLInputElement>('filter');
const mode = el<HTMLButtonElement>('mode');
const summary = el<HTMLSpanElement>('summary');
filter.value = state.filter ?? '';

const edgeId = (e: Edge): string => `${e.src}->${e.dst}`;
const nsId = (ns: string): string => `ns:${ns}`;

const cy = cytoscape({
  container: graph,
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, width: 18, height: 18, 'background-color': '#3b82f6', 'border-width': 3, 'border-color': '#15803d', color: '#888' } },
    { selector: 'node.open', style: { 'border-color': '#9ca3af', 'border-style': 'dashed', 'background-color': '#93c5fd' } },
    { selector: 'node.half', style: { 'border-color': '#ca8a04' } },
    { selector: 'node.external', style: { shape: 'round-rectangle', width: 28, 'background-color': '#ef4444', 'border-width': 0 } },
    { selector: ':parent', style: { 'background-opacity': 0.06, 'border-width': 1, 'border-color': '#888', label: 'data(label)', 'text-valign': 'top', 'font-size': 12, color: '#888' } },
    { selector: 'edge', style: { width: 1.5, 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#a3a3a3', 'target-arrow-color': '#a3a3a3', label: 'data(label)', 'font-size': 8, color: '#16a34a', 'text-rotation': 'autorotate' } },
    { selector: ':selected', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', 'border-color': '#f59e0b', width: 3 } },
    { selector: '.hidden', style: { display: 'none' } },
  ],
});

let current: View | undefined;
let firstRender = true;

function nodeClass(p: Peer): string {
  if (p.type === 'external') return 'external';
  if (p.ingressIsolated && p.egressIsolated) return 'iso';
  return p.ingressIsolated || p.egressIsolated ? 'half' : 'open';
}

function isolationText(p: Peer): string {
  if (p.type === 'external') return 'external address range';
  const dirs = [p.ingressIsolated ? 'ingress' : '', p.egressIsolated ? 'egress' : ''].filter(Boolean);
  return dirs.length ? `isolated for ${dirs.join(' and ')}` : 'not isolated';
}

/** Updates the graph in place: unchanged elements keep their position, so zoom, pan and the picture stay put. */
function render(view: View): void {
  current = view;
  const wanted = new Map<string, cytoscape.ElementDefinition>();
  const namespaces = new Set(view.peers.flatMap((p) => (p.namespace ? [p.namespace] : [])));
  for (const ns of namespaces) wanted.set(nsId(ns), { group: 'nodes', data: { id: nsId(ns), label: ns } });
  for (const p of view.peers) {
    wanted.set(p.id, {
      group: 'nodes',
      data: { id: p.id, label: p.type === 'external' ? p.range : `${p.name}[${p.kind}]`, ...(p.namespace ? { parent: nsId(p.namespace) } : {}), title: isolationText(p) },
      classes: nodeClass(p),
    });
  }
  const edges = view.edges.slice(0, EDGE_MAX);
  for (const e of edges) wanted.set(edgeId(e), { group: 'edges', data: { id: edgeId(e), source: e.src, target: e.dst, label: e.conns } });
  cy.batch(() => {
    cy.elements().forEach((ele) => {
      const w = wanted.get(ele.id());
      if (!w || (ele.isNode() && (ele.data('parent') ?? undefined) !== (w.data.parent ?? undefined))) ele.remove();
    });
    const added: cytoscape.ElementDefinition[] = [];
    for (const [id, w] of wanted) {
      const existing = cy.getElementById(id);
      if (existing.nonempty()) {
        existing.data(w.data);
        if (w.classes !== undefined) existing.classes(w.classes as string);
      } else added.push(w);
    }
    // Parents first, so that children find them.
    added.sort((a, b) => Number(a.group === 'edges') - Number(b.group === 'edges') || Number(Boolean(a.data.parent)) - Number(Boolean(b.data.parent)));
    const fresh = cy.add(added);
    if (!firstRender) placeNear(fresh.nodes());
  });
  if (firstRender) {
    firstRender = false;
    layout();
    if (state.zoom !== undefined && state.pan) {
      cy.zoom(state.zoom);
      cy.pan(state.pan);
    } else cy.fit(undefined, 30);
    for (const id of state.selected ?? []) cy.getElementById(id).select();
  }
  applyFilter();
  renderTable();
  summary.textContent = `${view.peers.length} peers, ${view.edges.length} connections${view.edges.length > EDGE_MAX ? ` (graph shows ${EDGE_MAX}; filter or use the table)` : ''} · ${view.millis} ms`;
  publishState();
}

/** What is drawn, as JSON: posted to the extension (command netpol.connectivityViewState) and kept in a hidden element, so that the end-to-end tests can compare it with the engine. */
function publishState(): void {
  if (!current) return;
  const drawn = {
    revision: current.revision,
    millis: current.millis,
    zoom: cy.zoom(),
    pan: cy.pan(),
    nodes: cy.nodes().filter((n) => !n.isParent()).map((n) => n.id()).sort(),
    edges: cy.edges().map((e) => ({ src: e.data('source') as string, dst: e.data('target') as string, conns: e.data('label') as string })),
  };
  el<HTMLPreElement>('state').textContent = JSON.stringify(drawn);
  vscode.postMessage({ type: 'rendered', state: drawn });
}

function layout(): void {
  const leaves = cy.nodes().filter((n) => !n.isParent());
  if (leaves.length <= FORCE_LAYOUT_MAX) {
    cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20 } as cytoscape.LayoutOptions).run();
    return;
  }
  // A grid of namespaces, each a grid of its workloads; external ranges in a column on the left.
  const step = 90;
  const groups = new Map<string, cytoscape.NodeSingular[]>();
  leaves.forEach((n) => {
    const key = (n.data('parent') as string | undefined) ?? '';
    groups.set(key, [...(groups.get(key) ?? []), n]);
  });
  const external = groups.get('') ?? [];
  external.forEach((n, i) => n.position({ x: -2 * step, y: i * step * 0.6 }));
  const nss = [...groups.keys()].filter((k) => k !== '').sort();
  const perRow = Math.max(1, Math.ceil(Math.sqrt(nss.length)));
  let rowTop = 0;
  let rowHeight = 0;
  let x = 0;
  nss.forEach((ns, i) => {
    if (i % perRow === 0 && i > 0) {
      rowTop += rowHeight + step;
      rowHeight = 0;
      x = 0;
    }
    const members = groups.get(ns)!;
    const cols = Math.max(1, Math.ceil(Math.sqrt(members.length)));
    members.forEach((n, j) => n.position({ x: x + (j % cols) * step, y: rowTop + Math.floor(j / cols) * step }));
    x += cols * step + step;
    rowHeight = Math.max(rowHeight, Math.ceil(members.length / cols) * step);
  });
}

/** New nodes of an update go beside their namespace's other workloads instead of to the origin. */
function placeNear(nodes: cytoscape.NodeCollection): void {
  nodes.forEach((n) => {
    if (n.isParent()) return;
    const siblings = n.parent().nonempty() ? n.parent().children().not(nodes) : cy.nodes().filter((m) => m.data('parent') === undefined && !m.same(n) && !m.isParent());
    const box = siblings.nonempty() ? siblings.boundingBox({}) : cy.extent();
    n.position({ x: box.x2 + 60, y: (box.y1 + box.y2) / 2 + Math.random() * 40 });
  });
}

function matches(id: string, f: string): boolean {
  return f === '' || id.toLowerCase().includes(f);
}

function applyFilter(): void {
  const f = filter.value.trim().toLowerCase();
  cy.batch(() => {
    cy.elements().removeClass('hidden');
    if (f === '') return;
    const keep = new Set<string>();
    cy.edges().forEach((e) => {
      if (matches(e.data('source'), f) || matches(e.data('target'), f)) keep.add(e.id()).add(e.data('source')).add(e.data('target'));
      else e.addClass('hidden');
    });
    cy.nodes().forEach((n) => {
      if (n.isParent()) return;
      if (!keep.has(n.id()) && !matches(n.id(), f)) n.addClass('hidden');
    });
    cy.nodes(':parent').forEach((p) => {
      if (p.children().not('.hidden').empty()) p.addClass('hidden');
    });
  });
}

function renderTable(): void {
  if (!current) return;
  const f = filter.value.trim().toLowerCase();
  const rows = current.edges.filter((e) => matches(e.src, f) || matches(e.dst, f));
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const h of ['Source', 'Destination', 'Connections', 'Allowed by']) head.appendChild(document.createElement('th')).textContent = h;
  const body = t.createTBody();
  for (const e of rows.slice(0, 5000)) {
    const r = body.insertRow();
    r.insertCell().textContent = e.src;
    r.insertCell().textContent = e.dst;
    r.insertCell().textContent = e.conns;
    const why = r.insertCell();
    if (e.rules.length === 0) why.textContent = 'not isolated';
    for (const rule of e.rules) {
      const a = why.appendChild(document.createElement('a'));
      a.href = '#';
      a.textContent = `${rule.policy} ${rule.direction} rule ${rule.index + 1} (${rule.conns})`;
      a.addEventListener('click', (ev) => {
        ev.preventDefault();
        vscode.postMessage({ type: 'open', rules: [{ ...rule.location, policy: rule.policy, direction: rule.direction, index: rule.index, conns: rule.conns }] });
      });
      why.appendChild(document.createTextNode(' '));
    }
  }
  table.replaceChildren(t);
}

function setMode(m: 'graph' | 'table'): void {
  graph.hidden = m === 'table';
  table.hidden = m === 'graph';
  mode.textContent = m === 'graph' ? 'Table' : 'Graph';
  save({ mode: m });
  if (m === 'graph') cy.resize();
}

cy.on('tap', 'edge', (evt) => {
  const e = current?.edges.find((x) => edgeId(x) === evt.target.id());
  if (e && e.rules.length > 0) vscode.postMessage({ type: 'open', rules: e.rules.map((r) => ({ ...r.location, policy: r.policy, direction: r.direction, index: r.index, conns: r.conns })) });
});
cy.on('viewport', () => save({ zoom: cy.zoom(), pan: cy.pan() }));
let viewportTimer: ReturnType<typeof setTimeout> | undefined;
cy.on('viewport', () => {
  // Panning fires this per frame; the drawn state is published once the view rests.
  if (viewportTimer) clearTimeout(viewportTimer);
  viewportTimer = setTimeout(publishState, 200);
});
cy.on('select unselect', () => save({ selected: cy.$(':selected').map((x) => x.id()) }));
filter.addEventListener('input', () => {
  save({ filter: filter.value });
  applyFilter();
  renderTable();
});
mode.addEventListener('click', () => setMode(graph.hidden ? 'graph' : 'table'));
el<HTMLButtonElement>('fit').addEventListener('click', () => cy.fit(cy.elements().not('.hidden'), 30));
window.addEventListener('message', (event: MessageEvent<{ type: string; view?: View }>) => {
  if (event.data.type === 'data' && event.data.view) render(event.data.view);
});
setMode(state.mode ?? 'graph');
vscode.postMessage({ type: 'ready' });
