// A suppression comment that suppressed nothing: the problem it hid is gone (or the rule id is misspelt), so it can go.
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression comment that suppresses nothing',
    category: 'meta',
    severity: 'hint',
    docs: `A \`# netpol-disable-next-line <rule-id>\` or \`# netpol-disable <rule-id>\` comment that hid no diagnostic: the
problem was fixed, the comment is on the wrong line, or the rule id is misspelt. Remove it, so that a later regression is
not hidden.

Suppression comments:

- \`# netpol-disable-next-line rule-a, rule-b\` hides those rules on the next line that is not a comment;
- \`# netpol-disable rule-a\` hides a rule in the whole YAML document (between \`---\` markers);
- without rule ids, both hide every rule.

\`\`\`yaml
spec:
  # netpol-disable-next-line unknown-field
  podSelector: {}        # nothing to hide here: the comment is reported
\`\`\`

Fixed: remove the comment.`,
  },
});
