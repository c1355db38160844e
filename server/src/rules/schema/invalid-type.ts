// Values of the wrong type (a list where a mapping belongs, a string where a number belongs): the API server rejects the object.
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'invalid-type',
    title: 'Value of the wrong type',
    category: 'schema',
    severity: 'error',
    docs: `A field holds a value of the wrong type: a list where a mapping is expected, a mapping where a string is expected,
a number where a list is expected... The API server cannot decode the object and rejects it at every field-validation level.

\`\`\`yaml
ports:
  - port: [80, 443]
\`\`\`

Fixed: one port per entry (or a range with \`endPort\`):

\`\`\`yaml
ports:
  - port: 80
  - port: 443
\`\`\``,
  },
  *checkPolicy(policy, ctx) {
    for (const p of ctx.schemaProblems.get(policy) ?? []) if (p.kind === 'invalid-type') yield { span: p.span, message: p.message };
  },
});
