// A Service port whose target port, on pods isolated for ingress, no ingress rule of their policies allows from anywhere:
// the Service resolves, the connection times out. The classic deploy-time outage.
import { selectorMatches } from '../../model/selector';
import type { ContainerPortFact, ServiceFact, ServicePortFact } from '../../workspace/facts';
import { rulePortsAllow } from '../../workspace/match';
import type { PodClass, WorkspaceIndex } from '../../workspace/index';
import { defineRule, type Finding } from '../types';
import { workloadList } from './describe';

export default defineRule({
  meta: {
    id: 'service-port-blocked',
    title: 'Service port blocked by the policies of its pods',
    category: 'workspace',
    severity: 'warning',
    docs: `Workspace rule: a Service sends its port's traffic to the \`targetPort\` of the pods its \`selector\` matches.
When those pods are isolated for ingress (some NetworkPolicy of their namespace selects them with Ingress in effect) and no
ingress rule of any of those policies allows the target port (from any source at all), every connection to the Service
is dropped: it resolves and then times out, typically discovered right after a deploy. Reported on the Service's port
entry, and only when the workspace holds the Service's pods. A named \`targetPort\` is resolved against the pods' container
ports; one that no container declares is left to other checks.

\`\`\`yaml
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080      # the policies selecting app=web allow only 9090
\`\`\`

Fixed: add \`- port: 8080\` to an ingress rule of a policy that selects \`app=web\` (with the sources that should reach
the Service). Source: kubernetes.io/docs/concepts/services-networking/network-policies (isolated pods accept only what some
policy's ingress rules allow; Service traffic is not exempt).`,
  },
  // Judges these facts of a document, again when these facts of the index change: its pods and the policies that select them.
  workspaceJudges: ['services'],
  workspaceReads: ['workloads', 'policies'],
  *checkWorkspace(ctx) {
    const { index } = ctx;
    for (const s of ctx.facts.services) {
      if (!s.selector || !index.hasWorkloads(s.namespace)) continue;
      const selector = { matchLabels: s.selector, matchExpressions: [] };
      const classes = index.podClasses(s.namespace).filter((c) => selectorMatches(selector, c.labels));
      for (const port of s.ports) {
        const finding = judge(index, s, port, classes);
        if (finding) yield finding;
      }
    }
  },
});

function judge(index: WorkspaceIndex, s: ServiceFact, port: ServicePortFact, classes: readonly PodClass[]): Finding | undefined {
  const blocked: { podClass: PodClass; policies: string[]; target: number }[] = [];
  for (const c of classes) {
    const target = resolveTarget(port, c.ports);
    if (target === undefined) continue;
    const isolating = index.policiesSelecting(c).filter((p) => p.ingressIsolating);
    if (isolating.length === 0) continue;
    const allowed = isolating.some((p) => p.ingress.some((r) => (r.peers === 'all' || r.peers.length > 0) && rulePortsAllow(r, port.protocol, target.port, target.declared)));
    if (!allowed) blocked.push({ podClass: c, policies: isolating.map((p) => p.name), target: target.port });
  }
  if (blocked.length === 0) return undefined;
  const first = blocked[0]!;
  const policies = [...new Set(blocked.flatMap((b) => b.policies))];
  return {
    span: (port.location ?? s.location).span,
    message: `Service ${s.name}'s port ${port.port} reaches ${port.protocol} ${first.target} on ${workloadList(blocked.flatMap((b) => b.podClass.workloads))}, which ${policies.length === 1 ? `policy "${policies[0]}" isolates` : `policies ${policies.map((p) => `"${p}"`).join(', ')} isolate`} for ingress without allowing that port from anywhere: connections to the Service will time out. Allow ${port.protocol} ${first.target} in an ingress rule of a policy selecting these pods.`,
  };
}

/** The container port a Service port targets on a class's pods; undefined for a name no container declares. */
function resolveTarget(port: ServicePortFact, declared: readonly ContainerPortFact[]): { port: number; declared?: ContainerPortFact } | undefined {
  if (typeof port.targetPort === 'number') {
    const d = declared.find((p) => p.port === port.targetPort && p.protocol === port.protocol);
    return { port: port.targetPort, ...(d ? { declared: d } : {}) };
  }
  const d = declared.find((p) => p.name === port.targetPort && p.protocol === port.protocol);
  return d ? { port: d.port, declared: d } : undefined;
}
