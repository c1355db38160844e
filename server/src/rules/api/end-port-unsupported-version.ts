// endPort on a Kubernetes version that does not have it: unknown before 1.21, dropped by the API server in 1.21 (alpha,
// feature gate NetworkPolicyEndPort off by default). Beta and on by default from 1.22, GA in 1.25.
import { minorVersion } from '../../lint/settings';
import { defineRule } from '../types';
import { portsOf } from './walk';

export default defineRule({
  meta: {
    id: 'end-port-unsupported-version',
    title: 'endPort needs Kubernetes 1.22 or later',
    category: 'api',
    severity: 'error',
    docs: `\`endPort\` (port ranges, KEP-2079) arrived as an alpha field in Kubernetes 1.21, behind the \`NetworkPolicyEndPort\`
feature gate, which was off by default; it became beta, on by default, in 1.22 and GA in 1.25. With
\`netpol.kubernetesVersion\` below 1.21 the field does not exist and kubectl rejects it (unknown field). On 1.21 the API server
silently drops it unless the gate is on, so the rule allows only the single \`port\` (a warning). Only reported for those old
versions.

\`\`\`yaml
# netpol.kubernetesVersion: "1.20"
ports:
  - protocol: TCP
    port: 32000
    endPort: 32768
\`\`\`

Fixed (one entry per port, or upgrade):

\`\`\`yaml
ports:
  - {protocol: TCP, port: 32000}
  - {protocol: TCP, port: 32001}
\`\`\`

Sources: KEP-2079 (kubernetes/enhancements \`keps/sig-network/2079-network-policy-port-range\`: alpha v1.21, beta v1.22,
stable v1.25); kubernetes/kubernetes#102834 (promotion to beta).`,
  },
  *checkPolicy(policy, ctx) {
    const minor = minorVersion(ctx.settings);
    if (minor >= 22) return;
    for (const { item: port, path } of portsOf(policy)) {
      if (!port.endPort || (port.endPort.value.kind === 'scalar' && port.endPort.value.value === null)) continue;
      yield minor >= 21
        ? {
            span: port.endPort.keySpan,
            severity: 'warning',
            message: `${path}.endPort: Kubernetes 1.21 drops endPort unless the alpha feature gate NetworkPolicyEndPort is on, so this rule would allow only the single \`port\`. Port ranges are on by default from 1.22.`,
          }
        : {
            span: port.endPort.keySpan,
            message: `${path}.endPort: unknown field "endPort" in Kubernetes ${ctx.settings.kubernetesVersion}: port ranges arrived in 1.21 (on by default from 1.22). List the ports one by one.`,
          };
    }
  },
});
