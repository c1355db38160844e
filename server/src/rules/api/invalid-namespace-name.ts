// metadata.namespace must be a DNS-1123 label (lowercase, at most 63 characters, no dots). A missing namespace is not an API
// error for a manifest: kubectl fills it in from the context.
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { defineRule } from '../types';
import { isDns1123Label, quote } from './k8s-names';
import { stringOf } from './walk';

export default defineRule({
  meta: {
    id: 'invalid-namespace-name',
    title: 'Invalid namespace name',
    category: 'api',
    severity: 'error',
    docs: `\`metadata.namespace\` names a namespace, and namespace names are lowercase RFC 1123 labels: at most 63 characters of
lowercase letters, digits and \`-\`, starting and ending with a letter or digit, and no dots. The API server rejects anything
else (\`metadata.namespace: Invalid value: "Prod": a lowercase RFC 1123 label must consist of …\`). A manifest without a
namespace is fine as far as the API server is concerned: kubectl fills it in from the current context.

\`\`\`yaml
metadata:
  name: allow-web
  namespace: Team_A
\`\`\`

Fixed:

\`\`\`yaml
metadata:
  name: allow-web
  namespace: team-a
\`\`\`

Quick fix (not safe: another name is another namespace): use the suggested lowercase name.

Sources: \`ValidateObjectMeta\` and \`ValidateNamespaceName\` (= \`NameIsDNSLabel\`) in kubernetes/kubernetes
\`staging/src/k8s.io/apimachinery/pkg/api/validation/\`.`,
  },
  *checkPolicy(policy) {
    const namespace = stringOf(policy.namespace?.value);
    // An empty namespace is unset: kubectl uses the context's namespace.
    if (!namespace) return;
    const errors = isDns1123Label(namespace);
    if (errors.length === 0) return;
    const suggestion = namespace
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .slice(0, 63)
      .replace(/^-+|-+$/g, '');
    const usable = suggestion && isDns1123Label(suggestion).length === 0 ? suggestion : undefined;
    yield {
      span: policy.namespace!.value.span,
      message: `metadata.namespace: Invalid value: ${quote(namespace)}: ${errors.join(', ')}.${usable ? ` Try ${quote(usable)}.` : ''}`,
      ...(usable ? { data: { replacement: usable } } : {}),
    };
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof replacement !== 'string' || node?.kind !== 'scalar') return [];
    // Not safe: another name is another namespace, which may not exist or may hold other pods.
    return [{ title: `Change the namespace to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: false, preferred: true }];
  },
});
