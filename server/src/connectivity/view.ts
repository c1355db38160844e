// The data of the "Show connectivity" view over a workspace index, so that the page only draws: every workload and
// connection while they fit a picture, else the summary per namespace, and, for the namespace the user opened, its
// workloads and peers (all of them while they fit, else grouped into workloads that connect alike). The engine's result
// is kept per revision of the files, so opening another namespace costs only its summary; the LSP layer only routes.
import type { WorkspaceIndex } from '../workspace/index';
import type { FileFacts } from '../workspace/facts';
import { runSteps } from '../steps';
import { connectivityInSteps, type Connectivity } from './engine';
import { connectivityReport, type Report } from './report';
import { namespaceFocus, namespaceSummaryInSteps, nodePairs, type Summary } from './summary';

/** Past these a drawing of every workload and connection is unreadable (and slow to lay out): the view summarises. */
export interface ViewLimits {
  readonly maxNodes: number;
  readonly maxEdges: number;
}

const VIEW_LIMITS: ViewLimits = { maxNodes: 300, maxEdges: 1500 };

export interface ViewOptions {
  /** The namespace the user opened; ignored when no workload is in it (any more). */
  readonly focus?: string;
  readonly limits?: ViewLimits;
}

export interface ViewTotals {
  readonly workloads: number;
  readonly namespaces: number;
  /** The external address ranges some connection names. */
  readonly ranges: number;
  /** Allowed ordered pairs of peers: the edges a drawing of every workload would have. */
  readonly pairs: number;
}

interface ViewBase {
  /** The revision of the files the view was computed from. */
  readonly revision: number;
  /** Milliseconds the engine (when it had to run) and the view took. */
  readonly millis: number;
  readonly totals: ViewTotals;
  /** Every namespace with a workload, sorted (for the page's list of namespaces to open). */
  readonly namespaces: readonly string[];
  /** The namespace shown, when one is. */
  readonly focus?: string;
}

/** Every workload and connection (of the focus namespace, when there is one). */
export interface WorkloadsView extends ViewBase, Report {
  readonly level: 'workloads';
}

/** Namespaces (`namespaces`) or the groups around the focus namespace (`groups`). */
export interface SummaryView extends ViewBase, Summary {
  readonly level: 'namespaces' | 'groups';
}

export type ConnectivityView = WorkloadsView | SummaryView;

/** Every indexed file's facts (kustomization namespaces applied). */
function indexFacts(index: WorkspaceIndex): FileFacts[] {
  const out: FileFacts[] = [];
  for (const uri of index.uris()) {
    const f = index.file(uri);
    if (f) out.push(f);
  }
  return out;
}

type ViewData = Omit<ConnectivityView, 'revision' | 'millis'>;

/** The view of an engine result: which level fits, and its data. */
export function connectivityView(result: Connectivity, options: ViewOptions = {}): ViewData {
  return runSteps(connectivityViewInSteps(result, options));
}

/** `connectivityView` in steps (see `connectivityInSteps`): the summary of a large workspace takes a while. */
function* connectivityViewInSteps(result: Connectivity, options: ViewOptions): Generator<void, ViewData> {
  const limits = options.limits ?? VIEW_LIMITS;
  const namespaces = [...new Set(result.classes.map((c) => c.namespace))].sort();
  const workloads = result.peers.filter((p) => p.type === 'workload').length;
  let pairs = 0;
  const rangeIds = new Set<string>();
  const connections = result.connections;
  for (let i = 0; i < connections.length; i++) {
    if ((i & 1023) === 1023) yield;
    const c = connections[i]!;
    pairs += nodePairs(result, c);
    const src = result.nodes[c.src]!;
    const dst = result.nodes[c.dst]!;
    if (src.type === 'external') rangeIds.add(result.peers[src.peer]!.id);
    if (dst.type === 'external') rangeIds.add(result.peers[dst.peer]!.id);
  }
  const totals: ViewTotals = { workloads, namespaces: namespaces.length, ranges: rangeIds.size, pairs };
  const base = { totals, namespaces };
  const focus = options.focus !== undefined && namespaces.includes(options.focus) ? options.focus : undefined;
  if (focus === undefined) {
    if (pairs <= limits.maxEdges && workloads + rangeIds.size <= limits.maxNodes) return { ...base, level: 'workloads', ...connectivityReport(result) };
    return { ...base, level: 'namespaces', ...(yield* namespaceSummaryInSteps(result)) };
  }
  const grouped = namespaceFocus(result, focus)!;
  const focusPairs = grouped.edges.reduce((n, e) => n + e.pairs, 0);
  const focusPeers = grouped.nodes.reduce((n, g) => n + g.members.length, 0);
  if (focusPairs <= limits.maxEdges && focusPeers <= limits.maxNodes) return { ...base, focus, level: 'workloads', ...connectivityReport(result, { namespace: focus }) };
  return { ...base, focus, level: 'groups', ...grouped };
}

/**
 * Keeps the engine's result for the last revision of the files (the caller bumps it on every file change, moves of text
 * included, since the view carries the rules' locations) and the last view.
 */
export class ConnectivityViews {
  private result?: { readonly revision: number; readonly connectivity: Connectivity };
  private last?: { readonly key: string; readonly view: ConnectivityView };

  constructor(private readonly now: () => number = () => 0) {}

  view(index: WorkspaceIndex, revision: number, options: ViewOptions = {}): ConnectivityView {
    return runSteps(this.viewInSteps(index, revision, options));
  }

  /**
   * `view` in steps, for a caller that lets other work run between them (see `connectivityInSteps`). The index may change
   * meanwhile: what is computed is of the files as they were at the first step, and is kept only while no newer revision
   * was. `millis` is the time from the first step to the last.
   */
  *viewInSteps(index: WorkspaceIndex, revision: number, options: ViewOptions = {}): Generator<void, ConnectivityView> {
    const key = `${revision}\0${options.focus ?? ''}\0${options.limits?.maxNodes ?? ''}\0${options.limits?.maxEdges ?? ''}`;
    if (this.last && this.last.key === key) return this.last.view;
    const start = this.now();
    let connectivity = this.result?.revision === revision ? this.result.connectivity : undefined;
    if (!connectivity) {
      connectivity = yield* connectivityInSteps(indexFacts(index));
      if (!this.result || this.result.revision < revision) this.result = { revision, connectivity };
    }
    const view = { ...(yield* connectivityViewInSteps(connectivity, options)), revision, millis: Math.round(this.now() - start) } as ConnectivityView;
    if (this.result?.revision === revision) this.last = { key, view };
    return view;
  }
}
