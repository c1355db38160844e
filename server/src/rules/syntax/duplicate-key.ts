// A key given twice in one mapping: the API server's decoder keeps the last value without a word (kubernetes/kubernetes#100213).
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'duplicate-key',
    title: 'Key given twice in one mapping',
    category: 'syntax',
    severity: 'error',
    docs: `A mapping has the same key twice, for example two \`cidr:\` in one \`ipBlock\`. Kubernetes' YAML decoder accepts this
and silently keeps the **last** value (kubernetes/kubernetes#100213), so the first one — often the one the author reviewed — has
no effect. In a NetworkPolicy that can open or close traffic unnoticed.

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/8
    cidr: 0.0.0.0/0      # wins
\`\`\`

Fixed: keep one key, or split into two peers:

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/8
\`\`\``,
  },
  *checkDocument(ctx) {
    // Other kinds in the file are not ours to judge.
    if (ctx.policies.length === 0) return;
    for (const d of ctx.parsed.duplicateKeys) {
      const key = ctx.text.slice(d.span.start, d.span.end);
      yield { span: d.span, message: `Duplicate key "${key}": Kubernetes keeps only the last value and ignores the earlier one. Remove one of them.` };
    }
  },
});
