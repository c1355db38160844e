// A matchExpressions operator other than In, NotIn, Exists and DoesNotExist (Gt/Lt exist only for node selectors).
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { defineRule } from '../types';
import { quote } from './k8s-names';
import { expressionIndex } from './labels';
import { selectorsOf, stringOf } from './walk';

const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export default defineRule({
  meta: {
    id: 'invalid-selector-operator',
    title: 'Invalid matchExpressions operator',
    category: 'api',
    severity: 'error',
    docs: `A label selector requirement's \`operator\` is exactly one of \`In\`, \`NotIn\`, \`Exists\` and \`DoesNotExist\`
(case-sensitive). \`Gt\` and \`Lt\` exist only in node selectors. The API server rejects anything else with
\`Invalid value: "in": not a valid selector operator\`.

\`\`\`yaml
matchExpressions:
  - {key: tier, operator: in, values: [web]}
\`\`\`

Fixed:

\`\`\`yaml
matchExpressions:
  - {key: tier, operator: In, values: [web]}
\`\`\`

Quick fix (safe): write the operator with its capitals.

Source: \`ValidateLabelSelectorRequirement\` in kubernetes/kubernetes
\`staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: selector, path } of selectorsOf(policy)) {
      for (const [n, r] of selector.matchExpressions.entries()) {
        const operator = stringOf(r.operator?.value);
        if (operator === undefined || OPERATORS.includes(operator)) continue;
        const match = OPERATORS.find((o) => o.toLowerCase() === operator.trim().toLowerCase());
        const index = expressionIndex(selector.matchExpressionsEntry?.value, r.node, n);
        yield {
          span: r.operator!.value.span,
          message: `${path}.matchExpressions[${index}].operator: Invalid value: ${quote(operator)}: not a valid selector operator. ${match ? `Write ${match} (case-sensitive).` : 'Use In, NotIn, Exists or DoesNotExist.'}`,
          ...(match ? { data: { replacement: match } } : {}),
        };
      }
    }
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof replacement !== 'string' || node?.kind !== 'scalar') return [];
    // Safe: only the capitalisation changes.
    return [{ title: `Change the operator to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: true, preferred: true }];
  },
});
