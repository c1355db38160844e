// A port's protocol that is not exactly TCP, UDP or SCTP (the API server compares case-sensitively).
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { defineRule } from '../types';
import { quote } from './k8s-names';
import { portsOf } from './walk';

const SUPPORTED = ['TCP', 'UDP', 'SCTP'];

export default defineRule({
  meta: {
    id: 'invalid-protocol',
    title: 'Protocol is not TCP, UDP or SCTP',
    category: 'api',
    severity: 'error',
    docs: `\`protocol\` must be exactly \`TCP\`, \`UDP\` or \`SCTP\`, in capitals. The API server compares the string as written,
so \`tcp\` or \`Tcp\` is rejected with \`Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"\`. Other protocols
(ICMP, ...) cannot be expressed in a NetworkPolicy at all. Leaving \`protocol\` out means TCP.

Quick fix (safe): upper-case the protocol, keeping its quotes.

\`\`\`yaml
ports:
  - protocol: udp
    port: 53
\`\`\`

Fixed:

\`\`\`yaml
ports:
  - protocol: UDP
    port: 53
\`\`\`

Source: \`ValidateNetworkPolicyPort\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: port, path } of portsOf(policy)) {
      const value = port.protocol?.value;
      if (!value || value.kind !== 'scalar' || typeof value.value !== 'string') continue;
      const protocol = value.value;
      if (SUPPORTED.includes(protocol)) continue;
      const upper = protocol.toUpperCase();
      const hint = SUPPORTED.includes(upper) ? ` Write ${upper} (protocols are case-sensitive).` : ' NetworkPolicy supports only these three protocols.';
      yield {
        span: value.span,
        message: `${path}.protocol: Unsupported value: ${quote(protocol)}: supported values: "TCP", "UDP", "SCTP".${hint}`,
        ...(SUPPORTED.includes(upper) ? { data: { replacement: upper } } : {}),
      };
    }
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof replacement !== 'string' || node?.kind !== 'scalar') return [];
    // Safe: only the capitalisation changes, and no other protocol can have been meant.
    return [{ title: `Change the protocol to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: true, preferred: true }];
  },
});
