// Label keys (in metadata.labels and in selectors) that are not qualified names: optional DNS-subdomain prefix and '/', then a
// name of at most 63 characters of [A-Za-z0-9-_.] starting and ending with a letter or digit.
import { defineRule } from '../types';
import { isLabelKey, quote } from './k8s-names';
import { labelKeys } from './labels';

export default defineRule({
  meta: {
    id: 'invalid-label-key',
    title: 'Invalid label key',
    category: 'api',
    severity: 'error',
    docs: `A label key — in \`metadata.labels\`, a selector's \`matchLabels\` or a \`matchExpressions\` \`key\` — is an optional
prefix and a name: \`example.com/app\`. The prefix, if present, is a lowercase DNS subdomain (at most 253 characters) followed
by \`/\`; the name is 1–63 characters of letters, digits, \`-\`, \`_\` and \`.\`, starting and ending with a letter or digit. At
most one \`/\`. The API server rejects anything else, e.g. \`name part must consist of alphanumeric characters, '-', '_' or
'.', and must start and end with an alphanumeric character\`. A selector on a key no object can carry selects nothing.

\`\`\`yaml
podSelector:
  matchLabels:
    app@b: web
\`\`\`

Fixed:

\`\`\`yaml
podSelector:
  matchLabels:
    app: web
\`\`\`

Sources: \`ValidateLabelSelector\` / \`ValidateLabels\` in kubernetes/kubernetes
\`staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go\`; \`IsLabelKey\` in
\`staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go\`.`,
  },
  *checkPolicy(policy) {
    for (const key of labelKeys(policy)) {
      const errors = isLabelKey(key.text);
      if (errors.length === 0) continue;
      yield {
        span: key.span,
        message: `${key.path}: Invalid value: ${quote(key.text)}: ${errors.join(', ')}. A label key is an optional DNS-subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`,
      };
    }
  },
});
