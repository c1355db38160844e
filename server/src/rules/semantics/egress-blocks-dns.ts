// File-wide: a policy that isolates egress while no policy of its namespace in the file that selects the same pods (or all
// of them) allows DNS, so name resolution breaks for those pods. Lenient where the file cannot tell: any destination that
// could be a DNS server counts as DNS.
import { DNS_EGRESS_RULE, detectStyle, insertMapEntry, insertSeqItem, replaceEntryValue, setSeqEntry, type TextEdit } from '../../edit/index';
import { minorVersion, type Settings } from '../../lint/settings';
import { effectivePolicyTypes, mapValue, policyNamespace, seqValue, type NetworkPolicy, type PolicyRule } from '../../model/policy';
import { allowsAllPeers, ruleAllowsPort, selectorRequirements } from '../../model/traffic';
import type { Span } from '../../syntax/span';
import { ruleFactAllowsDns } from '../../workspace/match';
import { defineRule, type FileIndexContext } from '../types';
import { fileList, policyFactAt, policyFiles } from '../workspace/describe';

/** Above this many requirements only the empty and the identical selector are looked up (2^n subsets otherwise). */
const MAX_SUBSET_REQUIREMENTS = 8;
const ANY_NAMESPACE = '\u0000any';
/** The DNS allowers of every namespace together, for policies without a namespace. */
const EVERY_NAMESPACE = '\u0000every';

const sortedRequirements = (policy: NetworkPolicy) => selectorRequirements(policy.podSelector).map((r) => r.canonical).sort();

/** True when a selector's text hints at a DNS server (k8s-app=kube-dns, app=coredns, node-local-dns...). */
const mentionsDns = (canonicals: readonly string[]) => canonicals.some((c) => /dns/i.test(c));

/**
 * `ipBlocks: false` on Cilium, whose CIDR rules match only addresses outside the cluster's endpoints and nodes, so an
 * ipBlock never reaches the CoreDNS pods (or a NodeLocal DNSCache on the node) there.
 */
function ruleAllowsDns(rule: PolicyRule, options: { ipBlocks: boolean }): boolean {
  // A named port may be CoreDNS's "dns" port; only pods resolve it, and kube-dns is a pod.
  if (ruleAllowsPort(rule, 'UDP', 53) === 'no') return false;
  if (allowsAllPeers(rule)) return true;
  return (rule.peers ?? []).some((peer) => {
    // An ipBlock may hold NodeLocal DNSCache (169.254.20.10) or an upstream resolver; other namespaces may hold kube-dns.
    if (peer.ipBlock) return options.ipBlocks;
    const pods = selectorRequirements(peer.podSelector).map((r) => r.canonical);
    if (peer.namespaceSelector && peer.namespaceSelector.node !== null) return pods.length === 0 || mentionsDns(pods);
    return mentionsDns(pods);
  });
}

function allowsDns(policy: NetworkPolicy, options: { ipBlocks: boolean }): boolean {
  return effectivePolicyTypes(policy).egress && (policy.egress?.rules ?? []).some((rule) => ruleAllowsDns(rule, options));
}

interface PolicyFacts {
  readonly ns: string;
  readonly egress: boolean;
  readonly allowsDns: boolean;
  /** On Cilium: the policy would allow DNS through an ipBlock, which Cilium does not match to the cluster DNS. */
  readonly ipBlockDnsOnCilium: boolean;
  readonly requirements: readonly string[];
  /** The requirements as one pool key. */
  readonly key: string;
}

function policyFacts(policy: NetworkPolicy, settings: Settings): PolicyFacts {
  const requirements = sortedRequirements(policy);
  const cilium = settings.cni === 'cilium';
  const dns = allowsDns(policy, { ipBlocks: !cilium });
  return {
    ns: policyNamespace(policy) ?? ANY_NAMESPACE,
    egress: effectivePolicyTypes(policy).egress,
    allowsDns: dns,
    ipBlockDnsOnCilium: cilium && !dns && allowsDns(policy, { ipBlocks: true }),
    requirements,
    key: requirements.join('\n'),
  };
}

function anchor(policy: NetworkPolicy): Span {
  const egressType = seqValue(policy.policyTypes)?.items.find((i) => i.kind === 'scalar' && i.value === 'Egress');
  return egressType?.span ?? policy.egress?.entry.keySpan ?? policy.name?.value.span ?? policy.node.span;
}

/** The keys of the file's index: every policy by namespace; the DNS-allowing ones by selector and by its size too. */
const policiesOf = (ns: string) => `n\u0000${ns}`;
const allowersOf = (ns: string, selector: string) => `p\u0000${ns}\u0000${selector}`;
const allowerSize = (ns: string, size: number) => `s\u0000${ns}\u0000${size}`;

/**
 * True when some DNS-allowing policy of these namespaces has a selector made of a subset of `sorted` (so it selects a
 * superset of these pods). Only subsets of the sizes those selectors have are built, which keeps the common cases
 * (allowers with 0-2 labels) to a handful of lookups.
 */
function anySubsetIn(sorted: readonly string[], namespaces: readonly string[], ctx: FileIndexContext): boolean {
  const has = (selector: string) => namespaces.some((ns) => ctx.has(allowersOf(ns, selector)));
  const hasSize = (size: number) => namespaces.some((ns) => ctx.has(allowerSize(ns, size)));
  if (sorted.length > MAX_SUBSET_REQUIREMENTS) return (hasSize(0) && has('')) || (hasSize(sorted.length) && has(sorted.join('\n')));
  const pick: string[] = [];
  const choose = (from: number, size: number): boolean => {
    if (pick.length === size) return has(pick.join('\n'));
    for (let i = from; i <= sorted.length - (size - pick.length); i++) {
      pick.push(sorted[i]!);
      const found = choose(i + 1, size);
      pick.pop();
      if (found) return true;
    }
    return false;
  };
  for (let size = 0; size <= sorted.length; size++) if (hasSize(size) && choose(0, size)) return true;
  return false;
}

export default defineRule({
  meta: {
    id: 'egress-blocks-dns',
    title: 'Egress is isolated but DNS is not allowed',
    category: 'semantics',
    severity: 'warning',
    docs: `A policy that isolates egress (\`policyTypes\` with \`Egress\`, or egress rules) blocks everything its rules do not
allow — including DNS. If nothing allows the selected pods to send UDP port 53 to a DNS server, every lookup of a Service
name times out and the application fails in confusing ways.

The rule looks at every NetworkPolicy of the same namespace in this file (policies without \`metadata.namespace\` are
matched with every namespace). Policies add up, so DNS counts as allowed when any policy whose \`podSelector\` selects all
pods, the same pods, or a superset of them (a subset of the same labels) has an egress rule allowing UDP 53 to a
destination that can be a DNS server: every destination (no \`to\`), any ipBlock (NodeLocal DNSCache, an upstream resolver),
a namespaceSelector with no podSelector or one mentioning DNS, or a podSelector mentioning DNS (\`k8s-app: kube-dns\`). A
named port counts too (CoreDNS names its port \`dns\`). A policy in another file, or one selecting an overlapping set of pods
by other labels, is not seen in a file on its own. In a workspace that holds the namespace's workloads, the policies of
every file of the namespace are considered, by the pods they actually select: DNS counts as allowed for the policy's
pods when every workload it selects is selected by some policy that allows DNS; the message names the files considered.

With \`netpol.cni: cilium\` an ipBlock does not count as allowing DNS, and the message says so: Cilium matches CIDR rules only
against peers it cannot map to an identity of its own, and "CIDR rules do not apply to traffic where both sides of the
connection are either managed by Cilium or use an IP belonging to a node in the cluster" (docs.cilium.io, Layer 3 policies,
"IP/CIDR based"; cilium/cilium Documentation/security/policy/layer3.rst). So \`0.0.0.0/0\` on port 53 reaches an upstream
resolver outside the cluster but not the CoreDNS pods, nor a NodeLocal DNSCache listening on the node.

Triggers:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
\`\`\`

Fixed: allow DNS to kube-dns.

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
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
        - port: 53
          protocol: TCP
\`\`\`

Quick fix (safe): add the egress rule above (creating \`egress\` when missing). Not offered with
\`netpol.kubernetesVersion\` below 1.21, where namespaces do not carry \`kubernetes.io/metadata.name\`.

Sources: CoreDNS pods carry \`k8s-app: kube-dns\` and serve 53/UDP and 53/TCP (kubernetes/kubernetes
cmd/kubeadm/app/phases/addons/dns/manifests.go); \`kubernetes.io/metadata.name\` is set on every namespace (GA in 1.22).`,
  },
  fileFacts: (policy, settings) => policyFacts(policy, settings),
  // A policy's judgment reads the allowers of its namespace (and of the policies without one) by the selectors it would be
  // covered by, and the number of policies checked: an edit re-judges only the isolating policies those answers change for.
  fileKeys(facts) {
    const { ns, egress, allowsDns, key, requirements } = facts as PolicyFacts;
    if (!egress || !allowsDns) return [policiesOf(ns)];
    const keys = [policiesOf(ns), allowersOf(ns, key), allowerSize(ns, requirements.length)];
    if (ns !== ANY_NAMESPACE) keys.push(allowersOf(EVERY_NAMESPACE, key), allowerSize(EVERY_NAMESPACE, requirements.length));
    return keys;
  },
  *checkInFile(policy, facts, ctx) {
    const { ns, egress, allowsDns, requirements, ipBlockDnsOnCilium } = facts as PolicyFacts;
    if (!egress || allowsDns) return;
    const namespaces = ns === ANY_NAMESPACE ? [ANY_NAMESPACE, EVERY_NAMESPACE] : [ns, ANY_NAMESPACE];
    if (anySubsetIn(requirements, namespaces, ctx)) return;
    const where = ns === ANY_NAMESPACE ? 'in this file' : `of namespace "${ns}" in this file`;
    const checked = ctx.count(policiesOf(ns)) + (ns === ANY_NAMESPACE ? 0 : ctx.count(policiesOf(ANY_NAMESPACE)));
    const onCilium = ipBlockDnsOnCilium ? ' Its ipBlock peers do not count: Cilium matches ipBlocks only to addresses outside the cluster, never to the CoreDNS pods.' : '';
    yield {
      span: anchor(policy),
      message: `This policy isolates egress, but no policy ${where} that selects these pods allows DNS (UDP port 53), so name lookups from them will time out.${onCilium} Checked ${checked} ${checked === 1 ? 'policy' : 'policies'} (those selecting all pods or a subset of these labels count). Allow UDP and TCP 53 to kube-dns (namespace kube-system, pods k8s-app: kube-dns), or suppress this if a policy elsewhere allows it.`,
      data: { namespace: ns === ANY_NAMESPACE ? undefined : ns },
    };
  },
  // Judges these facts of a document, again when these facts of the index change: the policies of the namespace that may allow DNS.
  workspaceJudges: ['policies'],
  workspaceReads: ['workloads', 'policies'],
  reviewInWorkspace(finding, ctx) {
    const p = policyFactAt(ctx.facts.policies, finding.span.start);
    if (!p || !ctx.index.hasWorkloads(p.namespace)) return finding;
    const selected = ctx.index.selectPods(p.namespace, p.podSelector);
    if (selected.length === 0) return finding;
    const open = selected.filter((c) => !ctx.index.policiesSelecting(c).some((q) => q.egressIsolating && q.egress.some(ruleFactAllowsDns)));
    if (open.length === 0) return undefined;
    const files = policyFiles(ctx.index.policies(p.namespace));
    return {
      ...finding,
      message: `This policy isolates egress, but no policy of namespace "${p.namespace}" that selects these pods allows DNS (UDP port 53), so name lookups from ${open
        .flatMap((c) => c.workloads)
        .slice(0, 3)
        .map((w) => `${w.kind.toLowerCase()}/${w.name}`)
        .join(', ')} will time out. Considered the policies of ${files.length} ${files.length === 1 ? 'file' : 'files'} of the workspace: ${fileList(files)}. Allow UDP and TCP 53 to kube-dns (namespace kube-system, pods k8s-app: kube-dns).`,
    };
  },
  fix(_finding, ctx) {
    const spec = mapValue(ctx.policy?.spec);
    // The snippet selects kube-system by kubernetes.io/metadata.name, which namespaces carry from 1.21 on.
    if (!spec || minorVersion(ctx.settings) < 21) return [];
    const style = detectStyle(ctx.text);
    const egress = ctx.policy!.egress;
    const list = egress?.entry.value;
    let edit: TextEdit | undefined;
    if (!egress) edit = insertMapEntry(ctx.text, spec, 'egress', [DNS_EGRESS_RULE], style);
    else if (list?.kind === 'seq' && list.items.length > 0) edit = insertSeqItem(ctx.text, list, DNS_EGRESS_RULE, style);
    // An empty or null list in a block spec gets the rule in block style; in a flow spec, in flow style.
    else if (!spec.flow && (list?.kind === 'seq' || (list?.kind === 'scalar' && list.value === null))) edit = replaceEntryValue(ctx.text, spec, egress.entry, [DNS_EGRESS_RULE], style);
    else edit = setSeqEntry(ctx.text, spec, 'egress', [DNS_EGRESS_RULE], style);
    // Safe: it only adds DNS to the cluster's DNS pods, which a policy that isolates egress almost always needs.
    return edit ? [{ title: 'Allow DNS to kube-dns (UDP and TCP 53)', edits: [edit], safe: true, preferred: true }] : [];
  },
});
