// An ipBlock inside the cluster's Service (ClusterIP) range: policies are enforced on pod addresses after the Service
// address is translated, so the block never matches. The range comes from netpol.cluster.serviceCIDR, else kubeadm's default.
import { DNS_PEER, detectStyle, replaceMapItem } from '../../edit/index';
import { clusterRanges, rangeHolding, KUBEADM_SERVICE_CIDR } from '../../net/cluster-ranges';
import { formatCidr } from '../../net/ip';
import type { PolicyRule } from '../../model/policy';
import { ipBlockPeersInEffect, numericPort } from '../../model/traffic';
import { defineRule } from '../types';

/** A rule that only lets DNS through: every port entry is port 53. */
const isDnsRule = (rule: PolicyRule) => (rule.ports?.length ?? 0) > 0 && rule.ports!.every((p) => numericPort(p) === 53);

export default defineRule({
  meta: {
    id: 'ipblock-service-address',
    title: "ipBlock inside the cluster's Service range",
    category: 'semantics',
    severity: 'warning',
    docs: `An \`ipBlock\` whose CIDR lies entirely inside the cluster's Service (ClusterIP) range, such as \`10.96.0.10/32\` for
kube-dns. Network policies are enforced on the packet after kube-proxy (or the CNI's replacement for it) has translated
the Service address to a pod address, so a rule written with a Service address never matches: egress to it is dropped and
ingress from it never happens. Select the pods behind the Service with \`podSelector\` / \`namespaceSelector\` instead, and
use the pods' (container) port, which is what the policy sees after translation.

The Service range is \`netpol.cluster.serviceCIDR\` (CLI \`--service-cidr\`, \`.netpol.yaml\` \`cluster.serviceCIDR\`), one CIDR
or one per family (\`10.96.0.0/12,fd00:10:96::/112\`). When it is set the finding is a warning. When it is not, kubeadm's
default \`${KUBEADM_SERVICE_CIDR}\` is assumed and the finding is an information that says so: other distributions use other
ranges (EKS \`10.100.0.0/16\` or \`172.20.0.0/16\`, GKE and AKS their own defaults), and a VPC subnet may overlap kubeadm's.
A block that merely contains the range (\`10.0.0.0/8\`) is not reported: it also holds addresses outside it.

Triggers:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 10.96.0.10/32   # the kube-dns Service address
    ports:
      - port: 53
        protocol: UDP
\`\`\`

Fixed:

\`\`\`yaml
egress:
  - to:
      - namespaceSelector:
          matchLabels:
            kubernetes.io/metadata.name: kube-system
        podSelector:
          matchLabels:
            k8s-app: kube-dns
    ports:
      - port: 53
        protocol: UDP
\`\`\`

Quick fix (not safe: it allows traffic the rule did not): in an egress rule whose ports are all 53 (a DNS rule), replace
the ipBlock with the kube-dns selector peer above (the peer the \`egress-blocks-dns\` fix writes). Not offered when the
ipBlock's lines hold a comment.

Sources: calico#8049 (an ipBlock with a Service address does not match); aws/aws-network-policy-agent#493 and the EKS
user guide ("the Service port must equal the container port", for the same reason: policies see the translated packet);
kubernetes.io/docs/concepts/services-networking/network-policies (ipBlock is meant for cluster-external addresses);
kubeadm's \`ClusterConfiguration.networking.serviceSubnet\` default \`10.96.0.0/12\`; EKS API \`KubernetesNetworkConfigRequest.serviceIpv4Cidr\` ("either the 10.100.0.0/16 or 172.20.0.0/16 CIDR blocks").`,
  },
  *checkPolicy(policy, ctx) {
    const ranges = clusterRanges(ctx.settings.cluster);
    for (const { rule, peer, block } of ipBlockPeersInEffect(policy)) {
      const range = rangeHolding(ranges.service, block.cidr);
      if (!range) continue;
      const where = ranges.serviceAssumed
        ? `kubeadm's default Service range ${formatCidr(range)} (assumed: set netpol.cluster.serviceCIDR to your cluster's range)`
        : `the cluster's Service range ${formatCidr(range)}`;
      const dns = rule.direction === 'egress' && isDnsRule(rule);
      const instead = dns ? 'select the kube-dns pods instead' : "select the Service's pods with podSelector/namespaceSelector instead";
      yield {
        span: block.cidrNode.span,
        severity: ranges.serviceAssumed ? 'information' : 'warning',
        message: `This ipBlock never matches: ${formatCidr(block.cidr)} is inside ${where}, and policies see the pod address a Service address is translated to; ${instead}.`,
        data: dns ? { rule: rule.index, peer: peer.index } : undefined,
      };
    }
  },
  fix(finding, ctx) {
    const { rule: ruleIndex, peer: peerIndex } = finding.data ?? {};
    if (typeof ruleIndex !== 'number' || typeof peerIndex !== 'number') return [];
    const peer = ctx.policy?.egress?.rules.find((r) => r.index === ruleIndex)?.peers?.find((p) => p.index === peerIndex);
    const edit = peer && replaceMapItem(ctx.text, peer.node, DNS_PEER, detectStyle(ctx.text));
    // Not safe: the rule starts allowing DNS to the kube-dns pods, which it never did.
    return edit ? [{ title: 'Allow DNS to the kube-dns pods instead of the Service address', edits: [edit], safe: false, preferred: true }] : [];
  },
});
