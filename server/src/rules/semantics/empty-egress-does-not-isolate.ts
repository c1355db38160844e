// `egress: []` without policyTypes: Kubernetes adds Egress to the default policyTypes only when egress has rules, so an empty
// list does not isolate egress at all (it looks like deny-all-egress and is not).
import { detectStyle, setSeqEntry } from '../../edit/index';
import { declaredPolicyTypes, mapValue } from '../../model/policy';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'empty-egress-does-not-isolate',
    title: 'Empty egress without policyTypes does not deny egress',
    category: 'semantics',
    severity: 'warning',
    docs: `\`egress: []\` reads like "no egress allowed", but when \`policyTypes\` is missing,
Kubernetes defaults it to \`[Ingress]\` and adds \`Egress\` only if \`egress\` has at least one rule. An empty list adds
nothing, so the policy does not isolate egress and the selected pods can still reach every destination.

Triggers:

\`\`\`yaml
spec:
  podSelector: {}
  ingress: []
  egress: []       # does not deny egress
\`\`\`

Fixed:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
\`\`\`

Quick fix (not safe, since the pods then lose all egress): add \`policyTypes: [Ingress, Egress]\`. There is no fix that
removes \`egress: []\`: that would hide the warning and keep the mistake.

\`egress:\` with no value is not reported: the API server treats it as unset, like a missing field.

Source: \`SetDefaults_NetworkPolicy\` in kubernetes/kubernetes pkg/apis/networking/v1/defaults.go (Egress is added "iff
len(spec.egress) != 0").`,
  },
  *checkPolicy(policy) {
    if (declaredPolicyTypes(policy) || !policy.egress || policy.egress.rules.length > 0) return;
    // Only an explicit `[]`: `egress:` with no value is unset for the API server (and often a line being typed), and another
    // YAML type is a schema error.
    if (policy.egress.entry.value.kind !== 'seq') return;
    yield {
      span: policy.egress.entry.keySpan,
      message:
        'An empty `egress` without policyTypes does not isolate egress: Kubernetes defaults policyTypes to [Ingress] and adds Egress only when egress has rules, so these pods can still reach every destination. Add `policyTypes: [Ingress, Egress]` to deny all egress.',
      // Ingress stays: the default already isolates ingress, and the fix must not change that.
      data: { policyTypes: ['Ingress', 'Egress'] },
    };
  },
  fix(finding, ctx) {
    const spec = mapValue(ctx.policy?.spec);
    const types = finding.data?.policyTypes;
    if (!spec || !Array.isArray(types)) return [];
    const edit = setSeqEntry(ctx.text, spec, 'policyTypes', types as string[], detectStyle(ctx.text), { after: 'podSelector' });
    // Not safe: the pods lose all egress, which is what `egress: []` looks like but not what it did.
    return edit ? [{ title: `Add policyTypes: [${types.join(', ')}] (deny all egress)`, edits: [edit], safe: false, preferred: true }] : [];
  },
});
