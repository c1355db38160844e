// A policy without metadata.namespace lands in whatever namespace kubectl points at when it is applied.
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'policy-without-namespace',
    title: 'Policy without a namespace',
    category: 'semantics',
    severity: 'information',
    docs: `A NetworkPolicy only affects pods of its own namespace. Without \`metadata.namespace\`, the namespace is whatever
the applying tool uses: kubectl's current context, \`-n\`, or a Kustomize/Helm/Argo CD setting. Applied in the wrong
namespace, the policy protects the wrong pods — or, if it is a default-deny, cuts off the wrong ones. Writing the namespace
makes the file mean the same everywhere. Turn this rule off for manifests that are namespaced by Kustomize or Helm on
purpose.

Triggers:

\`\`\`yaml
metadata:
  name: default-deny
\`\`\`

Fixed:

\`\`\`yaml
metadata:
  name: default-deny
  namespace: prod
\`\`\`

No quick fix: the namespace the policy is meant for is not in the policy; the deploying tool may set it on purpose.

Source: kubernetes.io/docs/concepts/services-networking/network-policies (a policy selects pods of its own namespace);
kubernetes.io/docs/concepts/overview/working-with-objects/namespaces (the namespace of a request comes from the object,
\`--namespace\` or the kubectl context).`,
  },
  *checkPolicy(policy) {
    if (policy.namespace || !policy.metadata || policy.metadata.value.kind !== 'map') return;
    yield {
      span: policy.name?.value.span ?? policy.metadata.keySpan,
      message: 'This policy has no metadata.namespace, so it lands in whatever namespace kubectl (or the deploying tool) points at. Add `namespace:` to make the target explicit.',
    };
  },
});
