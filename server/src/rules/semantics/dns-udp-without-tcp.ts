// DNS allowed on UDP 53 but not on TCP 53: answers too large for UDP (truncated, TC bit) are retried over TCP and then fail.
import { detectStyle, insertSeqItem } from '../../edit/index';
import { effectivePolicyTypes } from '../../model/policy';
import { numericPort, portProtocol, ruleAllowsPort } from '../../model/traffic';
import { defineRule } from '../types';
import { dnsEntryLike, portEntryAt } from './dns-port-entries';

export default defineRule({
  meta: {
    id: 'dns-udp-without-tcp',
    title: 'DNS allowed over UDP but not TCP',
    category: 'semantics',
    severity: 'information',
    docs: `An egress rule allows port 53 over UDP, and no egress rule of the policy allows port 53 over TCP. Ordinary lookups
work, but a DNS answer that does not fit in a UDP datagram comes back truncated and the resolver retries over TCP (RFC 7766
requires DNS over TCP), which is then blocked: large answers (many A records, long TXT records, DNSSEC) fail
intermittently. CoreDNS serves both 53/UDP and 53/TCP.

Triggers:

\`\`\`yaml
egress:
  - ports:
      - port: 53
        protocol: UDP
\`\`\`

Fixed:

\`\`\`yaml
egress:
  - ports:
      - port: 53
        protocol: UDP
      - port: 53
        protocol: TCP
\`\`\`

Quick fix (safe): add a TCP entry for port 53 to the same \`ports\` list.

Sources: RFC 7766 §3; kubeadm's kube-dns Service (kubernetes/kubernetes cmd/kubeadm/app/phases/addons/dns/manifests.go) exposes
53/UDP and 53/TCP.`,
  },
  *checkPolicy(policy) {
    if (!effectivePolicyTypes(policy).egress || !policy.egress) return;
    const rules = policy.egress.rules;
    if (rules.some((r) => ruleAllowsPort(r, 'TCP', 53) !== 'no')) return;
    for (const rule of rules) {
      for (const p of rule.ports ?? []) {
        if (portProtocol(p) !== 'UDP' || numericPort(p) !== 53) continue;
        yield {
          span: p.port!.value.span,
          message: 'DNS is allowed over UDP only: answers too large for UDP are retried over TCP port 53, which no egress rule of this policy allows. Add `- port: 53` with `protocol: TCP`.',
          data: { addProtocol: 'TCP' },
        };
      }
    }
  },
  fix(finding, ctx) {
    const found = portEntryAt(ctx.policy?.egress?.rules ?? [], finding.span.start);
    const ports = found?.rule.portsEntry?.value;
    if (!found || ports?.kind !== 'seq') return [];
    // Same port (and range) over TCP, next to the UDP entry and written like it. Safe: DNS over TCP is part of DNS.
    return [{ title: 'Allow port 53 over TCP too', edits: [insertSeqItem(ctx.text, ports, dnsEntryLike(found.entry, 'TCP'), detectStyle(ctx.text))], safe: true, preferred: true }];
  },
});
