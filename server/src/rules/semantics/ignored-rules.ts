// `ingress` rules in a policy whose policyTypes leave out Ingress (or `egress` rules without Egress): the API server accepts
// them and Kubernetes ignores them.
import { declaredPolicyTypes, type Direction } from '../../model/policy';
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

Fixed: add the direction to \`policyTypes\` (\`[Ingress, Egress]\`), or delete the rules if they are not meant.

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
});
