// NetworkPolicy under an apiVersion no API server serves any more (extensions/v1beta1 was removed in Kubernetes 1.16).
import { replaceScalar } from '../../edit/index';
import { defineRule } from '../types';
import { stringScalar } from '../../syntax/tree';

export default defineRule({
  meta: {
    id: 'removed-api-version',
    title: 'NetworkPolicy apiVersion is not served',
    category: 'api',
    severity: 'error',
    docs: `NetworkPolicy is served only as \`networking.k8s.io/v1\`. \`extensions/v1beta1\` NetworkPolicy was deprecated in
Kubernetes 1.9 and removed in 1.16; other versions of the \`networking.k8s.io\` group never served NetworkPolicy. kubectl
fails with \`no matches for kind "NetworkPolicy" in version ...\`. The fields are the same, so changing the apiVersion is enough.

NetworkPolicy kinds of other API groups (Calico's \`projectcalico.org/v3\`, ...) are other products' resources and are not
checked.

\`\`\`yaml
apiVersion: extensions/v1beta1
kind: NetworkPolicy
\`\`\`

Fixed:

\`\`\`yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
\`\`\`

Source: the Kubernetes deprecated API migration guide (kubernetes.io/docs/reference/using-api/deprecation-guide/, section
v1.16, NetworkPolicy).`,
  },
  *checkPolicy(policy) {
    if (policy.servedVersion || !policy.apiVersion) return;
    const version = stringScalar(policy.apiVersion?.value);
    const message =
      version === 'extensions/v1beta1'
        ? 'NetworkPolicy in extensions/v1beta1 was removed in Kubernetes 1.16. Use apiVersion: networking.k8s.io/v1 (the fields are the same).'
        : `NetworkPolicy is not served as ${version}. Use apiVersion: networking.k8s.io/v1.`;
    yield { span: policy.apiVersion.value.span, message, tag: 'deprecated', data: { replacement: 'networking.k8s.io/v1' } };
  },
  fix(finding, ctx) {
    const value = ctx.policy?.apiVersion?.value;
    if (!value || value.kind !== 'scalar' || value.span.start !== finding.span.start) return [];
    // Safe: every field of the removed versions has the same meaning in networking.k8s.io/v1.
    return [{ title: 'Change apiVersion to networking.k8s.io/v1', edits: [replaceScalar(ctx.text, value, 'networking.k8s.io/v1')], safe: true, preferred: true }];
  },
});
