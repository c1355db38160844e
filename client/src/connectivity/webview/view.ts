// The connectivity page inside the webview: draws the view the extension posts (Cytoscape.js, bundled): every workload, or
// the server's summary per namespace, or an opened namespace's groups of workloads. It keeps zoom, pan, selection, filter,
// mode and the opened namespace with the webview state across updates and reloads, shows why an edge is allowed (its
// rules, each a link that opens it) and asks the extension for another namespace. It computes nothing about policies.
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
  /** Summaries only: the workload pairs it stands for, whether every pair has `conns`, rules left out. */
  pairs?: number;
  uniform?: boolean;
  moreRules?: number;
}
/** A namespace, a group of workloads that connect alike, or external ranges (summaries only). */
interface SummaryNode {
  id: string;
  type: 'namespace' | 'group' | 'external';
  label: string;
  namespace?: string;
  members: string[];
  ingressIsolated: number;
  egressIsolated: number;
}
interface ViewBase {
  revision: number;
  millis: number;
  totals: { workloads: number; namespaces: number; ranges: number; pairs: number };
  namespaces: string[];
  focus?: string;
  edges: Edge[];
}
type View = (ViewBase & { level: 'workloads'; peers: Peer[] }) | (ViewBase & { level: 'namespaces' | 'groups'; nodes: SummaryNode[] });
interface State {
  zoom?: number;
  pan?: { x: number; y: number };
  selected?: string[];
  filter?: string;
  mode?: 'graph' | 'table';
  /** The namespace opened, and which drawing the zoom and pan belong to. */
  focus?: string;
  drawing?: string;
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
/** Past this many edges the graph shows the first ones only, and says so; the table shows more. */
const EDGE_MAX = 4000;
const TABLE_MAX = 5000;
/** A node's list of members in the details stops here. */
const MEMBERS_MAX = 200;

const el = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const graph = el<HTMLDivElement>('graph');
const table = el<HTMLDivElement>('table');
const details = el<HTMLElement>('details');
const filter = el<HTMLInputElement>('filter');
const mode = el<HTMLButtonElement>('mode');
const back = el<HTMLButtonElement>('back');
const summary = el<HTMLSpanElement>('summary');
filter.value = state.filter ?? '';

const edgeId = (e: Edge): string => `${e.src}->${e.dst}`;
const nsId = (ns: string): string => `ns:${ns}`;
const count = (n: number): string => n.toLocaleString('en-US');

const cy = cytoscape({
  container: graph,
  wheelSensitivity: 0.3,
  style: [
    { selector: 'node', style: { label: 'data(label)', 'font-size': 10, 'text-valign': 'bottom', 'text-margin-y': 3, 'text-wrap': 'wrap', width: 18, height: 18, 'background-color': '#3b82f6', 'border-width': 3, 'border-color': '#15803d', color: '#888' } },
    { selector: 'node.open', style: { 'border-color': '#9ca3af', 'border-style': 'dashed', 'background-color': '#93c5fd' } },
    { selector: 'node.half', style: { 'border-color': '#ca8a04' } },
    { selector: 'node.external', style: { shape: 'round-rectangle', width: 28, 'background-color': '#ef4444', 'border-width': 0 } },
    { selector: 'node.many', style: { width: 'data(size)', height: 'data(size)', shape: 'ellipse' } },
    { selector: ':parent', style: { 'background-opacity': 0.06, 'border-width': 1, 'border-color': '#888', label: 'data(label)', 'text-valign': 'top', 'font-size': 12, color: '#888' } },
    { selector: ':parent.focus', style: { 'border-width': 2, 'border-color': '#3b82f6', 'background-opacity': 0.1 } },
    { selector: 'edge', style: { width: 'data(width)', 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', 'line-color': '#a3a3a3', 'target-arrow-color': '#a3a3a3', label: 'data(label)', 'font-size': 8, color: '#16a34a', 'text-rotation': 'autorotate', 'min-zoomed-font-size': 6 } },
    { selector: 'edge.partial', style: { 'line-style': 'dashed' } },
    { selector: ':selected', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', 'border-color': '#f59e0b' } },
    { selector: '.hidden', style: { display: 'none' } },
  ],
});

/** How long the extension took to read the files it sent and to get the view back. */
interface Timing {
  files: number;
  readMs: number;
  requestMs: number;
}

let current: View | undefined;
let timing: Timing | undefined;
/** Which drawing is on the canvas (level and namespace): another one is laid out afresh. */
let drawing: string | undefined;

function nodeClass(p: Peer): string {
  if (p.type === 'external') return 'external';
  if (p.ingressIsolated && p.egressIsolated) return 'iso';
  return p.ingressIsolated || p.egressIsolated ? 'half' : 'open';
}

function summaryClass(n: SummaryNode): string {
  if (n.type === 'external') return 'external';
  const size = n.members.length;
  const base = n.ingressIsolated === size && n.egressIsolated === size ? 'iso' : n.ingressIsolated + n.egressIsolated > 0 ? 'half' : 'open';
  return size > 1 ? `${base} many` : base;
}

function isolationText(p: Peer): string {
  if (p.type === 'external') return 'external address range';
  const dirs = [p.ingressIsolated ? 'ingress' : '', p.egressIsolated ? 'egress' : ''].filter(Boolean);
  return dirs.length ? `isolated for ${dirs.join(' and ')}` : 'not isolated';
}

/** The elements of a view: workloads in namespace boxes, or the summary's namespaces and groups. */
function elementsOf(view: View): Map<string, cytoscape.ElementDefinition> {
  const wanted = new Map<string, cytoscape.ElementDefinition>();
  const box = (ns: string): void => {
    wanted.set(nsId(ns), { group: 'nodes', data: { id: nsId(ns), label: ns }, classes: ns === view.focus ? 'focus' : '' });
  };
  if (view.level === 'workloads') {
    for (const p of view.peers) if (p.namespace) box(p.namespace);
    for (const p of view.peers) {
      wanted.set(p.id, {
        group: 'nodes',
        data: { id: p.id, label: p.type === 'external' ? p.range : `${p.name}[${p.kind}]`, ...(p.namespace ? { parent: nsId(p.namespace) } : {}), title: isolationText(p) },
        classes: nodeClass(p),
      });
    }
  } else {
    if (view.level === 'groups') for (const n of view.nodes) if (n.namespace) box(n.namespace);
    for (const n of view.nodes) {
      const label = n.type === 'namespace' ? `${n.label}\n${count(n.members.length)} workloads` : n.label;
      wanted.set(n.id, {
        group: 'nodes',
        data: { id: n.id, label, size: Math.round(18 + 3 * Math.log2(n.members.length)), ...(view.level === 'groups' && n.namespace ? { parent: nsId(n.namespace) } : {}) },
        classes: summaryClass(n),
      });
    }
  }
  for (const e of view.edges.slice(0, EDGE_MAX)) {
    const label = e.pairs !== undefined && e.pairs > 1 ? `${e.conns} · ${count(e.pairs)}` : e.conns;
    // A summary edge is as thick as the log of the pairs it stands for.
    const width = e.pairs !== undefined ? Math.min(8, 1.5 + Math.log10(Math.max(1, e.pairs))) : 1.5;
    wanted.set(edgeId(e), { group: 'edges', data: { id: edgeId(e), source: e.src, target: e.dst, label, conns: e.conns, width }, classes: e.uniform === false ? 'partial' : '' });
  }
  return wanted;
}

/** Updates the graph in place: unchanged elements keep their position, so zoom, pan and the picture stay put. */
function render(view: View): void {
  current = view;
  const key = `${view.level}:${view.focus ?? ''}`;
  const fresh = key !== drawing;
  if (fresh) {
    cy.elements().remove();
    showDetails(undefined);
  }
  const wanted = elementsOf(view);
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
    const nodes = cy.add(added);
    if (!fresh) placeNear(nodes.nodes());
  });
  if (fresh) {
    layout();
    if (state.drawing === key && state.zoom !== undefined && state.pan) {
      cy.zoom(state.zoom);
      cy.pan(state.pan);
      for (const id of state.selected ?? []) cy.getElementById(id).select();
    } else cy.fit(undefined, 30);
    drawing = key;
    save({ drawing: key, focus: view.focus });
  }
  back.hidden = view.focus === undefined;
  applyFilter();
  renderTable();
  const selected = cy.$(':selected');
  if (selected.nonempty()) showDetails(selected.first());
  const t = view.totals;
  const what =
    view.level === 'namespaces'
      ? `per namespace (too many to draw one by one; double-click a namespace or press Enter in the filter to open it)`
      : view.level === 'groups'
        ? `${view.focus}: workloads that connect alike drawn as one node`
        : view.focus !== undefined
          ? `${view.focus} and its peers`
          : 'every workload';
  const capped = view.edges.length > EDGE_MAX ? ` (graph shows ${count(EDGE_MAX)}; filter or use the table)` : '';
  summary.textContent = `${count(t.workloads)} workloads in ${count(t.namespaces)} namespaces, ${count(t.pairs)} connections · ${what}: ${count(cy.nodes().filter((n) => !n.isParent()).length)} nodes, ${count(view.edges.length)} edges${capped} · ${timingText(view)}`;
  publishState();
}

function timingText(view: View): string {
  summary.title = timing ? `Last read of the workspace: ${count(timing.files)} files in ${count(timing.readMs)} ms; the request took ${count(timing.requestMs)} ms` : '';
  return `computed in ${count(view.millis)} ms`;
}

/** What is drawn, as JSON: posted to the extension (command netpol.connectivityViewState) and kept in a hidden element, so that the end-to-end tests can compare it with the engine and click what is drawn. */
function publishState(): void {
  if (!current) return;
  const leaves = cy.nodes(':childless');
  const drawn = {
    revision: current.revision,
    millis: current.millis,
    timing,
    level: current.level,
    focus: current.focus,
    zoom: cy.zoom(),
    pan: cy.pan(),
    nodes: leaves.map((n) => n.id()).sort(),
    // Model coordinates (zoom and pan aside): the same workspace opened again is drawn the same way.
    positions: Object.fromEntries(leaves.map((n) => [n.id(), [Math.round(n.position('x')), Math.round(n.position('y'))]])),
    edges: cy.edges().map((e) => {
      const at = clickablePoint(e);
      return { src: e.data('source') as string, dst: e.data('target') as string, conns: e.data('conns') as string, ...(at ? { x: Math.round(at.x), y: Math.round(at.y) } : {}) };
    }),
  };
  el<HTMLPreElement>('state').textContent = JSON.stringify(drawn);
  vscode.postMessage({ type: 'rendered', state: drawn });
}

/**
 * A point of a drawn edge (canvas coordinates) where a click reaches the edge: no workload or range drawn over it and no
 * part of the page (the details) above the canvas there; the midpoint when it is free, else a point nearer one end.
 * None for a hidden (filtered out) edge, a loop, or an edge covered all along. Published with the state, for tests.
 */
function clickablePoint(e: cytoscape.EdgeSingular): cytoscape.Position | undefined {
  if (!e.visible() || e.source().same(e.target())) return undefined;
  const p0 = e.renderedSourceEndpoint();
  const p2 = e.renderedTargetEndpoint();
  const mid = e.renderedMidpoint();
  // The edge as a quadratic Bézier through its ends and its midpoint (exact for a straight or a simply bent edge).
  const control = { x: 2 * mid.x - (p0.x + p2.x) / 2, y: 2 * mid.y - (p0.y + p2.y) / 2 };
  const boxes = cy
    .nodes()
    .filter((n) => !n.isParent() && n.visible())
    .map((n) => n.renderedBoundingBox({ includeLabels: true }));
  const origin = graph.getBoundingClientRect();
  for (const t of [0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74]) {
    const x = (1 - t) * (1 - t) * p0.x + 2 * t * (1 - t) * control.x + t * t * p2.x;
    const y = (1 - t) * (1 - t) * p0.y + 2 * t * (1 - t) * control.y + t * t * p2.y;
    if (boxes.some((b) => x >= b.x1 - 4 && x <= b.x2 + 4 && y >= b.y1 - 4 && y <= b.y2 + 4)) continue;
    const top = document.elementFromPoint(origin.left + x, origin.top + y);
    if (!top || !graph.contains(top)) continue;
    return { x, y };
  }
  return undefined;
}

function layout(): void {
  const leaves = cy.nodes().filter((n) => !n.isParent());
  if (current?.level === 'namespaces') {
    // Namespaces on a ring in name order (neighbours' edges stay short), external ranges in the middle.
    cy.layout({ name: 'concentric', animate: false, concentric: (n: cytoscape.NodeSingular) => (n.hasClass('external') ? 2 : 1), levelWidth: () => 1, minNodeSpacing: 30, padding: 20, nodeDimensionsIncludeLabels: true } as cytoscape.LayoutOptions).run();
    return;
  }
  if (current?.level === 'groups' && current.focus !== undefined) {
    layoutAround(nsId(current.focus));
    return;
  }
  if (leaves.length <= FORCE_LAYOUT_MAX) {
    // The force layout starts from a ring in id order: from distinct starting points it draws no random numbers (it
    // only jitters nodes that sit on one another), so the same workspace is drawn the same way every time it is opened.
    const ordered = leaves.sort((a, b) => (a.id() < b.id() ? -1 : a.id() > b.id() ? 1 : 0));
    const radius = 40 * ordered.length;
    ordered.forEach((n, i) => {
      const angle = (2 * Math.PI * i) / ordered.length;
      n.position({ x: radius * Math.cos(angle), y: radius * Math.sin(angle) });
    });
    cy.layout({ name: 'cose', animate: false, randomize: false, nodeDimensionsIncludeLabels: true, padding: 20 } as cytoscape.LayoutOptions).run();
    return;
  }
  if (cy.nodes(':parent').empty()) {
    cy.layout({ name: 'grid', animate: false, avoidOverlap: true, nodeDimensionsIncludeLabels: true, padding: 20 } as cytoscape.LayoutOptions).run();
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

/**
 * An opened namespace in the middle, the peers that only send to it on the left, the others on the right; the groups of
 * one other namespace stay in one column, so that namespace boxes never overlap.
 */
function layoutAround(focus: string): void {
  const step = 110;
  const leaves: cytoscape.NodeSingular[] = [];
  cy.nodes().forEach((n) => {
    if (!n.isParent()) leaves.push(n);
  });
  const inFocus = leaves.filter((n) => n.data('parent') === focus);
  const sendsOnly = (n: cytoscape.NodeSingular): boolean => n.incomers('edge').empty();
  // An outside namespace (or a range, its own key) goes left when every node of it only sends.
  const keyOf = (n: cytoscape.NodeSingular): string => (n.data('parent') as string | undefined) ?? n.id();
  const left = new Map<string, boolean>();
  leaves.forEach((n) => {
    if (n.data('parent') === focus) return;
    const k = keyOf(n);
    left.set(k, (left.get(k) ?? true) && sendsOnly(n));
  });
  const cols = Math.max(1, Math.ceil(Math.sqrt(inFocus.length)));
  inFocus.forEach((n, i) => n.position({ x: (i % cols) * step, y: Math.floor(i / cols) * step }));
  const focusHeight = Math.ceil(inFocus.length / cols) * step;
  const column = (side: boolean, x: number): void => {
    const members = leaves.filter((n) => n.data('parent') !== focus && left.get(keyOf(n)) === side).sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
    const top = (focusHeight - members.length * step * 0.8) / 2;
    let y = top;
    let previous: string | undefined;
    members.forEach((n) => {
      // A little more room between two namespaces, for their boxes' labels.
      if (previous !== undefined && keyOf(n) !== previous) y += step * 0.3;
      n.position({ x, y });
      y += step * 0.8;
      previous = keyOf(n);
    });
  };
  column(true, -2.5 * step);
  column(false, (cols - 1) * step + 2.5 * step);
}

/** New nodes of an update go beside their namespace's other workloads instead of to the origin. */
function placeNear(nodes: cytoscape.NodeCollection): void {
  nodes.forEach((n) => {
    if (n.isParent()) return;
    const siblings = n.parent().nonempty() ? n.parent().children().not(nodes) : cy.nodes().filter((m) => m.data('parent') === undefined && !m.same(n) && !m.isParent());
    const box = siblings.nonempty() ? siblings.boundingBox({}) : cy.extent();
    // Spread by the node's id (not at random), so that an update is drawn the same way each time.
    n.position({ x: box.x2 + 60, y: (box.y1 + box.y2) / 2 + (idHash(n.id()) % 40) });
  });
}

/** A small non-negative number from a string (FNV-1a), to spread nodes deterministically. */
function idHash(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

function matches(id: string, f: string): boolean {
  return f === '' || id.toLowerCase().includes(f);
}

/** The members a drawn node stands for (a summary's namespace or group), for the filter and the details. */
function membersOf(id: string): readonly string[] {
  if (!current || current.level === 'workloads') return [];
  return current.nodes.find((n) => n.id === id)?.members ?? [];
}

/** A node matches the filter by its id, its label or one of its members. */
function nodeMatches(n: cytoscape.NodeSingular, f: string): boolean {
  return matches(n.id(), f) || matches(String(n.data('label') ?? ''), f) || membersOf(n.id()).some((m) => matches(m, f));
}

function applyFilter(): void {
  const f = filter.value.trim().toLowerCase();
  cy.batch(() => {
    cy.elements().removeClass('hidden');
    if (f === '') return;
    const hit = new Set<string>();
    cy.nodes().forEach((n) => {
      if (!n.isParent() && nodeMatches(n, f)) hit.add(n.id());
    });
    const keep = new Set(hit);
    cy.edges().forEach((e) => {
      if (hit.has(e.data('source')) || hit.has(e.data('target'))) keep.add(e.id()).add(e.data('source')).add(e.data('target'));
      else e.addClass('hidden');
    });
    cy.nodes().forEach((n) => {
      if (!n.isParent() && !keep.has(n.id())) n.addClass('hidden');
    });
    cy.nodes(':parent').forEach((p) => {
      if (p.children().not('.hidden').empty()) p.addClass('hidden');
    });
  });
}

function ruleLink(parent: HTMLElement, rule: Rule): void {
  const a = parent.appendChild(document.createElement('a'));
  a.href = '#';
  a.className = 'rule';
  a.textContent = `${rule.policy} ${rule.direction} rule ${rule.index + 1} (${rule.conns})`;
  a.addEventListener('click', (ev) => {
    ev.preventDefault();
    vscode.postMessage({ type: 'open', rules: [{ ...rule.location, policy: rule.policy, direction: rule.direction, index: rule.index, conns: rule.conns }] });
  });
}

function renderTable(): void {
  if (!current) return;
  const f = filter.value.trim().toLowerCase();
  const hit = (id: string): boolean => matches(id, f) || membersOf(id).some((m) => matches(m, f));
  const rows = current.edges.filter((e) => hit(e.src) || hit(e.dst));
  const summarised = current.level !== 'workloads';
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const h of ['Source', 'Destination', 'Connections', ...(summarised ? ['Pairs'] : []), 'Allowed by']) head.appendChild(document.createElement('th')).textContent = h;
  const body = t.createTBody();
  for (const e of rows.slice(0, TABLE_MAX)) {
    const r = body.insertRow();
    r.insertCell().textContent = e.src;
    r.insertCell().textContent = e.dst;
    r.insertCell().textContent = e.conns;
    if (summarised) r.insertCell().textContent = `${count(e.pairs ?? 0)}${e.uniform ? '' : ' (some)'}`;
    const why = r.insertCell();
    if (e.rules.length === 0) why.textContent = 'not isolated';
    for (const rule of e.rules) {
      ruleLink(why, rule);
      why.appendChild(document.createTextNode(' '));
    }
  }
  table.replaceChildren(t);
}

/** The details of what is selected: an edge's connections and the rules that allow them, a node's members. */
function showDetails(target: cytoscape.SingularElementArgument | undefined): void {
  if (!target || !current) {
    setDetailsOpen(false);
    details.replaceChildren();
    return;
  }
  const out: HTMLElement[] = [];
  const line = (tag: string, text: string, cls?: string): HTMLElement => {
    const x = document.createElement(tag);
    x.textContent = text;
    if (cls) x.className = cls;
    out.push(x);
    return x;
  };
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.textContent = '×';
  close.title = 'Close';
  close.addEventListener('click', () => {
    cy.$(':selected').unselect();
    showDetails(undefined);
  });
  out.push(close);
  if (target.isEdge()) {
    const e = current.edges.find((x) => edgeId(x) === target.id());
    if (!e) return;
    const name = (id: string): string => (current && current.level !== 'workloads' ? (current.nodes.find((n) => n.id === id)?.label ?? id) : id);
    line('h3', `${name(e.src)} → ${name(e.dst)}`);
    line('p', e.conns, 'conns');
    if (e.pairs !== undefined) {
      const size = (id: string): number => membersOf(id).length || 1;
      const possible = e.src === e.dst ? size(e.src) * (size(e.src) - 1) : size(e.src) * size(e.dst);
      line('p', e.uniform ? `every one of the ${count(e.pairs)} pairs of the two ends` : `${count(e.pairs)} of the ${count(possible)} pairs of the two ends${e.pairs === possible ? ', not all on every port' : ''}`);
    }
    line('h4', 'Allowed by');
    const list = document.createElement('ul');
    list.id = 'rules';
    out.push(list);
    for (const rule of e.rules) ruleLink(list.appendChild(document.createElement('li')), rule);
    if (e.moreRules) list.appendChild(document.createElement('li')).textContent = `and ${count(e.moreRules)} more rules`;
    if (e.rules.length === 0) list.appendChild(document.createElement('li')).textContent = 'no policy isolates either end: everything is allowed';
    else if (current.level === 'workloads') {
      const peers = new Map(current.peers.map((p) => [p.id, p]));
      for (const [id, direction] of [[e.src, 'egress'], [e.dst, 'ingress']] as const) {
        const p = peers.get(id);
        if (p && p.type === 'workload' && !(direction === 'egress' ? p.egressIsolated : p.ingressIsolated)) list.appendChild(document.createElement('li')).textContent = `${direction}: ${id} is not isolated`;
      }
    }
    line('p', 'Double-click the edge or click a rule to open it.', 'hint');
  } else {
    const id = target.id();
    const node = current.level === 'workloads' ? undefined : current.nodes.find((n) => n.id === id);
    const ns = target.isParent() ? id.replace(/^ns:/, '') : node?.type === 'namespace' ? node.namespace : undefined;
    line('h3', target.isParent() ? `namespace ${ns}` : String(target.data('label')).replace('\n', ' · '));
    if (current.level === 'workloads' && !target.isParent()) line('p', String(target.data('title') ?? ''));
    if (node && node.type !== 'external') line('p', `${count(node.members.length)} workloads; isolated for ingress: ${count(node.ingressIsolated)}, for egress: ${count(node.egressIsolated)}`);
    if (node) {
      const list = document.createElement('ul');
      out.push(list);
      for (const m of node.members.slice(0, MEMBERS_MAX)) list.appendChild(document.createElement('li')).textContent = m;
      if (node.members.length > MEMBERS_MAX) list.appendChild(document.createElement('li')).textContent = `and ${count(node.members.length - MEMBERS_MAX)} more`;
    }
    if (ns !== undefined && ns !== current.focus && current.namespaces.includes(ns)) {
      const open = document.createElement('button');
      open.type = 'button';
      open.textContent = `Open ${ns}`;
      open.addEventListener('click', () => openNamespace(ns));
      out.push(open);
    }
  }
  details.replaceChildren(...out);
  setDetailsOpen(true);
}

/** The details take the right of the page; the graph gives them the room instead of hiding under them. */
function setDetailsOpen(open: boolean): void {
  if (details.hidden === !open) return;
  details.hidden = !open;
  graph.classList.toggle('beside-details', open);
  cy.resize();
}

function openNamespace(ns: string | undefined): void {
  if (current && ns === current.focus) return;
  summary.textContent = ns === undefined ? 'Loading every namespace…' : `Loading ${ns}…`;
  vscode.postMessage({ type: 'focus', namespace: ns });
}

function setMode(m: 'graph' | 'table'): void {
  graph.hidden = m === 'table';
  table.hidden = m === 'graph';
  mode.textContent = m === 'graph' ? 'Table' : 'Graph';
  save({ mode: m });
  if (m === 'graph') cy.resize();
}

/** The rules an edge's double-click opens (a pick list when there are several). */
function openRules(e: Edge): void {
  if (e.rules.length > 0) vscode.postMessage({ type: 'open', rules: e.rules.map((r) => ({ ...r.location, policy: r.policy, direction: r.direction, index: r.index, conns: r.conns })) });
}

cy.on('tap', 'edge, node', (evt) => showDetails(evt.target as cytoscape.SingularElementArgument));
cy.on('tap', (evt) => {
  if (evt.target === cy) showDetails(undefined);
});
cy.on('dbltap', 'edge', (evt) => {
  const e = current?.edges.find((x) => edgeId(x) === evt.target.id());
  if (e) openRules(e);
});
cy.on('dbltap', 'node', (evt) => {
  const n = evt.target as cytoscape.NodeSingular;
  const id = n.id();
  if (n.isParent()) openNamespace(id.replace(/^ns:/, ''));
  else if (current && current.level === 'namespaces' && id.startsWith('ns:')) openNamespace(id.slice(3));
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
filter.addEventListener('keydown', (ev) => {
  // Enter opens the first namespace the filter matches (by its name or one of its workloads).
  if (ev.key !== 'Enter' || !current || current.level !== 'namespaces') return;
  const f = filter.value.trim().toLowerCase();
  const hit = current.nodes.find((n) => n.type === 'namespace' && (matches(n.label, f) || n.members.some((m) => matches(m, f))));
  if (f !== '' && hit?.namespace !== undefined) {
    filter.value = '';
    save({ filter: '' });
    openNamespace(hit.namespace);
  }
});
back.addEventListener('click', () => openNamespace(undefined));
mode.addEventListener('click', () => setMode(graph.hidden ? 'graph' : 'table'));
el<HTMLButtonElement>('fit').addEventListener('click', () => cy.fit(cy.elements().not('.hidden'), 30));
window.addEventListener('message', (event: MessageEvent<{ type: string; view?: View; timing?: Timing }>) => {
  if (event.data.type === 'data' && event.data.view) {
    // An update that sent no files keeps the figures of the read before it.
    if (event.data.timing && event.data.timing.files > 0) timing = event.data.timing;
    render(event.data.view);
  }
});
setMode(state.mode ?? 'graph');
vscode.postMessage({ type: 'ready', focus: state.focus });
