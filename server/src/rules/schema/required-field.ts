// Fields the schema requires (ipBlock.cidr, a selector requirement's key and operator).
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'required-field',
    title: 'Required field missing',
    category: 'schema',
    severity: 'error',
    docs: `A field the API requires is missing: \`cidr\` in an \`ipBlock\`, \`key\` or \`operator\` in a \`matchExpressions\`
entry. The API server rejects the object (\`Required value\`). The diagnostic sits on the key of the mapping that lacks the field.

\`\`\`yaml
- ipBlock:
    except: [10.0.0.0/24]
\`\`\`

Fixed:

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/16
    except: [10.0.0.0/24]
\`\`\``,
  },
  *checkPolicy(policy, ctx) {
    for (const p of ctx.schemaProblems.get(policy) ?? []) if (p.kind === 'required-field') yield { span: p.span, message: p.message, data: { field: p.field } };
  },
});
