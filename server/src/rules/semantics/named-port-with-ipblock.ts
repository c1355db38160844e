// A named port in a rule whose peers are all ipBlocks: names resolve against the container ports of pods, and an ipBlock
// (meant for addresses outside the cluster) has none, so the port matches nothing.
import { namedPort } from '../../model/traffic';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'named-port-with-ipblock',
    title: 'Named port with ipBlock peers only',
    category: 'semantics',
    severity: 'warning',
    docs: `A named port (\`port: https\`) is looked up in the container ports of the destination pod (egress) or the selected
pod (ingress). For an egress rule whose \`to\` holds only ipBlocks, the destination is an address, usually outside the
cluster, which has no named ports, so the rule matches nothing. Use the port number.

For ingress the name is resolved against the selected pods' own ports, so ingress rules are not reported.

Triggers:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 203.0.113.0/24
    ports:
      - port: https
\`\`\`

Fixed:

\`\`\`yaml
    ports:
      - port: 443
        protocol: TCP
\`\`\`

No quick fix: the port number behind the name is in the destination's pod spec, not in this file.

Source: \`NetworkPolicyPort.port\` in k8s.io/api/networking/v1/types.go ("If this is a named port, it matches the named
port on the pod"); kubernetes.io/docs/concepts/services-networking/network-policies ("ipBlock ... cluster-external IPs").`,
  },
  *checkPolicy(policy) {
    for (const rule of policy.egress?.rules ?? []) {
      const peers = rule.peers ?? [];
      if (peers.length === 0 || !peers.every((p) => p.ipBlock)) continue;
      for (const p of rule.ports ?? []) {
        const name = namedPort(p);
        if (name === undefined) continue;
        yield {
          span: p.port!.value.span,
          message: `Named port "${name}" is resolved against pod container ports, but every destination of this rule is an ipBlock, so it matches nothing. Use the port number.`,
        };
      }
    }
  },
});
