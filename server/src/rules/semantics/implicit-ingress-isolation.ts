// A policy with egress rules and no policyTypes: Kubernetes defaults policyTypes to [Ingress, Egress], so it also isolates the
// selected pods for ingress, and with no ingress rules denies all their inbound traffic.
import { detectStyle, setSeqEntry } from '../../edit/index';
import { declaredPolicyTypes, mapValue } from '../../model/policy';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'implicit-ingress-isolation',
    title: 'Egress-only policy without policyTypes also denies all ingress',
    category: 'semantics',
    severity: 'warning',
    docs: `When \`policyTypes\` is missing, Kubernetes sets it to \`[Ingress]\`, plus \`Egress\` when \`egress\` has rules. A policy
written to control egress only, with egress rules and no \`ingress\` field, therefore also isolates the selected pods for
ingress — and since it has no ingress rules, it denies all their inbound traffic unless another policy allows it. The
Kubernetes API reference says it plainly: "If you want to write an egress-only policy, you must explicitly specify
policyTypes [\"Egress\"]".

Not reported when the policy writes \`ingress:\` (even \`ingress: []\`): its author addressed ingress on purpose.

Triggers:

\`\`\`yaml
spec:
  podSelector:
    matchLabels: {app: web}
  egress:
    - to:
        - podSelector: {matchLabels: {app: db}}
\`\`\`

Fixed (egress only):

\`\`\`yaml
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector: {matchLabels: {app: db}}
\`\`\`

or, if denying ingress is intended, say so with \`policyTypes: [Ingress, Egress]\`.

Quick fixes (neither safe): add \`policyTypes: [Egress]\` (preferred: the policy then leaves ingress alone, which opens
it), or \`policyTypes: [Ingress, Egress]\` (keeps today's behaviour and says it out loud).

Source: \`SetDefaults_NetworkPolicy\` in kubernetes/kubernetes pkg/apis/networking/v1/defaults.go; the \`policyTypes\` doc
comment in k8s.io/api/networking/v1/types.go.`,
  },
  *checkPolicy(policy) {
    if (declaredPolicyTypes(policy) || policy.ingress || !policy.egress || policy.egress.rules.length === 0) return;
    yield {
      span: policy.egress.entry.keySpan,
      message:
        'This policy has egress rules and no policyTypes, so Kubernetes sets policyTypes to [Ingress, Egress]: the selected pods are isolated for ingress too, and since this policy has no ingress rules, all inbound traffic to them is denied unless another policy allows it. Add `policyTypes: [Egress]` for an egress-only policy, or `[Ingress, Egress]` if denying ingress is intended.',
      data: { policyTypes: ['Egress'] },
    };
  },
  fix(_finding, ctx) {
    const spec = mapValue(ctx.policy?.spec);
    if (!spec) return [];
    const style = detectStyle(ctx.text);
    // Neither is safe: [Egress] opens ingress that was denied; [Ingress, Egress] keeps the denial this warning is about.
    return (
      [
        { types: ['Egress'], title: 'Add policyTypes: [Egress] (egress only; ingress stays open)', preferred: true },
        { types: ['Ingress', 'Egress'], title: 'Add policyTypes: [Ingress, Egress] (keep denying ingress)', preferred: false },
      ] as const
    ).flatMap(({ types, title, preferred }) => {
      const edit = setSeqEntry(ctx.text, spec, 'policyTypes', types, style, { after: 'podSelector' });
      return edit ? [{ title, edits: [edit], safe: false, preferred }] : [];
    });
  },
});
