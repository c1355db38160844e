// Sets of connections (protocol → port intervals) as the connectivity engine computes them: union, intersection and the
// netpol-analyzer text form (`All Connections`, `TCP 80,8080-8090,UDP 53`). Values are immutable; all-ports is 1-65535.
import type { Protocol } from '../model/traffic';

/** Inclusive port intervals, sorted, disjoint and not touching. */
export type Intervals = readonly (readonly [number, number])[];

export interface Conns {
  readonly TCP: Intervals;
  readonly UDP: Intervals;
  readonly SCTP: Intervals;
}

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];
const MIN_PORT = 1;
const MAX_PORT = 65535;

const FULL: Intervals = [[MIN_PORT, MAX_PORT]];
export const NO_CONNS: Conns = { TCP: [], UDP: [], SCTP: [] };
export const ALL_CONNS: Conns = { TCP: FULL, UDP: FULL, SCTP: FULL };

/** The connections of one protocol: every port, or ports `from`..`to` (clamped to 1-65535; empty when the range is). */
export function connsOf(protocol: Protocol, from?: number, to: number = from ?? MAX_PORT): Conns {
  const lo = Math.max(MIN_PORT, from ?? MIN_PORT);
  const hi = Math.min(MAX_PORT, to);
  if (lo > hi) return NO_CONNS;
  return { ...NO_CONNS, [protocol]: [[lo, hi]] };
}

export function isEmpty(c: Conns): boolean {
  return c.TCP.length === 0 && c.UDP.length === 0 && c.SCTP.length === 0;
}

export function isAll(c: Conns): boolean {
  return PROTOCOLS.every((p) => c[p].length === 1 && c[p][0]![0] === MIN_PORT && c[p][0]![1] === MAX_PORT);
}

/** Whether two sets hold the same connections (without building anything, for loops over many pairs). */
export function sameConns(a: Conns, b: Conns): boolean {
  if (a === b) return true;
  for (const p of PROTOCOLS) {
    const x = a[p];
    const y = b[p];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i]![0] !== y[i]![0] || x[i]![1] !== y[i]![1]) return false;
  }
  return true;
}

export function union(a: Conns, b: Conns): Conns {
  if (isEmpty(a) || a === b) return b;
  if (isEmpty(b)) return a;
  return { TCP: unionIntervals(a.TCP, b.TCP), UDP: unionIntervals(a.UDP, b.UDP), SCTP: unionIntervals(a.SCTP, b.SCTP) };
}

export function intersect(a: Conns, b: Conns): Conns {
  if (a === b) return a;
  if (a === ALL_CONNS) return b;
  if (b === ALL_CONNS) return a;
  // Both ends of most allowed pairs name the same ports (a rule and its mirror): no new object for them.
  if (sameConns(a, b)) return a;
  return { TCP: intersectIntervals(a.TCP, b.TCP), UDP: intersectIntervals(a.UDP, b.UDP), SCTP: intersectIntervals(a.SCTP, b.SCTP) };
}

/** What is in `a` and not in `b`. */
export function subtract(a: Conns, b: Conns): Conns {
  return { TCP: subtractIntervals(a.TCP, b.TCP), UDP: subtractIntervals(a.UDP, b.UDP), SCTP: subtractIntervals(a.SCTP, b.SCTP) };
}

function unionIntervals(a: Intervals, b: Intervals): Intervals {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const all = [...a, ...b].sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [lo, hi] of all) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

function intersectIntervals(a: Intervals, b: Intervals): Intervals {
  const out: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i]![0], b[j]![0]);
    const hi = Math.min(a[i]![1], b[j]![1]);
    if (lo <= hi) out.push([lo, hi]);
    if (a[i]![1] < b[j]![1]) i++;
    else j++;
  }
  return out;
}

function subtractIntervals(a: Intervals, b: Intervals): Intervals {
  let out: [number, number][] = a.map(([lo, hi]) => [lo, hi]);
  for (const [blo, bhi] of b) {
    out = out.flatMap(([lo, hi]): [number, number][] => {
      if (bhi < lo || blo > hi) return [[lo, hi]];
      const parts: [number, number][] = [];
      if (lo < blo) parts.push([lo, blo - 1]);
      if (hi > bhi) parts.push([bhi + 1, hi]);
      return parts;
    });
  }
  return out;
}

/** netpol-analyzer's form: `All Connections`, `No Connections`, or `PROTO ports` per protocol sorted as strings, joined by `,`. */
export function connsText(c: Conns): string {
  if (isAll(c)) return 'All Connections';
  if (isEmpty(c)) return 'No Connections';
  return PROTOCOLS.filter((p) => c[p].length > 0)
    .map((p) => `${p} ${intervalsText(c[p])}`)
    .sort()
    .join(',');
}

function intervalsText(iv: Intervals): string {
  return iv.map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`)).join(',');
}

/** The connections as plain data for JSON: `{"TCP": ["80", "8000-8080"]}`; `"all"` for every connection. */
export function connsJson(c: Conns): 'all' | Partial<Record<Protocol, string[]>> {
  if (isAll(c)) return 'all';
  const out: Partial<Record<Protocol, string[]>> = {};
  for (const p of PROTOCOLS) if (c[p].length > 0) out[p] = c[p].map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`));
  return out;
}
