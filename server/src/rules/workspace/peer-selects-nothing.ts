// A `from`/`to` peer whose selectors select no workload (or no namespace) of the workspace: the rule allows traffic from or
// to nothing, so the connections it was written for stay blocked.
import { labelSelectorText, type LabelSelector } from '../../model/selector';
import type { PeerFact, PolicyFact } from '../../workspace/facts';
import { NAMESPACE_NAME_LABEL } from '../../workspace/extract';
import type { PodClass } from '../../workspace/index';
import { defineRule, type Finding, type WorkspaceContext } from '../types';
import { closestClasses, didYouMean } from './describe';

const EVERYTHING: LabelSelector = { matchLabels: {}, matchExpressions: [] };

export default defineRule({
  meta: {
    id: 'peer-selects-nothing',
    title: 'Peer selects no workload or namespace of the workspace',
    category: 'workspace',
    severity: 'warning',
    docs: `Workspace rule: a \`from\` or \`to\` entry whose \`podSelector\` matches no workload of the namespaces it refers
to (the policy's own, or those its \`namespaceSelector\` matches), or whose \`namespaceSelector\` matches no Namespace of
the workspace. The rule then allows nothing for that peer: the traffic it was written for stays blocked, which shows up
only at deploy time as a timeout. Reported only when the workspace holds workloads of the policy's namespace and of the
namespaces the peer refers to; a
\`namespaceSelector\` that matches no namespace is reported only when it selects on label keys that the workspace's Namespace
objects carry (a selector on \`kubernetes.io/metadata.name\` may name a namespace applied from elsewhere).

\`\`\`yaml
ingress:
  - from:
      - podSelector:
          matchLabels: {app: gatway}   # no workload has app=gatway: did you mean app=gateway?
\`\`\`

Fixed: \`matchLabels: {app: gateway}\`. No quick fix: which of several close label sets was meant is the author's call.`,
  },
  // Judges these facts of a document, again when these facts of the index change: the workloads and namespace labels its peers select among.
  workspaceJudges: ['policies'],
  workspaceReads: ['workloads', 'namespaces'],
  *checkWorkspace(ctx) {
    for (const p of ctx.facts.policies) {
      for (const rule of [...p.ingress, ...p.egress]) {
        if (rule.peers === 'all') continue;
        for (const peer of rule.peers) {
          const finding = judge(ctx, p, peer);
          if (finding) yield finding;
        }
      }
    }
  },
});

function judge(ctx: WorkspaceContext, p: PolicyFact, peer: PeerFact): Finding | undefined {
  const { index } = ctx;
  if ((!peer.podSelector && !peer.namespaceSelector) || !index.hasWorkloads(p.namespace)) return undefined;
  const podSelector = peer.podSelector ?? EVERYTHING;
  if (!peer.namespaceSelector) {
    if (index.selectPods(p.namespace, podSelector).length > 0) return undefined;
    const suggestions = closestClasses(podSelector, index.podClasses(p.namespace));
    return {
      span: peer.location.span,
      message: `This peer selects no pod: no workload of namespace "${p.namespace}" in this workspace has ${labelSelectorText(podSelector)}, so the rule allows no traffic for it.${didYouMean(suggestions)} Fix the labels, or add a namespaceSelector if the pods are in another namespace.`,
    };
  }
  const namespaces = index.selectNamespaces(peer.namespaceSelector);
  if (namespaces.length === 0) {
    if (!judgesNamespaces(index, peer.namespaceSelector)) return undefined;
    const declared = index.namespaces().filter((n) => n.declarations.length > 0);
    return {
      span: peer.location.span,
      message: `This peer's namespaceSelector (${labelSelectorText(peer.namespaceSelector)}) matches no namespace of this workspace (${declared
        .slice(0, 5)
        .map((n) => n.name)
        .join(', ')}${declared.length > 5 ? ', ...' : ''}), so the rule allows no traffic for it. Fix the labels, or label the Namespace.`,
    };
  }
  // Pods of namespaces the workspace may not hold (every namespace, or by labels its Namespaces are not known to carry)
  // cannot be judged: kube-dns in kube-system is the usual case.
  if (!peer.podSelector || !judgesNamespaces(index, peer.namespaceSelector)) return undefined;
  const concerned = namespaces.filter((n) => index.hasWorkloads(n.name));
  if (concerned.length === 0) return undefined;
  const classes: PodClass[] = concerned.flatMap((n) => index.podClasses(n.name));
  if (classes.some((c) => index.selectPods(c.namespace, podSelector).includes(c))) return undefined;
  return {
    span: peer.location.span,
    message: `This peer selects no pod: no workload of ${concerned.length === 1 ? `namespace "${concerned[0]!.name}"` : `the ${concerned.length} namespaces its namespaceSelector matches`} in this workspace has ${labelSelectorText(podSelector)}, so the rule allows no traffic for it.${didYouMean(closestClasses(podSelector, classes))} Fix the labels.`,
  };
}

/**
 * True when a namespaceSelector selects only on label keys that the workspace's Namespace objects carry (other than the
 * implied name label): only then does "no such namespace" or "no such pod there" mean something. A selector on
 * `kubernetes.io/metadata.name: monitoring`, or `{}` (every namespace), may well mean namespaces applied from elsewhere.
 */
function judgesNamespaces(index: WorkspaceContext['index'], selector: LabelSelector): boolean {
  const keys = [...Object.keys(selector.matchLabels), ...selector.matchExpressions.map((x) => x.key)];
  if (keys.length === 0) return false;
  const known = new Set(index.namespaces().flatMap((n) => n.declarations.flatMap((d) => Object.keys(d.labels))));
  known.delete(NAMESPACE_NAME_LABEL);
  return keys.every((k) => known.has(k));
}
