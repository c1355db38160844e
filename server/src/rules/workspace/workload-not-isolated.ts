// Strict profile: a workload whose pods no NetworkPolicy of the workspace isolates, per direction; they accept (or send)
// every connection, and a compromise of any pod in the cluster can reach them.
import { labelsText } from '../../model/selector';
import { defineRule } from '../types';
import { workloadName } from './describe';

export default defineRule({
  meta: {
    id: 'workload-not-isolated',
    title: 'Workload is not isolated by any policy',
    category: 'workspace',
    severity: 'information',
    profile: 'strict',
    docs: `Only reported under the \`strict\` profile. Workspace rule: no NetworkPolicy of the workload's namespace in this
workspace selects its pods with Ingress (or Egress) in effect, so they accept every incoming (or make every outgoing)
connection. Reported on the workload's \`metadata.name\`, once per workload, naming the directions left open. Policies applied
from outside the workspace are not known to this check.

\`\`\`yaml
kind: Deployment
metadata: {name: api, namespace: shop}   # no policy of namespace shop selects app=api
spec:
  template:
    metadata:
      labels: {app: api}
\`\`\`

Fixed: a default-deny policy for the namespace (\`podSelector: {}\`, \`policyTypes: [Ingress, Egress]\`) plus policies that allow
what the workload needs. Source: kubernetes.io/docs/concepts/services-networking/network-policies ("By default, a pod is
non-isolated for ingress ... and egress").`,
  },
  // Judges these facts of a document, again when these facts of the index change: the policies of its namespace.
  workspaceJudges: ['workloads'],
  workspaceReads: ['workloads', 'policies'],
  *checkWorkspace(ctx) {
    for (const w of ctx.facts.workloads) {
      const podClass = ctx.index.classOf(w);
      if (!podClass) continue;
      const policies = ctx.index.policiesSelecting(podClass);
      const open = [...(policies.some((p) => p.ingressIsolating) ? [] : ['ingress']), ...(policies.some((p) => p.egressIsolating) ? [] : ['egress'])];
      if (open.length === 0) continue;
      yield {
        span: w.location.span,
        message: `${workloadName(w)} is not isolated for ${open.join(' or ')}: no NetworkPolicy of namespace "${w.namespace}" in this workspace selects its pods (${labelsText(w.labels)}) with ${open.map((d) => (d === 'ingress' ? 'Ingress' : 'Egress')).join(' and ')} in effect. Add a default-deny policy for the namespace, or a policy that selects these pods.`,
        data: { open },
      };
    }
  },
});
