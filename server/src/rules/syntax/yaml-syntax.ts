// YAML syntax errors, one per document: the first error; what the parser says after it is mostly an echo of it.
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'yaml-syntax',
    title: 'YAML syntax error',
    category: 'syntax',
    severity: 'error',
    docs: `The document is not valid YAML, so neither kubectl nor netpol can read it. netpol reports the first error of each
YAML document (later errors in the same document are usually consequences of the first) and checks the other documents of
the file as usual.

Reported only in files that hold a NetworkPolicy, so that netpol does not repeat what a YAML extension already says about
other files.

\`\`\`yaml
spec:
  policyTypes: [Ingress
\`\`\`

Fixed:

\`\`\`yaml
spec:
  policyTypes: [Ingress]
\`\`\``,
  },
  *checkDocument(ctx) {
    for (const e of ctx.parsed.syntaxErrors) yield { span: e.span, message: `YAML syntax error: ${e.message}` };
  },
});
