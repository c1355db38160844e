// Strict profile, file-wide: a namespace that has policies in the file but no default-deny policy (all pods selected,
// isolated, no rules but a DNS allowance) for ingress or for egress, so every pod no policy selects stays open.
import { effectivePolicyTypes, policyNamespace, type NetworkPolicy, type PolicyRule } from '../../model/policy';
import { selectorRequirements } from '../../model/traffic';
import { selectsEverything } from '../../model/selector';
import type { PolicyFact } from '../../workspace/facts';
import { defineRule } from '../types';
import { fileList, policyFactAt, policyFiles } from '../workspace/describe';

interface DenyFacts {
  /** '' for the policies without a namespace. */
  readonly namespace: string;
  /** Whether the policy is a default deny of ingress, of egress. */
  readonly ingress: boolean;
  readonly egress: boolean;
}

function denies(policy: NetworkPolicy): { ingress: boolean; egress: boolean } {
  if (selectorRequirements(policy.podSelector).length > 0) return { ingress: false, egress: false };
  const types = effectivePolicyTypes(policy);
  return {
    ingress: types.ingress && (policy.ingress?.rules.length ?? 0) === 0,
    // Default-deny egress usually comes with its DNS allowance (rules that open only port 53): still a default deny.
    egress: types.egress && (policy.egress?.rules ?? []).every(opensOnlyDns),
  };
}

function opensOnlyDns(rule: PolicyRule): boolean {
  const ports = rule.ports ?? [];
  return ports.length > 0 && ports.every((p) => p.port?.value.kind === 'scalar' && p.port.value.value === 53 && !p.endPort);
}

export default defineRule({
  meta: {
    id: 'namespace-without-default-deny',
    title: 'Namespace without a default-deny policy',
    category: 'security',
    severity: 'warning',
    profile: 'strict',
    docs: `Only reported under the \`strict\` profile. File-wide: for every namespace that has NetworkPolicies in the file
(policies without \`metadata.namespace\` count as one namespace, the one kubectl points at), at least one policy must select
all pods (\`podSelector: {}\`) and isolate them with no rules, for ingress and for egress (egress rules that open only port 53,
the DNS allowance default-deny egress needs, still count). Without it, every pod that no
policy selects accepts and sends all traffic, and a new workload starts out open. On its own, the check sees only this
file; in a workspace that holds the namespace's workloads, a default-deny policy in any file of the namespace counts, and the
message names the files considered.

Triggers (strict profile): a namespace whose only policy allows the frontend to reach the API.

Fixed: add

\`\`\`yaml
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny
  namespace: prod
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
\`\`\`

and allow DNS explicitly (see \`egress-blocks-dns\`). Source: kubernetes.io/docs/concepts/services-networking/network-policies
("Default policies").

No quick fix on the diagnostic: the source action "Insert default-deny" (and the palette command) adds one, with a name
that is unique across the whole file, which a fix (seeing one document) could not check.`,
  },
  // Judges these facts of a document, again when these facts of the index change: the namespace's policies in every file.
  workspaceJudges: ['policies'],
  workspaceReads: ['workloads', 'policies'],
  reviewInWorkspace(finding, ctx) {
    const p = policyFactAt(ctx.facts.policies, finding.span.start);
    const missing = finding.data?.['missing'];
    if (!p || !Array.isArray(missing) || !ctx.index.hasWorkloads(p.namespace)) return finding;
    const policies = ctx.index.policies(p.namespace);
    const still = missing.filter((direction) => !policies.some((q) => deniesFact(q, direction === 'ingress' ? 'ingress' : 'egress')));
    if (still.length === 0) return undefined;
    const files = policyFiles(policies);
    return {
      ...finding,
      message: `No default-deny policy for ${still.join(' and ')} in namespace "${p.namespace}" in the ${files.length} ${files.length === 1 ? 'file' : 'files'} of the workspace with its policies (${fileList(files)}): pods that no policy selects stay open. Add a policy with \`podSelector: {}\` and policyTypes [${still.map((m) => (m === 'ingress' ? 'Ingress' : 'Egress')).join(', ')}] and no rules (a DNS allowance aside).`,
      data: { ...finding.data, missing: still },
    };
  },
  // Filed under its namespace, and under the directions it denies by default there: only the first policy of a namespace
  // reports, and is judged again when that namespace gains its first default deny of a direction or loses its last.
  fileFacts: (policy): DenyFacts => ({ namespace: policyNamespace(policy) ?? '', ...denies(policy) }),
  fileKeys(facts) {
    const { namespace, ingress, egress } = facts as DenyFacts;
    return [`n\u0000${namespace}`, ...(ingress ? [`i\u0000${namespace}`] : []), ...(egress ? [`e\u0000${namespace}`] : [])];
  },
  *checkInFile(policy, facts, ctx) {
    const { namespace } = facts as DenyFacts;
    if (!ctx.isFirst(`n\u0000${namespace}`)) return;
    const missing = [...(ctx.has(`i\u0000${namespace}`) ? [] : ['ingress']), ...(ctx.has(`e\u0000${namespace}`) ? [] : ['egress'])];
    if (missing.length === 0) return;
    const anchor = policy.namespace?.value ?? policy.name?.value ?? policy.kind?.value;
    const where = namespace ? `in namespace "${namespace}"` : 'among the policies without a namespace';
    yield {
      span: anchor?.span ?? policy.node.span,
      message: `No default-deny policy for ${missing.join(' and ')} ${where} in this file: pods that no policy selects stay open. Add a policy with \`podSelector: {}\` and policyTypes [${missing.map((m) => (m === 'ingress' ? 'Ingress' : 'Egress')).join(', ')}] and no rules (a DNS allowance aside).`,
      data: { namespace, missing },
    };
  },
});

/** The same judgment as `denies`, on a policy of another file. */
function deniesFact(p: PolicyFact, direction: 'ingress' | 'egress'): boolean {
  if (!selectsEverything(p.podSelector)) return false;
  if (direction === 'ingress') return p.ingressIsolating && p.ingress.length === 0;
  return p.egressIsolating && p.egress.every((r) => r.ports !== 'all' && r.ports.length > 0 && r.ports.every((x) => x.port === 53 && !('endPort' in x && x.endPort !== undefined)));
}
