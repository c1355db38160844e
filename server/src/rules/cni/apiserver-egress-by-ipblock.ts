// With `netpol.cni: cilium`: egress to the kube-apiserver written as an ipBlock (TCP 6443, or TCP 443 to the `kubernetes`
// Service address). Cilium gives nodes and the API server identities of their own, which CIDR rules do not select unless
// `policyCIDRMatchMode: nodes` is set, so the rule does not let the pods reach the API server.
import { clusterRanges, firstHostAddress } from '../../net/cluster-ranges';
import { cidrContainsCidr, cidrContainsIp, formatIp } from '../../net/ip';
import { effectivePolicyTypes, type PolicyRule } from '../../model/policy';
import { allowsAllPorts, peerIpBlock, portEntryMatches } from '../../model/traffic';
import { defineRule } from '../types';

/** True when one of the rule's (listed) ports is TCP `port`: a rule that allows every port is not written for the API server. */
const listsTcp = (rule: PolicyRule, port: number) => !allowsAllPorts(rule) && (rule.ports ?? []).some((p) => portEntryMatches(p, 'TCP', port) === 'yes');

const REMEDY = 'set `policyCIDRMatchMode: nodes` in Cilium (Helm value; `--policy-cidr-match-mode=nodes`), or allow the API server with a CiliumNetworkPolicy `toEntities: [kube-apiserver]`';

export default defineRule({
  meta: {
    id: 'apiserver-egress-by-ipblock',
    title: 'Egress to the API server as an ipBlock, which Cilium does not match by default',
    category: 'cni',
    severity: 'information',
    docs: `Only with \`netpol.cni: cilium\`. An egress rule that lets pods reach the kube-apiserver through an \`ipBlock\`:
TCP 6443 (the API server's own port) to some CIDR, or TCP 443 to the first address of the Service range (the
\`kubernetes\` Service, \`10.96.0.1\` with kubeadm's range). Cilium gives nodes and the API server security identities of
their own (\`host\`, \`remote-node\`, \`kube-apiserver\`), and by default its CIDR rules do not select them: "By default,
CIDR-based selectors do not match in-cluster entities (pods or nodes)". So the pods' connections to the API server are
dropped although the policy seems to allow them. Cilium's documentation names the remedy: set \`policyCIDRMatchMode: nodes\`
(Helm; the agent flag is \`--policy-cidr-match-mode=nodes\`), which "permits selecting the apiserver via an ipBlock peer in
a KubernetesNetworkPolicy", or allow the API server with a CiliumNetworkPolicy \`toEntities: [kube-apiserver]\`. The
\`kubernetes\` Service address never matches on any CNI (see \`ipblock-service-address\`): allow the API server's endpoints
on 6443 instead.

Triggers, with \`netpol.cni: cilium\`:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 192.168.20.11/32   # a control-plane node
    ports:
      - port: 6443
        protocol: TCP
\`\`\`

Fixed: keep the policy and set \`policyCIDRMatchMode: nodes\` in Cilium's Helm values, or add

\`\`\`yaml
apiVersion: cilium.io/v2
kind: CiliumNetworkPolicy
spec:
  endpointSelector: {}
  egress:
    - toEntities: [kube-apiserver]
      toPorts:
        - ports:
            - port: "6443"
              protocol: TCP
\`\`\`

No quick fix: the remedy is Cilium's configuration or a Cilium policy, not this policy.

Sources: docs.cilium.io, Layer 3 policies, "Selecting nodes with CIDR / ipBlock" and the \`kube-apiserver\` entity
(cilium/cilium Documentation/security/policy/layer3.rst); cilium/cilium#20550, #33525 and #39573 (ipBlock egress to the API
server dropped until \`policyCIDRMatchMode: nodes\`); open-telemetry/opentelemetry-operator#5624.`,
  },
  *checkPolicy(policy, ctx) {
    if (ctx.settings.cni !== 'cilium' || !effectivePolicyTypes(policy).egress) return;
    const service = clusterRanges(ctx.settings.cluster).service;
    for (const rule of policy.egress?.rules ?? []) {
      const apiserverPort = listsTcp(rule, 6443);
      const https = listsTcp(rule, 443);
      if (!apiserverPort && !https) continue;
      for (const peer of rule.peers ?? []) {
        const block = peerIpBlock(peer);
        if (!block) continue;
        // TCP 443 counts only towards the `kubernetes` Service address: a block inside the Service range holding its first host.
        const range = https ? service.find((r) => cidrContainsCidr(r, block.cidr) && cidrContainsIp(block.cidr, { family: r.family, value: firstHostAddress(r) })) : undefined;
        if (!apiserverPort && !range) continue;
        const what = range
          ? `${formatIp(range.family, firstHostAddress(range))} is the \`kubernetes\` Service address, which policies never see; allow the API server's endpoints on TCP 6443, and on Cilium ${REMEDY}`
          : `${REMEDY}: Cilium gives nodes and the API server identities of their own, and an ipBlock does not match them otherwise, so this TCP 6443 egress is dropped`;
        yield { span: block.cidrNode.span, message: `To reach the API server, ${what}.` };
      }
    }
  },
});
