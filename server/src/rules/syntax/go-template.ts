// A Helm / Go template is not YAML until it is rendered: one clear diagnostic for the whole file instead of a cascade.
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'go-template',
    title: 'Helm or Go template: check the rendered manifest',
    category: 'syntax',
    severity: 'information',
    docs: `The file holds Go template actions (\`{{ ... }}\`), as Helm chart templates do, and is not valid YAML until it is
rendered. netpol reports this once, at the first template action, and does not check the file. Render it and check the
result instead:

\`\`\`sh
helm template my-release ./chart | netpol-lint -
\`\`\`

Files that are valid YAML and merely contain \`{{\` inside a string are checked as usual, and files that hold no
NetworkPolicy get no diagnostic at all.`,
  },
});
