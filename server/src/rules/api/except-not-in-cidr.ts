// An except entry that is not strictly inside its ipBlock's cidr: outside it, equal to it, larger, or of the other IP family.
import { deleteSeqItem, keepingCommentLines } from '../../edit/index';
import { cidrContainsIp, formatCidr, type Cidr } from '../../net/ip';
import { defineRule } from '../types';
import { cidrValues, type CidrValue } from './cidrs';
import { quote } from './k8s-names';
import { ipBlocksOf } from './walk';

export default defineRule({
  meta: {
    id: 'except-not-in-cidr',
    title: 'except is not a strict subset of cidr',
    category: 'api',
    severity: 'error',
    docs: `Every \`except\` entry must lie inside the ipBlock's \`cidr\` and be strictly smaller (a longer prefix). The API server
rejects an except that is outside the cidr, equal to it, larger than it, or of the other IP family (an IPv6 except under an IPv4
cidr, or the reverse) with one message: \`\` Invalid value: "…": must be a strict subset of \`cidr\` \`\`. An IPv4 range cannot be
excluded from \`::/0\`: write a second peer for each family.

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/16
    except:
      - 10.0.0.0/16
      - 192.168.0.0/24
\`\`\`

Fixed:

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/16
    except:
      - 10.0.1.0/24
\`\`\`

Quick fix (not safe: the entry may hold a typo rather than be unwanted): remove the except entry.

Source: \`ValidateIPBlock\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\` (the check is
\`!cidr.Contains(except.IP) || cidrPrefix >= exceptPrefix\` on the parsed, masked values).`,
  },
  *checkPolicy(policy) {
    for (const value of cidrValues(policy)) {
      const outer = value.of?.parsed;
      const inner = value.parsed;
      if (!outer || !inner) continue;
      const contained = cidrContainsIp(outer, { family: inner.family, value: inner.network });
      if (contained && outer.prefix < inner.prefix) continue;
      yield {
        span: value.node.span,
        message: `${value.path}: Invalid value: ${quote(value.text)}: must be a strict subset of \`cidr\` (${value.of!.text}). ${why(outer, inner, contained)}`,
        data: { reason: reason(outer, inner, contained), cidr: value.of!.text },
      };
    }
  },
  fix(finding, ctx) {
    for (const { item: block } of ctx.policy ? ipBlocksOf(ctx.policy) : []) {
      const item = block.exceptItems.find((i) => i.span.start === finding.span.start);
      const list = block.except?.value;
      if (!item || list?.kind !== 'seq') continue;
      // Later entries would change index, so their own errors would read as new ones: fix them first.
      const later = new Set(list.items.slice(list.items.indexOf(item) + 1));
      if ([...cidrValues(ctx.policy!)].some((v) => later.has(v.node) && isOutside(v))) return [];
      const edit = keepingCommentLines(ctx.text, deleteSeqItem(ctx.text, list, item));
      // Not safe: the range may hold a typo (of this entry or of the cidr) rather than be unwanted.
      return edit ? [{ title: 'Remove this except entry', edits: [edit], safe: false }] : [];
    }
    return [];
  },
});

function isOutside(value: CidrValue): boolean {
  const outer = value.of?.parsed;
  const inner = value.parsed;
  if (!outer || !inner) return false;
  return !(cidrContainsIp(outer, { family: inner.family, value: inner.network }) && outer.prefix < inner.prefix);
}

function reason(outer: Cidr, inner: Cidr, contained: boolean): 'other-family' | 'outside' | 'equal' | 'larger' {
  if (!contained) return outer.family !== inner.family && !inner.mapped ? 'other-family' : 'outside';
  return outer.prefix === inner.prefix ? 'equal' : 'larger';
}

function why(outer: Cidr, inner: Cidr, contained: boolean): string {
  if (!contained && outer.family !== inner.family && !inner.mapped) {
    return `It is an IPv${inner.family} range under an IPv${outer.family} cidr; exclude addresses of each family in a peer of that family.`;
  }
  if (!contained) return `It lies outside ${formatCidr(outer)}; except entries can only remove addresses from the cidr. Remove it or fix the range.`;
  if (outer.prefix === inner.prefix) return 'It is the whole cidr, which would leave nothing; remove the peer or the except entry.';
  return `It is larger than the cidr; an except entry needs a longer prefix than /${outer.prefix}.`;
}
