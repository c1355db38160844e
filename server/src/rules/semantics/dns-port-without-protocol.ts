// Port 53 without `protocol`: the protocol defaults to TCP, so the rule does not allow DNS over UDP, which is what resolvers use.
import { detectStyle, insertMapEntry, insertSeqItem, replaceEntryValue } from '../../edit/index';
import { numericPort, portEntryMatches, protocolDefaulted } from '../../model/traffic';
import { defineRule } from '../types';
import { dnsEntryLike, portEntryAt } from './dns-port-entries';

export default defineRule({
  meta: {
    id: 'dns-port-without-protocol',
    title: 'Port 53 without protocol allows only TCP',
    category: 'semantics',
    severity: 'warning',
    docs: `Each entry of \`ports\` has \`protocol: TCP\` unless it says otherwise. A rule meant to allow DNS that writes only
\`port: 53\` therefore allows DNS over TCP and not over UDP — and resolvers ask over UDP first, so name resolution still
times out. Not reported when a rule of the same direction in the policy has a UDP entry covering port 53 (then the TCP
entry is the deliberate TCP half of DNS).

Triggers:

\`\`\`yaml
egress:
  - ports:
      - port: 53
\`\`\`

Fixed:

\`\`\`yaml
egress:
  - ports:
      - port: 53
        protocol: TCP
      - port: 53
        protocol: UDP
\`\`\`

Quick fix (safe): write \`protocol: TCP\` on the entry (what it already means) and add the same port with \`protocol: UDP\`
to the list, so the rule allows DNS over both.

Source: \`SetDefaults_NetworkPolicyPort\` in kubernetes/kubernetes pkg/apis/networking/v1/defaults.go (protocol defaults to TCP);
CoreDNS serves 53/UDP and 53/TCP (kubeadm's kube-dns Service).`,
  },
  *checkPolicy(policy) {
    for (const list of [policy.ingress, policy.egress]) {
      const rules = list?.rules ?? [];
      // UDP 53 allowed elsewhere in the same direction: the TCP-only entry is then the deliberate TCP half of DNS.
      if (rules.some((r) => (r.ports ?? []).some((p) => !protocolDefaulted(p) && portEntryMatches(p, 'UDP', 53) === 'yes'))) continue;
      for (const rule of rules) {
        for (const p of rule.ports ?? []) {
          if (!protocolDefaulted(p) || numericPort(p) !== 53) continue;
          yield {
            span: p.port!.value.span,
            message: 'Port 53 without `protocol` allows only TCP (the default), so DNS over UDP stays blocked. Add an entry with `protocol: UDP` for port 53 (and keep TCP for large answers).',
            data: { addProtocol: 'UDP' },
          };
        }
      }
    }
  },
  fix(finding, ctx) {
    const found = portEntryAt([...(ctx.policy?.ingress?.rules ?? []), ...(ctx.policy?.egress?.rules ?? [])], finding.span.start);
    const ports = found?.rule.portsEntry?.value;
    if (!found || ports?.kind !== 'seq') return [];
    const entry = found.entry;
    const style = detectStyle(ctx.text);
    // The entry says TCP out loud (what it already meant), and a UDP twin follows it: DNS over both, as resolvers need.
    const tcp = entry.protocol
      ? replaceEntryValue(ctx.text, entry.node, entry.protocol, 'TCP', style)
      : insertMapEntry(ctx.text, entry.node, 'protocol', 'TCP', style, { after: entry.endPort ? 'endPort' : 'port' });
    return [{ title: 'Allow port 53 over UDP too (and write TCP for this entry)', edits: [tcp, insertSeqItem(ctx.text, ports, dnsEntryLike(entry, 'UDP'), style)], safe: true, preferred: true }];
  },
});
