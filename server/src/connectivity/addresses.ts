// External addresses as the connectivity engine sees them: the address space of each IP family cut into disjoint ranges at
// every boundary of the ipBlocks (cidr and except) the policies write, so that each range is either wholly inside or wholly
// outside every ipBlock. This is netpol-analyzer's split (models' DisjointIPBlocks over the blocks' contiguous pieces).
import { cidrFirst, cidrLast, formatIp, type Family } from '../net/ip';
import type { IpBlockFact } from '../workspace/facts';

export interface AddressRange {
  readonly family: Family;
  readonly first: bigint;
  readonly last: bigint;
}

const LAST: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };

/** The disjoint ranges of the given families' address spaces, cut at the blocks' boundaries, in address order (IPv4 first). */
export function disjointRanges(blocks: readonly IpBlockFact[], families: readonly Family[]): AddressRange[] {
  const out: AddressRange[] = [];
  for (const family of [...families].sort()) {
    const cuts = new Set<bigint>([0n]);
    for (const b of blocks) {
      if (b.cidr.family !== family) continue;
      // Cut at the ends of the block's contiguous pieces (cidr less its excepts, merged): two adjacent excepts make one hole.
      for (const [first, last] of blockPieces(b)) {
        cuts.add(first);
        if (last < LAST[family]) cuts.add(last + 1n);
      }
    }
    const starts = [...cuts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (let i = 0; i < starts.length; i++) out.push({ family, first: starts[i]!, last: i + 1 < starts.length ? starts[i + 1]! - 1n : LAST[family] });
  }
  return out;
}

/** The contiguous address intervals of cidr minus excepts (an except outside its cidr is rejected by the API server). */
function blockPieces(b: IpBlockFact): [bigint, bigint][] {
  const lo = cidrFirst(b.cidr);
  const hi = cidrLast(b.cidr);
  const holes = b.except
    .filter((e) => e.family === b.cidr.family)
    .map((e): [bigint, bigint] => [cidrFirst(e) < lo ? lo : cidrFirst(e), cidrLast(e) > hi ? hi : cidrLast(e)])
    .filter(([a, z]) => a <= z)
    .sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const pieces: [bigint, bigint][] = [];
  let next = lo;
  for (const [a, z] of holes) {
    if (a > next) pieces.push([next, a - 1n]);
    if (z + 1n > next) next = z + 1n;
  }
  if (next <= hi) pieces.push([next, hi]);
  return pieces;
}

/** True when the range (one of `disjointRanges` of a set including `block`) lies inside the block: its cidr less its excepts. */
export function blockContainsRange(block: IpBlockFact, range: AddressRange): boolean {
  if (block.cidr.family !== range.family) return false;
  return blockPieces(block).some(([first, last]) => range.first >= first && range.last <= last);
}

/** `first-last` as netpol-analyzer writes an IP range (`a-a` for one address). */
export function rangeText(r: AddressRange): string {
  return `${formatIp(r.family, r.first)}-${formatIp(r.family, r.last)}`;
}
