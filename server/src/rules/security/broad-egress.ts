// Strict profile: an egress ipBlock so wide (0.0.0.0/0, ::/0, 0.0.0.0/1, ...) that it is an "allow everything outside the
// cluster" rather than an explicit allow list.
import { effectivePolicyTypes } from '../../model/policy';
import { parseIpBlock } from '../../model/traffic';
import { cidrSize, formatCidr } from '../../net/ip';
import { defineRule } from '../types';

/** An IPv4 prefix shorter than /8 or an IPv6 prefix shorter than /16 spans more than a large organisation's whole space. */
const BROADEST_PREFIX = { 4: 8, 6: 16 } as const;

export default defineRule({
  meta: {
    id: 'broad-egress',
    title: 'Egress to a very broad address range',
    category: 'security',
    severity: 'warning',
    profile: 'strict',
    docs: `Only reported under the \`strict\` profile (\`netpol.profile: strict\`, or \`--profile strict\`).

An egress ipBlock whose prefix is shorter than /8 (IPv4) or /16 (IPv6) — \`0.0.0.0/0\`, \`::/0\`, \`0.0.0.0/1\`, \`128.0.0.0/2\`
... — lets the selected pods talk to most of the internet. A compromised pod can then exfiltrate data or fetch tooling from
anywhere. A least-privilege policy lists the destinations the workload needs (the CIDRs of an API, a database, a proxy)
instead; traffic to the internet then goes through an egress proxy or gateway that can be audited. Private ranges such as
\`10.0.0.0/8\` are not reported. This is the strict profile's opinion (least privilege), not a Kubernetes rule; the
thresholds are netpol's. Rules with no \`to\` at all are reported by \`allows-all-peers\`, not here.

Triggers (strict profile):

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 0.0.0.0/0
\`\`\`

Fixed:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 203.0.113.0/24   # the payment API
    ports:
      - protocol: TCP
        port: 443
\`\`\`

No quick fix: the destinations the workload needs are not in the file.`,
  },
  *checkPolicy(policy) {
    if (!effectivePolicyTypes(policy).egress || !policy.egress) return;
    for (const rule of policy.egress.rules) {
      for (const peer of rule.peers ?? []) {
        const block = peer.podSelector || peer.namespaceSelector ? undefined : parseIpBlock(peer.ipBlock);
        if (!block || block.cidr.prefix >= BROADEST_PREFIX[block.cidr.family]) continue;
        const share = block.cidr.prefix === 0 ? 'every address' : `${cidrSize(block.cidr) >> BigInt(block.cidr.family === 4 ? 24 : 112)} /${BROADEST_PREFIX[block.cidr.family]} networks`;
        yield {
          span: block.cidrNode.span,
          message: `Egress to ${formatCidr(block.cidr)} (${share}) is close to allowing all outbound traffic. The strict profile expects explicit allow lists: list the destinations these pods need.`,
        };
      }
    }
  },
});
