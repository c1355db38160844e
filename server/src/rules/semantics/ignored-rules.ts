// `ingress` rules in a policy whose policyTypes leave out Ingress (or `egress` rules without Egress): the API server accepts
// them and Kubernetes ignores them.
import { deleteMapEntry, detectStyle, insertSeqItem, insertSeqItemFirst, keepingCommentLines, replaceScalar } from '../../edit/index';
import { declaredPolicyTypes, mapValue, seqValue, type Direction } from '../../model/policy';
import type { Fix } from '../types';
import { defineRule } from '../types';

const TYPE: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

export default defineRule({
  meta: {
    id: 'ignored-rules',
    title: 'Rules ignored because policyTypes leaves out their direction',
    category: 'semantics',
    severity: 'warning',
    docs: `When \`policyTypes\` is written, it alone decides which directions the policy isolates and enforces. \`ingress\` rules in a
policy whose \`policyTypes\` has no \`Ingress\` (or \`egress\` rules without \`Egress\`) are accepted by the API server and
then ignored: the traffic they were meant to allow or limit is not affected. Usually \`policyTypes\` was copied from another
policy, or the direction was added later.

Triggers:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Egress]
  ingress:                 # ignored
    - from:
        - podSelector: {}
\`\`\`

Fixed: add the direction to \`policyTypes\` (\`[Ingress, Egress]\`), or delete the rules if they are not meant. Both are
quick fixes; adding the type is safe (the rules were written to take effect), deleting the rules is not.

Source: \`NetworkPolicySpec.policyTypes\` in k8s.io/api/networking/v1/types.go; kubernetes.io/docs/concepts/services-networking/network-policies.`,
  },
  *checkPolicy(policy) {
    const declared = declaredPolicyTypes(policy);
    // Invalid entries are an api error; what the author meant is then unclear.
    if (!declared || declared.some((t) => t !== 'Ingress' && t !== 'Egress')) return;
    for (const list of [policy.ingress, policy.egress]) {
      if (!list || list.rules.length === 0) continue;
      const direction = list.rules[0]!.direction;
      const type = TYPE[direction];
      if (declared.includes(type)) continue;
      yield {
        span: list.entry.keySpan,
        message: `These ${direction} rules are ignored: policyTypes [${declared.join(', ')}] does not include ${type}. Add ${type} to policyTypes, or remove the rules.`,
        tag: 'unnecessary',
        data: { add: type },
      };
    }
  },
  fix(finding, ctx) {
    const add = finding.data?.add;
    const policy = ctx.policy;
    const seq = seqValue(policy?.policyTypes);
    const spec = mapValue(policy?.spec);
    const list = [policy?.ingress, policy?.egress].find((l) => l?.entry.keySpan.start === finding.span.start);
    if (typeof add !== 'string' || !seq || !spec || !list) return [];
    const fixes: Fix[] = [];
    // A duplicate entry (`[Egress, Egress]`) becomes the missing type: a third entry would be rejected.
    const values = seq.items.map((i) => (i.kind === 'scalar' ? i.value : undefined));
    const duplicate = seq.items.find((i, n) => i.kind === 'scalar' && values.indexOf(i.value) < n);
    // Ingress goes first, as policies conventionally list [Ingress, Egress].
    const style = detectStyle(ctx.text);
    const typeEdit =
      duplicate?.kind === 'scalar'
        ? replaceScalar(ctx.text, duplicate, add)
        : ((add === 'Ingress' ? insertSeqItemFirst(ctx.text, seq, add, style) : undefined) ?? insertSeqItem(ctx.text, seq, add, style));
    // Safe: the rules were written to take effect; the policy now isolates that direction and allows what they allow.
    fixes.push({ title: `Add ${add} to policyTypes`, edits: [typeEdit], safe: true, preferred: true });
    const removal = keepingCommentLines(ctx.text, deleteMapEntry(ctx.text, spec, list.entry));
    // Not safe: the rules may have been meant, with the type forgotten.
    if (removal) fixes.push({ title: `Remove the ignored ${list.entry.key} rules`, edits: [removal], safe: false, preferred: false });
    return fixes;
  },
});
