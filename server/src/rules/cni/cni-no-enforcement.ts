// With `netpol.cni: flannel`, said once per file: flannel does not enforce NetworkPolicy, so none of these policies has any
// effect unless a policy engine runs beside it.
import type { Cni } from '../../lint/settings';
import { defineRule } from '../types';

/** The key every policy is filed under: the finding goes to the first of the file. */
const FILE = 'file';

const NOT_ENFORCING: Partial<Record<Cni, string>> = {
  flannel: 'flannel does not enforce NetworkPolicy',
};

export default defineRule({
  meta: {
    id: 'cni-no-enforcement',
    title: 'The configured CNI does not enforce NetworkPolicy',
    category: 'cni',
    severity: 'warning',
    docs: `NetworkPolicy is enforced by the network plugin, not by the API server: the API server stores any valid policy,
and a plugin without policy support ignores it. With \`netpol.cni: flannel\` (CLI \`--cni flannel\`) this is reported once
per file, on the first policy: \`flanneld\` only provides the overlay network and does not enforce NetworkPolicy, so the
policies in the file allow and deny nothing. Enforcement needs a policy engine beside flannel: Canal (flannel + Calico),
Cilium in chaining mode, or, from flannel's Helm chart v0.25.5, kubernetes-sigs/kube-network-policies (\`netpol.enabled:
true\`, off by default). If one runs, set \`netpol.cni\` to it.

Triggers, with \`.netpol.yaml\` saying \`cni: flannel\`:

\`\`\`yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy      # reported here, once per file
\`\`\`

Fixed: run a policy engine beside flannel and name it, e.g. \`cni: calico\` for Canal.

No quick fix: the remedy is in the cluster (a policy engine) or in the setting, not in the policies.

Sources: flannel-io/flannel README and Helm chart \`netpol.enabled\` (flannel-io/flannel @cdf76059);
kubernetes.io/docs/concepts/services-networking/network-policies ("Network policies are implemented by the network plugin").`,
  },
  // Why the configured CNI enforces nothing (undefined when it does): only then is a policy filed, under one key for all.
  fileFacts: (_policy, settings) => NOT_ENFORCING[settings.cni],
  fileKeys: (why) => (why === undefined ? [] : [FILE]),
  *checkInFile(policy, why, ctx) {
    if (why === undefined || !ctx.isFirst(FILE)) return;
    yield {
      span: (policy.kind?.value ?? policy.node).span,
      message: `netpol.cni is "${ctx.settings.cni}": ${String(why)}, so the policies in this file have no effect unless a policy engine runs beside it (Canal, Cilium chaining, or kube-network-policies via the flannel chart's netpol.enabled). If one does, set netpol.cni to it.`,
    };
  },
});
