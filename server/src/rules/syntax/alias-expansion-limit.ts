// A document whose aliases expand to more nodes than any manifest has (a "billion laughs" alias bomb) is not analysed.
import { MAX_EXPANDED_NODES } from '../../syntax/parse';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'alias-expansion-limit',
    title: 'YAML aliases expand to an unreasonable size',
    category: 'syntax',
    severity: 'error',
    docs: `The document's anchors and aliases (\`&a\` / \`*a\`) would expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes.
This is the shape of a YAML "alias bomb" (billion laughs), which the API server also refuses to expand. netpol does not analyse
the document, so the editor stays responsive.

\`\`\`yaml
metadata:
  labels:
    a: &a [x, x, x, x, x, x, x, x, x, x]
    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... each level multiplies by ten
\`\`\`

Fixed: write the values out instead of nesting aliases of aliases.`,
  },
  *checkDocument(ctx) {
    if (!ctx.parsed.aliasExpansionTooLarge) return;
    const start = Math.max(0, ctx.text.search(/\*[^\s,\]}]/));
    yield {
      span: { start, end: Math.min(ctx.text.length, start + 1) },
      message: `This document's aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en')} nodes (an alias bomb); it is not checked. Write the values out instead of nesting aliases.`,
    };
  },
});
