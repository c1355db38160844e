// A suppression comment that suppressed nothing: the problem it hid is gone (or the rule id is misspelt), so it can go.
import { defineRule, type Finding } from '../types';

export default defineRule({
  meta: {
    id: 'unused-suppression',
    title: 'Suppression comment that suppresses nothing',
    category: 'meta',
    severity: 'hint',
    // Its findings are about the suppression comments themselves.
    suppressible: false,
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
  *checkSuppressions(ctx) {
    const unused = (span: Finding['span'], message: string): Finding => ({ span, message, tag: 'unnecessary' });
    for (let index = 0; index < ctx.suppressions.length; index++) {
      const s = ctx.suppressions[index]!;
      if (s.ruleIds.length === 0) {
        if (!ctx.hid(index, '*')) yield unused(s.span, 'This suppression comment hides no diagnostic. Remove it.');
        continue;
      }
      for (let i = 0; i < s.ruleIds.length; i++) {
        const id = s.ruleIds[i]!;
        if (ctx.hid(index, id)) continue;
        const known = ctx.isRule(id);
        // A rule that is off hides nothing, but the comment still documents intent for other settings: leave it alone.
        if (known && ctx.isOff(id)) continue;
        const why = known ? `no "${id}" diagnostic here` : `"${id}" is not a netpol rule id`;
        yield unused(s.idSpans[i]!, `Unused suppression: ${why}. Remove it.`);
      }
    }
  },
});
