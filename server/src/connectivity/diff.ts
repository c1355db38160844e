// What a change of manifests does to connectivity: the connections added, removed and changed between two workspaces (for
// pull-request comments). Both sides are cut into the same address ranges, so that their external peers line up.
import type { FileFacts } from '../workspace/facts';
import { rangeText, type AddressRange } from './addresses';
import { computeConnectivity, referencedBlocks, type Connectivity, type ConnectivityOptions } from './engine';
import { connectivityReport, type ReportOptions } from './report';

export interface DiffEntry {
  readonly type: 'added' | 'removed' | 'changed';
  readonly src: string;
  readonly dst: string;
  /** netpol-analyzer's text of the connections before and after (`No Connections` for none). */
  readonly old: string;
  readonly new: string;
  /** netpol-analyzer's workloads-diff-info: `workload A added`, `workload A and B removed`, when an end exists on one side only. */
  readonly info?: string;
}

export function connectivityDiff(oldFiles: readonly FileFacts[], newFiles: readonly FileFacts[], options: ConnectivityOptions & ReportOptions = {}): DiffEntry[] {
  const a = referencedBlocks(oldFiles);
  const b = referencedBlocks(newFiles);
  const extraBlocks = { ingress: [...a.ingress, ...b.ingress], egress: [...a.egress, ...b.egress] };
  const first = computeConnectivity(oldFiles, { ...options, extraBlocks });
  const second = computeConnectivity(newFiles, { ...options, extraBlocks });
  const before = connectivityReport(first, options);
  const after = connectivityReport(second, options);
  const workloadsOf = (r: Connectivity): Set<string> => new Set(r.peers.flatMap((p) => (p.type === 'workload' ? [p.id] : [])));
  const oldWorkloads = workloadsOf(first);
  const newWorkloads = workloadsOf(second);
  const info = (src: string, dst: string, type: 'added' | 'removed'): string | undefined => {
    const only = type === 'added' ? (id: string) => newWorkloads.has(id) && !oldWorkloads.has(id) : (id: string) => oldWorkloads.has(id) && !newWorkloads.has(id);
    const names = [src, dst].filter(only);
    return names.length === 0 ? undefined : `workload ${names.join(' and ')} ${type}`;
  };
  const key = (e: { src: string; dst: string }): string => `${e.src}\0${e.dst}`;
  const old = new Map(before.edges.map((e) => [key(e), e]));
  let out: DiffEntry[] = [];
  const entry = (type: DiffEntry['type'], src: string, dst: string, o: string, n: string): DiffEntry => {
    const i = type === 'changed' ? undefined : info(src, dst, type);
    return { type, src, dst, old: o, new: n, ...(i ? { info: i } : {}) };
  };
  for (const e of after.edges) {
    const o = old.get(key(e));
    if (!o) out.push(entry('added', e.src, e.dst, 'No Connections', e.conns));
    else if (o.conns !== e.conns) out.push(entry('changed', e.src, e.dst, o.conns, e.conns));
    old.delete(key(e));
  }
  for (const o of old.values()) out.push(entry('removed', o.src, o.dst, o.conns, 'No Connections'));
  const ranges = new Map<string, AddressRange>();
  for (const r of [first, second]) for (const p of r.peers) if (p.type === 'external') ranges.set(p.id, p.range);
  out = mergeRanges(out, ranges);
  const rank = { changed: 0, added: 1, removed: 2 };
  return out.sort((x, y) => rank[x.type] - rank[y.type] || (x.src < y.src ? -1 : x.src > y.src ? 1 : x.dst < y.dst ? -1 : x.dst > y.dst ? 1 : 0));
}

/**
 * Entries that differ only in an external end whose ranges touch become one entry over the joined range, as netpol-analyzer
 * merges them in its diff (the two sides' common split is finer than either side needs).
 */
function mergeRanges(entries: DiffEntry[], ranges: ReadonlyMap<string, AddressRange>): DiffEntry[] {
  const out: DiffEntry[] = [];
  const groups = new Map<string, { entry: DiffEntry; end: 'src' | 'dst'; range: AddressRange }[]>();
  for (const e of entries) {
    const end = ranges.has(e.src) ? 'src' : ranges.has(e.dst) ? 'dst' : undefined;
    if (!end) {
      out.push(e);
      continue;
    }
    const range = ranges.get(e[end])!;
    const k = [e.type, end, end === 'src' ? e.dst : e.src, e.old, e.new, e.info ?? '', range.family].join('\0');
    const list = groups.get(k) ?? [];
    list.push({ entry: e, end, range });
    groups.set(k, list);
  }
  for (const list of groups.values()) {
    list.sort((a, b) => (a.range.first < b.range.first ? -1 : 1));
    let run = list[0]!;
    let last = run.range.last;
    const flush = (): void => {
      const range: AddressRange = { family: run.range.family, first: run.range.first, last };
      out.push({ ...run.entry, [run.end]: `${rangeText(range)}[External]` });
    };
    for (const item of list.slice(1)) {
      if (item.range.first === last + 1n) last = item.range.last;
      else {
        flush();
        run = item;
        last = item.range.last;
      }
    }
    flush();
  }
  return out;
}
