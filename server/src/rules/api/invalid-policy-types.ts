// policyTypes entries other than exactly Ingress or Egress, and lists of more than two entries.
import { seqValue } from '../../model/policy';
import { defineRule } from '../types';
import { quote } from './k8s-names';

const ALLOWED = ['Ingress', 'Egress'];

export default defineRule({
  meta: {
    id: 'invalid-policy-types',
    title: 'Invalid policyTypes',
    category: 'api',
    severity: 'error',
    docs: `\`policyTypes\` lists at most two values, each exactly \`Ingress\` or \`Egress\` (case-sensitive). The API server rejects
\`ingress\` with \`Unsupported value: "ingress": supported values: "Ingress", "Egress"\`, and a list of more than two entries with
\`may not specify more than two policyTypes\`.

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [ingress, egress]
\`\`\`

Fixed:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
\`\`\`

Source: \`ValidateNetworkPolicySpec\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    const seq = seqValue(policy.policyTypes);
    if (!seq) return;
    if (seq.items.length > 2) {
      const written = seq.items.map((i) => (i.kind === 'scalar' ? quote(String(i.value)) : '…')).join(', ');
      // What a fix can write instead: each valid type once, in the order written.
      const replacement = [...new Set(seq.items.flatMap((i) => (i.kind === 'scalar' && ALLOWED.includes(String(i.value)) ? [String(i.value)] : [])))];
      yield {
        span: policy.policyTypes!.keySpan,
        message: `spec.policyTypes: Invalid value: [${written}]: may not specify more than two policyTypes. List Ingress, Egress or both, once each.`,
        ...(replacement.length > 0 ? { data: { replacement } } : {}),
      };
      // The API server stops checking policyTypes here.
      return;
    }
    for (const [i, item] of seq.items.entries()) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || ALLOWED.includes(item.value)) continue;
      const match = ALLOWED.find((a) => a.toLowerCase() === (item.value as string).trim().toLowerCase());
      yield {
        span: item.span,
        message: `spec.policyTypes[${i}]: Unsupported value: ${quote(item.value)}: supported values: "Ingress", "Egress".${match ? ` Write ${match} (case-sensitive).` : ''}`,
        ...(match ? { data: { replacement: match } } : {}),
      };
    }
  },
});
