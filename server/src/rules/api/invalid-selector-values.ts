// matchExpressions `values` that do not fit the operator: In/NotIn need at least one value, Exists/DoesNotExist take none.
import { deleteMapEntry, keepingCommentLines, replaceScalar } from '../../edit/index';
import { defineRule, type Fix } from '../types';
import { expressionIndex } from './labels';
import { selectorsOf, stringOf } from './walk';

export default defineRule({
  meta: {
    id: 'invalid-selector-values',
    title: 'matchExpressions values do not fit the operator',
    category: 'api',
    severity: 'error',
    docs: `With \`operator: In\` or \`NotIn\` a requirement needs a non-empty \`values\` list
(\`\` Required value: must be specified when \`operator\` is 'In' or 'NotIn' \`\`); with \`Exists\` or \`DoesNotExist\` it must
have none (\`\` Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist' \`\`). The API server rejects
both.

\`\`\`yaml
matchExpressions:
  - {key: tier, operator: In}
  - {key: team, operator: Exists, values: [a]}
\`\`\`

Fixed:

\`\`\`yaml
matchExpressions:
  - {key: tier, operator: In, values: [web]}
  - {key: team, operator: Exists}
\`\`\`

Quick fixes for values given to Exists / DoesNotExist (neither safe): remove \`values\`, or change the operator to In / NotIn.

Source: \`ValidateLabelSelectorRequirement\` in kubernetes/kubernetes
\`staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: selector, path } of selectorsOf(policy)) {
      for (const [n, r] of selector.matchExpressions.entries()) {
        const operator = stringOf(r.operator?.value);
        const values = r.values?.value;
        // A `values` of the wrong type is an invalid-type error; null and [] both mean "no values".
        if (values && values.kind === 'map') continue;
        if (values && values.kind === 'scalar' && values.value !== null) continue;
        const count = values?.kind === 'seq' ? values.items.length : 0;
        const where = `${path}.matchExpressions[${expressionIndex(selector.matchExpressionsEntry?.value, r.node, n)}].values`;
        if ((operator === 'In' || operator === 'NotIn') && count === 0) {
          yield {
            span: r.values ? r.values.keySpan : r.operator!.value.span,
            message: `${where}: Required value: must be specified when \`operator\` is 'In' or 'NotIn'. List the label values to match, or use Exists / DoesNotExist.`,
            data: { problem: 'missing-values' },
          };
        } else if ((operator === 'Exists' || operator === 'DoesNotExist') && count > 0) {
          yield {
            span: r.values!.keySpan,
            message: `${where}: Forbidden: may not be specified when \`operator\` is 'Exists' or 'DoesNotExist'. Remove \`values\`, or use In / NotIn to match these values.`,
            data: { problem: 'unexpected-values' },
          };
        }
      }
    }
  },
  fix(finding, ctx) {
    if (finding.data?.problem !== 'unexpected-values' || !ctx.policy) return [];
    for (const { item: selector } of selectorsOf(ctx.policy)) {
      const r = selector.matchExpressions.find((x) => x.values?.keySpan.start === finding.span.start);
      if (!r?.values || r.operator?.value.kind !== 'scalar') continue;
      const operator = r.operator.value;
      const fixes: Fix[] = [];
      const removal = keepingCommentLines(ctx.text, deleteMapEntry(ctx.text, r.node, r.values));
      // Neither is safe: whether the key alone or these values were meant is the author's call.
      if (removal) fixes.push({ title: 'Remove values', edits: [removal], safe: false, preferred: true });
      const other = operator.value === 'Exists' ? 'In' : 'NotIn';
      fixes.push({ title: `Change the operator to ${other}`, edits: [replaceScalar(ctx.text, operator, other)], safe: false });
      return fixes;
    }
    return [];
  },
});
