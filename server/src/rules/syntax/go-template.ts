// A Helm / Go template is not YAML until it is rendered: one clear diagnostic for the whole file instead of a cascade.
import { defineRule } from '../types';

/** Offsets of the first `{{` and the first `}}` of a document (-1 if none). */
interface Braces {
  readonly open: number;
  readonly close: number;
}

export default defineRule({
  meta: {
    id: 'go-template',
    title: 'Helm or Go template: check the rendered manifest',
    category: 'syntax',
    severity: 'information',
    // A template's comments are not read: the file is not linted.
    suppressible: false,
    docs: `The file holds Go template actions (\`{{ ... }}\`), as Helm chart templates do, and is not valid YAML until it is
rendered. netpol reports this once, at the first template action, and does not check the file. Render it and check the
result instead:

\`\`\`sh
helm template my-release ./chart | netpol-lint -
\`\`\`

Files that are valid YAML and merely contain \`{{\` inside a string are checked as usual, and files that hold no
NetworkPolicy get no diagnostic at all.`,
  },
  documentFacts(text): Braces {
    return { open: text.indexOf('{{'), close: text.indexOf('}}') };
  },
  checkWholeFile(ctx) {
    // Only a file that does not parse can be a template. The braces are looked up per document (where they were found
    // once, when the document was analysed), so that the whole text of a large file is not scanned on every edit.
    if (!ctx.syntaxErrors) return undefined;
    let first = -1;
    for (let i = 0; i < ctx.documentCount && first === -1; i++) if (ctx.facts<Braces>(i).open !== -1) first = i;
    if (first === -1) return undefined;
    const open = ctx.facts<Braces>(first).open;
    // The span, relative to the opening document, may run on into a later document.
    let end = ctx.text(first).indexOf('}}', open);
    for (let i = first + 1; end === -1 && i < ctx.documentCount; i++) {
      const close = ctx.facts<Braces>(i).close;
      if (close !== -1) end = ctx.start(i) - ctx.start(first) + close;
    }
    if (end === -1) return undefined;
    return {
      span: { start: open, end: end + 2 },
      message: 'This file is a Helm/Go template, not YAML yet, so netpol does not check it. Check the rendered output instead: `helm template <release> <chart> | netpol-lint -`.',
      documentIndex: first,
    };
  },
});
