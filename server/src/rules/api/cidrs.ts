// The CIDR strings of a policy's ipBlocks (cidr and each except) with their field paths and sloppy parses, in the order the
// API server checks them: an except is only looked at when its ipBlock's cidr parses.
import type { NetworkPolicy } from '../../model/policy';
import { parseCidr, type Cidr } from '../../net/ip';
import type { YNode } from '../../syntax/tree';
import { ipBlocksOf, stringOf } from './walk';

export interface CidrValue {
  readonly node: YNode;
  readonly text: string;
  readonly path: string;
  /** Undefined when Kubernetes' sloppy parser rejects it. */
  readonly parsed: Cidr | undefined;
  /** For an except entry: the ipBlock's cidr. */
  readonly of?: CidrValue;
}

export function* cidrValues(policy: NetworkPolicy): Iterable<CidrValue> {
  for (const { item: block, path } of ipBlocksOf(policy)) {
    const node = block.cidr?.value;
    const text = stringOf(node);
    if (node === undefined || text === undefined) continue;
    const cidr: CidrValue = { node, text, path: `${path}.cidr`, parsed: text === '' ? undefined : parseCidr(text) };
    yield cidr;
    if (!cidr.parsed) continue;
    for (const [i, item] of block.exceptItems.entries()) {
      const t = stringOf(item);
      if (t === undefined) continue;
      yield { node: item, text: t, path: `${path}.except[${i}]`, parsed: parseCidr(t), of: cidr };
    }
  }
}
