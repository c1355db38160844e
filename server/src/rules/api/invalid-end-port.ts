// endPort without a numeric port, smaller than port, or beyond 65535.
import { defineRule } from '../types';
import { integerOf, isNullNode, portsOf } from './walk';

export default defineRule({
  meta: {
    id: 'invalid-end-port',
    title: 'Invalid endPort',
    category: 'api',
    severity: 'error',
    docs: `\`endPort\` turns \`port\` into the range \`port\`–\`endPort\`. The API server rejects it when:

- \`port\` is missing (\`\` may not be specified when \`port\` is not specified \`\`);
- \`port\` is a named port (\`\` may not be specified when \`port\` is non-numeric \`\`): ranges are numeric only;
- \`endPort\` is smaller than \`port\` (\`\` must be greater than or equal to \`port\` \`\`);
- \`endPort\` is outside 1–65535.

\`\`\`yaml
ports:
  - protocol: TCP
    port: 32000
    endPort: 3000
\`\`\`

Fixed:

\`\`\`yaml
ports:
  - protocol: TCP
    port: 30000
    endPort: 32767
\`\`\`

Source: \`ValidateNetworkPolicyPort\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: port, path } of portsOf(policy)) {
      const endPort = integerOf(port.endPort?.value);
      if (endPort === undefined) continue;
      const span = port.endPort!.value.span;
      const where = `${path}.endPort: Invalid value: ${endPort}`;
      const portNode = port.port?.value;
      if (isNullNode(portNode)) {
        yield { span, message: `${where}: may not be specified when \`port\` is not specified. Add the first port of the range as \`port\`, or remove \`endPort\`.`, data: { problem: 'no-port' } };
        continue;
      }
      if (portNode!.kind === 'scalar' && typeof portNode!.value === 'string') {
        yield { span, message: `${where}: may not be specified when \`port\` is non-numeric. A range needs a numeric \`port\`; remove \`endPort\` to use the named port.`, data: { problem: 'named-port' } };
        continue;
      }
      const start = integerOf(portNode);
      if (start === undefined) continue;
      if (endPort < start) yield { span, message: `${where}: must be greater than or equal to \`port\` (${start}). Swap them or fix the range.`, data: { problem: 'before-port', port: start } };
      if (endPort < 1 || endPort > 65535) yield { span, message: `${where}: must be between 1 and 65535, inclusive.`, data: { problem: 'out-of-range' } };
    }
  },
});
