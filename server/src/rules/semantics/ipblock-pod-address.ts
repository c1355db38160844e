// An ipBlock inside the cluster's pod range (netpol.cluster.podCIDR; no default, so quiet until it is set): pod addresses
// change whenever pods are rescheduled, so the block selects whichever pods hold those addresses today.
import { clusterRanges, rangeHolding } from '../../net/cluster-ranges';
import { formatCidr } from '../../net/ip';
import { ipBlockPeersInEffect } from '../../model/traffic';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'ipblock-pod-address',
    title: "ipBlock inside the cluster's pod range",
    category: 'semantics',
    severity: 'information',
    docs: `An \`ipBlock\` whose CIDR lies entirely inside the cluster's pod range. Pod addresses are ephemeral: a pod that is
rescheduled gets another address, and its old one goes to some other pod. The Kubernetes documentation says ipBlocks
"should be cluster-external IPs, since Pod IPs are ephemeral and unpredictable". Select
the pods with \`podSelector\` / \`namespaceSelector\` instead. With \`netpol.cni: cilium\` the finding is a warning: Cilium
does not match pod addresses with ipBlocks at all (it lists "ipBlock set with a pod IP" among its missing features).

Only checked when the pod range is set: \`netpol.cluster.podCIDR\` (CLI \`--pod-cidr\`, \`.netpol.yaml\` \`cluster.podCIDR\`),
one or more CIDRs (kube-controller-manager \`--cluster-cidr\`). There is no default, since pod ranges differ everywhere
(kubeadm leaves it to the CNI; the AWS VPC CNI gives pods VPC addresses). A block that merely contains the range is not
reported.

Triggers (with \`netpol.cluster.podCIDR: 10.244.0.0/16\`):

\`\`\`yaml
ingress:
  - from:
      - ipBlock:
          cidr: 10.244.1.0/24   # the pods on one node, today
\`\`\`

Fixed:

\`\`\`yaml
ingress:
  - from:
      - podSelector:
          matchLabels:
            app: frontend
\`\`\`

No quick fix: which pods were meant is the author's knowledge.

Sources: kubernetes.io/docs/concepts/services-networking/network-policies (the \`ipBlock\` peer); cilium/cilium Documentation/network/kubernetes/policy.rst, "Known missing
features" (cilium#9209); docs.cilium.io, Layer 3 policies, "IP/CIDR based" ("CIDR rules do not apply to traffic where both
sides of the connection are either managed by Cilium or use an IP belonging to a node in the cluster").`,
  },
  *checkPolicy(policy, ctx) {
    const ranges = clusterRanges(ctx.settings.cluster);
    if (ranges.pod.length === 0) return;
    const cilium = ctx.settings.cni === 'cilium';
    for (const { block } of ipBlockPeersInEffect(policy)) {
      const range = rangeHolding(ranges.pod, block.cidr);
      if (!range) continue;
      const why = cilium
        ? 'and Cilium never matches pod addresses with an ipBlock'
        : 'and pod addresses change whenever pods are rescheduled';
      yield {
        span: block.cidrNode.span,
        severity: cilium ? 'warning' : 'information',
        message: `Select these pods with podSelector/namespaceSelector instead: ${formatCidr(block.cidr)} is inside the cluster's pod range ${formatCidr(range)}, ${why}.`,
      };
    }
  },
});
