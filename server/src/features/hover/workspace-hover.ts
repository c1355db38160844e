// Hover text that needs the workspace: what a podSelector or a `from`/`to` peer selects among the workspace's workloads,
// and, on a workload's metadata.name, which policies isolate it and what they allow.
import { labelSelectorText } from '../../model/selector';
import type { FileFacts, Location, PolicyFact, RuleFact, WorkloadFact } from '../../workspace/facts';
import type { PodClass, WorkspaceIndex } from '../../workspace/index';
import type { Span } from '../../syntax/span';

interface WorkspaceHover {
  readonly markdown: string;
  readonly span: Span;
}

const inside = (l: Location, offset: number): boolean => l.span.start <= offset && offset <= l.span.end;
const name = (w: WorkloadFact): string => `${w.kind.toLowerCase()}/${w.name}`;

/** The workspace hover at `offset` of a file, if the cursor is on a podSelector, a peer or a workload's name. */
export function workspaceHover(index: WorkspaceIndex, facts: FileFacts, offset: number, link: (l: Location) => string): WorkspaceHover | undefined {
  for (const w of facts.workloads) if (inside(w.location, offset)) return { markdown: isolationText(index, w, link), span: w.location.span };
  for (const p of facts.policies) {
    if (!index.hasWorkloads(p.namespace)) continue;
    for (const rule of [...p.ingress, ...p.egress]) {
      if (rule.peers === 'all') continue;
      for (const peer of rule.peers) {
        if (!inside(peer.location, offset) || (!peer.podSelector && !peer.namespaceSelector)) continue;
        return { markdown: `**This peer** ${selectionText(index.selectPeer(p.namespace, peer))}`, span: peer.location.span };
      }
    }
    if (inside(p.podSelectorLocation, offset)) {
      return { markdown: `**podSelector** (${labelSelectorText(p.podSelector)}) ${selectionText(index.selectPods(p.namespace, p.podSelector))}`, span: p.podSelectorLocation.span };
    }
  }
  return undefined;
}

/** "selects deployment/frontend, statefulset/db (2 workloads, 5 replicas)" or "selects nothing in this workspace". */
function selectionText(classes: readonly PodClass[]): string {
  const workloads = classes.flatMap((c) => c.workloads);
  if (workloads.length === 0) return 'selects nothing in this workspace.';
  const replicas = classes.reduce((n, c) => n + c.replicas, 0);
  const shown = workloads.slice(0, 8).map(name).join(', ') + (workloads.length > 8 ? `, and ${workloads.length - 8} more` : '');
  return `selects ${shown} (${workloads.length} ${workloads.length === 1 ? 'workload' : 'workloads'}, ${replicas} ${replicas === 1 ? 'replica' : 'replicas'}).`;
}

function isolationText(index: WorkspaceIndex, w: WorkloadFact, link: (l: Location) => string): string {
  const podClass = index.classOf(w);
  const policies = podClass ? index.policiesSelecting(podClass) : [];
  const line = (direction: 'ingress' | 'egress'): string => {
    const isolating = policies.filter((p) => (direction === 'ingress' ? p.ingressIsolating : p.egressIsolating));
    if (isolating.length === 0) return `**${direction}** not isolated: no policy of this workspace selects these pods for ${direction}.`;
    const allowed = isolating.flatMap((p) => (direction === 'ingress' ? p.ingress : p.egress).map((r) => ruleText(index, p, r, direction)));
    const names = isolating.map((p) => `[${p.name}](${link(p.location)})`).join(', ');
    return `**${direction}** isolated by ${isolating.length} ${isolating.length === 1 ? 'policy' : 'policies'} (${names}): ${allowed.length === 0 ? 'nothing allowed' : `allowed ${allowed.join('; ')}`}.`;
  };
  return [`**${name(w)}** (namespace ${w.namespace})`, line('ingress'), line('egress')].join('\n\n');
}

function ruleText(index: WorkspaceIndex, p: PolicyFact, r: RuleFact, direction: 'ingress' | 'egress'): string {
  const who =
    r.peers === 'all'
      ? 'anywhere'
      : r.peers
          .map((peer) => {
            if (peer.ipBlock) return 'an ipBlock';
            const classes = index.selectPeer(p.namespace, peer);
            const workloads = classes.flatMap((c) => c.workloads).map(name);
            return workloads.length > 0 ? workloads.slice(0, 3).join(', ') + (workloads.length > 3 ? '…' : '') : 'no workload of this workspace';
          })
          .join(', ');
  const ports = r.ports === 'all' ? 'every port' : r.ports.map((x) => `${x.protocol} ${x.port ?? 'any'}${'endPort' in x && x.endPort !== undefined ? `-${x.endPort}` : ''}`).join(', ');
  return `${direction === 'ingress' ? 'from' : 'to'} ${who} on ${ports}`;
}

/** One-line summaries for CodeLenses: above each judged podSelector what it selects, above each workload its isolation. */
export function workspaceLenses(index: WorkspaceIndex, facts: FileFacts): { readonly span: Span; readonly title: string }[] {
  const out: { span: Span; title: string }[] = [];
  for (const p of facts.policies) {
    if (index.hasWorkloads(p.namespace)) out.push({ span: p.podSelectorLocation.span, title: `podSelector ${selectionText(index.selectPods(p.namespace, p.podSelector))}` });
  }
  for (const w of facts.workloads) {
    const podClass = index.classOf(w);
    const policies = podClass ? index.policiesSelecting(podClass) : [];
    const state = (direction: 'ingress' | 'egress'): string => {
      const n = policies.filter((p) => (direction === 'ingress' ? p.ingressIsolating : p.egressIsolating)).length;
      return n === 0 ? `${direction} not isolated` : `${direction} isolated by ${n} ${n === 1 ? 'policy' : 'policies'}`;
    };
    out.push({ span: w.location.span, title: `${state('ingress')}; ${state('egress')}` });
  }
  return out;
}
