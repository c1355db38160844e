// The same policy type listed twice: accepted by the API server, but a sign of a typo (Egress was probably meant).
import { deleteSeqItem, replaceScalar } from '../../edit/index';
import { seqValue } from '../../model/policy';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'duplicate-policy-type',
    title: 'policyTypes lists a type twice',
    category: 'api',
    severity: 'warning',
    docs: `\`policyTypes: [Ingress, Ingress]\` is accepted by the API server (it has no duplicate check), but the second entry has
no effect. Usually the other type was meant: with \`[Egress, Egress]\` the policy does not isolate ingress at all.

\`\`\`yaml
policyTypes: [Ingress, Ingress]
\`\`\`

Fixed:

\`\`\`yaml
policyTypes: [Ingress, Egress]
\`\`\`

Quick fixes: remove the duplicate (safe: it has no effect), or change it to the other type (not safe: it isolates the pods
in one more direction).

Source: \`ValidateNetworkPolicySpec\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\` checks only the
count and the values.`,
  },
  *checkPolicy(policy) {
    const seq = seqValue(policy.policyTypes);
    // More than two entries is an invalid-policy-types error already.
    if (!seq || seq.items.length > 2) return;
    const seen = new Set<string>();
    for (const [i, item] of seq.items.entries()) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string') continue;
      if (!seen.has(item.value)) {
        seen.add(item.value);
        continue;
      }
      if (item.value !== 'Ingress' && item.value !== 'Egress') continue;
      const other = item.value === 'Ingress' ? 'Egress' : 'Ingress';
      yield {
        span: item.span,
        message: `spec.policyTypes[${i}]: "${item.value}" is listed twice. The API server accepts it, but the duplicate has no effect; remove it, or write ${other} if that was meant.`,
        data: { index: i, other },
      };
    }
  },
  fix(finding, ctx) {
    const seq = ctx.policy && seqValue(ctx.policy.policyTypes);
    const item = seq?.items.find((i) => i.span.start === finding.span.start && i.span.end === finding.span.end);
    if (!seq || item?.kind !== 'scalar') return [];
    const other = finding.data?.other;
    const fixes = [{ title: `Remove the duplicate ${String(item.value)}`, edits: [deleteSeqItem(ctx.text, seq, item)], safe: true, preferred: true }];
    // Not safe: the other type isolates the pods in a direction they were open in.
    if (typeof other === 'string') fixes.push({ title: `Change the duplicate to ${other}`, edits: [replaceScalar(ctx.text, item, other)], safe: false, preferred: false });
    return fixes;
  },
});
