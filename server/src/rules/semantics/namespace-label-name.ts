// A namespaceSelector on the label `name`, which Kubernetes never sets: it matches only namespaces labelled by hand.
import { findEntryByKeySpan, findNodeBySpan, renameKey, replaceScalar } from '../../edit/index';
import type { Selector } from '../../model/policy';
import { minorVersion } from '../../lint/settings';
import type { Span } from '../../syntax/span';
import { defineRule } from '../types';

const AUTO_LABEL = 'kubernetes.io/metadata.name';

function nameKeySpans(s: Selector | undefined): Span[] {
  if (!s) return [];
  const spans = s.matchLabels.filter((l) => l.key === 'name').map((l) => l.keySpan);
  for (const x of s.matchExpressions) {
    const key = x.key?.value;
    if (key?.kind === 'scalar' && key.value === 'name') spans.push(key.span);
  }
  return spans;
}

export default defineRule({
  meta: {
    id: 'namespace-label-name',
    title: 'namespaceSelector on the label `name`, which Kubernetes does not set',
    category: 'semantics',
    severity: 'warning',
    docs: `Many older examples select namespaces with \`matchLabels: {name: kube-system}\`. Kubernetes never sets a \`name\`
label on namespaces, so this matches only namespaces someone labelled by hand — on a fresh cluster, none, and the rule
allows nothing. Since Kubernetes 1.21 (GA in 1.22) the API server sets the immutable label \`kubernetes.io/metadata.name\`
on every namespace, equal to its name: select on that instead. Not reported with \`netpol.kubernetesVersion\` below 1.21.

Triggers:

\`\`\`yaml
- namespaceSelector:
    matchLabels:
      name: kube-system
\`\`\`

Fixed:

\`\`\`yaml
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: kube-system
\`\`\`

Quick fix (safe): rename the label key to \`kubernetes.io/metadata.name\` (in \`matchLabels\` or a \`matchExpressions\` key).
It matches the namespaces of that name on every cluster, which is what \`name: <namespace>\` is written for; a namespace that
someone labelled \`name\` with a value other than its own name would no longer match.

Sources: kubernetes.io/docs/reference/labels-annotations-taints (\`kubernetes.io/metadata.name\`); feature gate
\`NamespaceDefaultLabelName\` (beta 1.21, GA 1.22).`,
  },
  *checkPolicy(policy, ctx) {
    if (minorVersion(ctx.settings) < 21) return;
    for (const list of [policy.ingress, policy.egress]) {
      for (const rule of list?.rules ?? []) {
        for (const peer of rule.peers ?? []) {
          for (const span of nameKeySpans(peer.namespaceSelector)) {
            yield {
              span,
              message: `Kubernetes does not set a \`name\` label on namespaces, so this matches only namespaces labelled by hand. Use \`${AUTO_LABEL}\`, which the API server sets on every namespace (since 1.21).`,
              data: { replacement: AUTO_LABEL },
            };
          }
        }
      }
    }
  },
  fix(finding, ctx) {
    const title = `Select on ${AUTO_LABEL}`;
    const label = findEntryByKeySpan(ctx.policy?.node, finding.span);
    if (label) {
      // Renaming next to an existing kubernetes.io/metadata.name would write the key twice.
      if (label.map.entries.some((e) => e.key === AUTO_LABEL)) return [];
      return [{ title, edits: [renameKey(ctx.text, label.entry.keySpan, AUTO_LABEL)], safe: true, preferred: true }];
    }
    // `key: name` of a matchExpressions requirement.
    const key = findNodeBySpan(ctx.policy?.node, finding.span);
    if (key?.kind !== 'scalar') return [];
    return [{ title, edits: [replaceScalar(ctx.text, key, AUTO_LABEL)], safe: true, preferred: true }];
  },
});
