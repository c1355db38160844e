// endPort without a numeric port, smaller than port, or beyond 65535.
import { deleteMapEntry, keepingCommentLines, replaceScalar } from '../../edit/index';
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

Quick fixes (not safe): swap a reversed range; remove \`endPort\` next to a named port.

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
  fix(finding, ctx) {
    const problem = finding.data?.problem;
    const entry = ctx.policy && [...portsOf(ctx.policy)].find((p) => p.item.endPort?.value.span.start === finding.span.start)?.item;
    const port = entry?.port?.value;
    const endPort = entry?.endPort?.value;
    if (!entry || port?.kind !== 'scalar' || endPort?.kind !== 'scalar') return [];
    // Neither is safe: a reversed range may hide a typo in either number, and a named port with endPort may have been
    // meant as a range.
    if (problem === 'before-port' && typeof port.value === 'number' && typeof endPort.value === 'number' && port.value <= 65535 && endPort.value >= 1) {
      const edits = [replaceScalar(ctx.text, port, endPort.value), replaceScalar(ctx.text, endPort, port.value)];
      return [{ title: `Swap port and endPort (${endPort.value}-${port.value})`, edits, safe: false }];
    }
    if (problem === 'named-port') {
      const removal = keepingCommentLines(ctx.text, deleteMapEntry(ctx.text, entry.node, entry.endPort!));
      return removal ? [{ title: 'Remove endPort (use the named port alone)', edits: [removal], safe: false }] : [];
    }
    return [];
  },
});
