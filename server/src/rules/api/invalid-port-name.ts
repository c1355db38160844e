// A named port (a string `port`) that is not a valid IANA service name; a quoted number is a name too, and is rejected.
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { integerOf, portsOf } from './walk';
import { defineRule } from '../types';
import { isValidPortName, quote } from './k8s-names';

export default defineRule({
  meta: {
    id: 'invalid-port-name',
    title: 'Named port is not a valid port name',
    category: 'api',
    severity: 'error',
    docs: `A string \`port\` is a named port: it refers to a container port by its name, and must be a valid IANA service name —
1 to 15 characters, lowercase letters, digits and \`-\`, at least one letter, no \`-\` at either end and no \`--\`. A quoted
number such as \`port: "8080"\` is a string, hence a name, and is rejected (\`must contain at least one letter (a-z)\`): write
the number without quotes.

\`\`\`yaml
ports:
  - port: "8080"
  - port: HTTP
\`\`\`

Fixed:

\`\`\`yaml
ports:
  - port: 8080
  - port: http
\`\`\`

Quick fix (safe): a quoted number is written as the number; a name with capitals is lower-cased.

Source: \`IsValidPortName\` in kubernetes/kubernetes \`staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: port, path } of portsOf(policy)) {
      const value = port.port?.value;
      if (!value || value.kind !== 'scalar' || typeof value.value !== 'string') continue;
      const errors = isValidPortName(value.value);
      if (errors.length === 0) continue;
      const name = value.value;
      let hint = ' A named port must be 1-15 lowercase letters, digits or single hyphens, with at least one letter, matching a container port name.';
      let data: Record<string, unknown> | undefined;
      if (/^\d+$/.test(name) && Number(name) >= 1 && Number(name) <= 65535) {
        hint = ` A quoted number is a port name, not a number: write ${Number(name)} without quotes.`;
        data = { replacement: Number(name) };
      } else if (isValidPortName(name.toLowerCase()).length === 0) {
        hint = ` Port names are lowercase: write ${name.toLowerCase()}.`;
        data = { replacement: name.toLowerCase() };
      }
      yield { span: value.span, message: `${path}.port: Invalid value: ${quote(name)}: ${errors.join(', ')}.${hint}`, ...(data ? { data } : {}) };
    }
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if ((typeof replacement !== 'string' && typeof replacement !== 'number') || node?.kind !== 'scalar') return [];
    if (typeof replacement === 'number') {
      // The number must not trade this error for another: an endPort below it would be rejected.
      const entry = [...portsOf(ctx.policy!)].find((p) => p.item.port?.value === node)?.item;
      const endPort = integerOf(entry?.endPort?.value);
      if (endPort !== undefined && endPort < replacement) return [];
      // Safe: a quoted number can only have meant the number (a port name needs a letter).
      return [{ title: `Write the port as the number ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: true, preferred: true }];
    }
    // Safe: container port names are lowercase too, so the name as written matched no port; lower case is the only reading.
    return [{ title: `Change the port name to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: true, preferred: true }];
  },
});
