// Label values (in metadata.labels and selectors) longer than 63 characters or outside [A-Za-z0-9-_.]; values in
// matchExpressions are checked from Kubernetes 1.26, as the API server does.
import { minorVersion } from '../../lint/settings';
import { defineRule } from '../types';
import { isLabelValue, quote } from './k8s-names';
import { labelValues } from './labels';

export default defineRule({
  meta: {
    id: 'invalid-label-value',
    title: 'Invalid label value',
    category: 'api',
    severity: 'error',
    docs: `A label value — in \`metadata.labels\`, a selector's \`matchLabels\`, or the \`values\` of a \`matchExpressions\`
requirement — is empty or 1–63 characters of letters, digits, \`-\`, \`_\` and \`.\`, starting and ending with a letter or
digit. The API server rejects anything else (\`a valid label must be an empty string or consist of alphanumeric characters, '-',
'_' or '.', and must start and end with an alphanumeric character\`). Values inside \`matchExpressions\` are validated since
Kubernetes 1.26 (kubernetes/kubernetes#113699); before that they were accepted and simply matched nothing, so they are only
reported when \`netpol.kubernetesVersion\` is 1.26 or later. A placeholder such as \`$backendservice\` that was never
substituted is the usual cause.

\`\`\`yaml
podSelector:
  matchExpressions:
    - {key: app, operator: In, values: [$backendservice]}
\`\`\`

Fixed:

\`\`\`yaml
podSelector:
  matchExpressions:
    - {key: app, operator: In, values: [backend]}
\`\`\`

Sources: \`ValidateLabelSelectorRequirement\` / \`ValidateLabels\` in kubernetes/kubernetes
\`staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go\`; \`IsLabelValue\` in
\`staging/src/k8s.io/apimachinery/pkg/api/validate/content/kube.go\`.`,
  },
  *checkPolicy(policy, ctx) {
    const checkExpressions = minorVersion(ctx.settings) >= 26;
    for (const value of labelValues(policy)) {
      if (value.source === 'matchExpressions' && !checkExpressions) continue;
      const errors = isLabelValue(value.text);
      if (errors.length === 0) continue;
      yield {
        span: value.span,
        message: `${value.path}: Invalid value: ${quote(value.text)}: ${errors.join(', ')}. A label value is empty or at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`,
      };
    }
  },
});
