// A named port in a rule's `ports` that no container of the pods it applies to declares: ingress ports name the selected
// pods' ports, egress ports the peer pods' ports. A name no container declares matches nothing, so the rule allows nothing.
import type { ContainerPortFact, PolicyFact, PortFact, RuleFact } from '../../workspace/facts';
import type { PodClass, WorkspaceIndex } from '../../workspace/index';
import { defineRule, type Finding } from '../types';
import { workloadList } from './describe';

export default defineRule({
  meta: {
    id: 'named-port-not-declared',
    title: 'Named port is declared by no container of the pods concerned',
    category: 'workspace',
    severity: 'warning',
    docs: `Workspace rule: a \`port\` given by name (\`port: metrics\`) resolves against the container ports of the
destination pods — for an ingress rule, the pods the policy selects; for an egress rule, the pods of its \`to\` peers. When
no container of those pods declares a port of that name (and protocol), the entry matches no traffic: the rule allows
nothing and the connection it was meant for is blocked. Reported only when the workspace holds the pods concerned (every
peer of an egress rule must be a pod selector that selects workloads of the workspace).

\`\`\`yaml
# the Deployment's container declares  ports: [{name: http, containerPort: 8080}]
ingress:
  - ports:
      - port: htttp     # no container of the selected pods declares a port named "htttp"
\`\`\`

Fixed: \`port: http\` (or the number, \`port: 8080\`). Source: kubernetes.io/docs/concepts/services-networking/network-policies
("port ... can be a numerical or named port on a pod").`,
  },
  // Judges these facts of a document, again when these facts of the index change: the container ports of the pods it and its peers select.
  workspaceJudges: ['policies'],
  workspaceReads: ['workloads', 'namespaces'],
  *checkWorkspace(ctx) {
    const { index } = ctx;
    for (const p of ctx.facts.policies) {
      if (!index.hasWorkloads(p.namespace)) continue;
      const selected = index.selectPods(p.namespace, p.podSelector);
      for (const rule of p.ingress) if (selected.length > 0) yield* check(rule, selected, 'the pods this policy selects');
      for (const rule of p.egress) {
        const peers = egressPeers(index, p, rule);
        if (peers && peers.length > 0) yield* check(rule, peers, 'the pods this rule\'s `to` selects');
      }
    }
  },
});

/** The pod classes an egress rule sends to; undefined when some destination is not a pod the workspace knows. */
function egressPeers(index: WorkspaceIndex, p: PolicyFact, rule: RuleFact): PodClass[] | undefined {
  if (rule.peers === 'all' || rule.peers.length === 0) return undefined;
  const out: PodClass[] = [];
  for (const peer of rule.peers) {
    if (peer.ipBlock) return undefined;
    const classes = index.selectPeer(p.namespace, peer);
    if (classes.length === 0) return undefined;
    out.push(...classes);
  }
  return out;
}

function* check(rule: RuleFact, classes: readonly PodClass[], whose: string): Generator<Finding> {
  if (rule.ports === 'all') return;
  for (const port of rule.ports) {
    if (typeof port.port !== 'string') continue;
    const name = port.port;
    if (classes.some((c) => c.ports.some((cp) => declares(cp, port, name)))) continue;
    const declared = [...new Set(classes.flatMap((c) => c.ports.filter((cp) => cp.name && cp.protocol === port.protocol).map((cp) => cp.name!)))];
    yield {
      span: port.location.span,
      message: `No container of ${whose} (${workloadList(classes.flatMap((c) => c.workloads))}) declares a ${port.protocol} port named "${name}", so this entry matches no traffic.${
        declared.length > 0 ? ` They declare ${declared.map((d) => `"${d}"`).join(', ')}.` : ''
      } Use a declared port name or the port number.`,
    };
  }
}

function declares(cp: ContainerPortFact, port: PortFact, name: string): boolean {
  return cp.name === name && cp.protocol === port.protocol;
}
