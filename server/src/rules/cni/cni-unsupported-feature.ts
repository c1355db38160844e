// Features of a policy that the configured CNI (`netpol.cni`) does not enforce or rejects: endPort, SCTP, named ports,
// `except`, IPv6 ipBlocks, negative operators in pod selectors, mixed IP families. Only gaps confirmed in the CNI's code or docs are listed.
import type { Cni } from '../../lint/settings';
import type { NetworkPolicy, Selector } from '../../model/policy';
import { namedPort, parseIpBlock } from '../../model/traffic';
import type { Span } from '../../syntax/span';
import type { Severity } from '../types';
import { defineRule } from '../types';

type Feature = 'endPort' | 'SCTP' | 'named port' | 'except' | 'IPv6 ipBlock' | 'negative pod selector' | 'mixed IP families';

interface Gap {
  readonly severity: Severity;
  readonly says: string;
}

const WINDOWS = 'Azure NPM on Windows nodes fails to translate (and so does not apply) a policy that uses';

const GAPS: Partial<Record<Cni, Partial<Record<Feature, Gap>>>> = {
  weave: {
    endPort: { severity: 'warning', says: 'Weave Net does not implement endPort: only `port` is enforced, not the range' },
    'named port': { severity: 'warning', says: 'Weave Net rejects policies with named ports ("named ports in network policies is not supported yet"), so this policy is not enforced' },
  },
  cilium: {
    endPort: { severity: 'information', says: 'Cilium before 1.16 ignores endPort and enforces only `port` (supported from 1.16)' },
    SCTP: { severity: 'warning', says: 'Cilium lists SCTP among the NetworkPolicy features it does not support (cilium/cilium#5719); SCTP itself is beta and opt-in (sctp.enabled=true)' },
  },
  'aws-vpc-cni': {
    'mixed IP families': {
      severity: 'information',
      says: "the AWS VPC CNI network policy agent enforces only the cluster's IP family: in an IPv4 cluster the IPv6 ipBlocks of this policy are ignored, in an IPv6 cluster the IPv4 ones",
    },
  },
  'azure-npm': {
    'IPv6 ipBlock': { severity: 'warning', says: 'Azure NPM supports only IPv4 ipBlocks: it fails to translate a policy with an IPv6 CIDR (ErrUnsupportedIPAddress) and does not apply it' },
    'named port': { severity: 'information', says: `${WINDOWS} named ports (Linux nodes support them)` },
    SCTP: { severity: 'information', says: `${WINDOWS} SCTP (Linux nodes support it)` },
    except: { severity: 'information', says: `${WINDOWS} \`except\` (Linux nodes support it)` },
    'negative pod selector': { severity: 'information', says: `${WINDOWS} NotIn or DoesNotExist in a podSelector (Linux nodes support it)` },
  },
};

interface Use {
  readonly feature: Feature;
  readonly span: Span;
}

/** NotIn and DoesNotExist in a pod selector (Azure NPM checks pod selectors only, not namespace selectors). */
function* podSelectorUses(s: Selector | undefined): Generator<Use> {
  for (const x of s?.matchExpressions ?? []) {
    const op = x.operator?.value;
    if (op?.kind === 'scalar' && (op.value === 'NotIn' || op.value === 'DoesNotExist')) yield { feature: 'negative pod selector', span: op.span };
  }
}

function* uses(policy: NetworkPolicy): Generator<Use> {
  yield* podSelectorUses(policy.podSelector);
  const families = new Map<number, Span>();
  for (const list of [policy.ingress, policy.egress]) {
    for (const rule of list?.rules ?? []) {
      for (const peer of rule.peers ?? []) {
        yield* podSelectorUses(peer.podSelector);
        const block = parseIpBlock(peer.ipBlock);
        if (block && !families.has(block.cidr.family)) families.set(block.cidr.family, block.cidrNode.span);
        if (block?.cidr.family === 6) yield { feature: 'IPv6 ipBlock', span: block.cidrNode.span };
        if (peer.ipBlock?.except && peer.ipBlock.exceptItems.length > 0) yield { feature: 'except', span: peer.ipBlock.except.keySpan };
      }
      for (const p of rule.ports ?? []) {
        const protocol = p.protocol?.value;
        if (protocol?.kind === 'scalar' && protocol.value === 'SCTP') yield { feature: 'SCTP', span: protocol.span };
        if (namedPort(p) !== undefined) yield { feature: 'named port', span: p.port!.value.span };
        const end = p.endPort?.value;
        if (end && !(end.kind === 'scalar' && end.value === null)) yield { feature: 'endPort', span: p.endPort!.keySpan };
      }
    }
  }
  if (families.size === 2) yield { feature: 'mixed IP families', span: families.get(6)! };
}

export default defineRule({
  meta: {
    id: 'cni-unsupported-feature',
    title: 'Policy feature the configured CNI does not support',
    category: 'cni',
    severity: 'warning',
    docs: `The API server accepts every valid policy, but each network plugin implements NetworkPolicy on its own, and some
skip or reject parts of it. A plugin that ignores \`endPort\` enforces only \`port\` (kubernetes.io network-policies docs),
so a range silently shrinks to one port; a plugin that rejects a feature may drop the whole policy. Set \`netpol.cni\`
(CLI \`--cni\`) to have these gaps reported. Only gaps confirmed in the plugin's code or documentation are listed:

| \`netpol.cni\` | Feature | Severity | Gap | Source |
|---|---|---|---|---|
| \`weave\` | \`endPort\` | warning | not implemented: only \`port\` is enforced | weaveworks/weave \`npc\` @8c847637 (unmaintained since 2022) |
| \`weave\` | named port | warning | policy rejected: "named ports in network policies is not supported yet. Rejecting network policy ... from further processing" | weaveworks/weave \`npc\` @8c847637 |
| \`cilium\` | \`endPort\` | information | ignored before Cilium 1.16 (only \`port\` enforced); supported from 1.16 | cilium/cilium#28684, PR #32807 (v1.16.0-rc.1 notes) |
| \`cilium\` | SCTP | warning | listed as a known missing feature; SCTP is beta and opt-in | cilium/cilium \`Documentation/network/kubernetes/policy.rst\` (#5719); docs.cilium.io/en/stable/configuration/sctp |
| \`aws-vpc-cni\` | IPv4 and IPv6 ipBlocks in one policy | information | only the cluster's IP family is enforced; the other family's rules are ignored | awsdocs/amazon-eks-user-guide \`latest/ug/networking/eks-networking-add-ons.adoc\` (network policy considerations) @4d52b4d0 |
| \`azure-npm\` | IPv6 ipBlock | warning | the policy fails to translate (\`ErrUnsupportedIPAddress\` / \`ErrUnsupportedIPFamily\`) | Azure/azure-container-networking \`npm/pkg/controlplane/translation/translatePolicy.go\` @cbd7560c and its IPBlock normalisation tests |
| \`azure-npm\` | named port, SCTP, \`except\`, \`NotIn\` / \`DoesNotExist\` in a podSelector | information | the policy fails to translate on Windows nodes (\`ErrUnsupportedNamedPort\`, \`ErrUnsupportedSCTP\`, \`ErrUnsupportedExceptCIDR\`, \`ErrUnsupportedNegativeMatch\`); supported on Linux | same file; \`isUnsupportedWindowsTranslationErr\` in npm's network policy controller |

Not listed (not confirmed): SCTP on weave, kube-router and Calico's eBPF dataplane; gaps of GKE Dataplane V2, Antrea and
OVN-Kubernetes. \`aws-vpc-cni\` implements endPort, \`except\` and SCTP (aws/aws-network-policy-agent @c8619c05).

Triggers (\`netpol.cni: weave\`):

\`\`\`yaml
ports:
  - port: 8000
    endPort: 8100
\`\`\`

Fixed: list the ports the workload needs one by one, or move to a plugin that implements endPort.

No quick fix: rewriting around a missing feature (listing ports, dropping an except) changes what is allowed in ways the
author must choose.`,
  },
  *checkPolicy(policy, ctx) {
    const gaps = GAPS[ctx.settings.cni];
    if (!gaps) return;
    for (const use of uses(policy)) {
      const gap = gaps[use.feature];
      if (!gap) continue;
      yield {
        span: use.span,
        severity: gap.severity,
        message: `With netpol.cni "${ctx.settings.cni}": ${gap.says}.`,
        data: { feature: use.feature, cni: ctx.settings.cni },
      };
    }
  },
});
