// The plain-English explanation of a NetworkPolicy, as a pure function of the model: which pods it selects and, per
// direction, whether it isolates them and what it allows. Hover (on kind / metadata.name) and the CodeLens show it; it
// lives in describe/ with the wording of selectors, ports and CIDRs, which features share instead of borrowing from each other.
import { effectivePolicyTypes, policyNamespace, type Direction, type NetworkPolicy, type Peer, type PolicyRule } from '../../model/policy';
import { namespaceSelectorText, podSelectorText } from './selector-text';
import { scalarText, stringScalar } from '../../syntax/tree';
import { joinAnd, joinOr, portsText } from './port-text';

export interface PolicyExplanation {
  /** "Applies to every pod in namespace prod." */
  readonly subject: string;
  /** "Ingress: isolated. Allowed from …, on TCP 8080. Everything else is denied." */
  readonly ingress: string;
  readonly egress: string;
  /** Caveats that hold for this policy (node traffic, ipBlock, named ports). */
  readonly notes: readonly string[];
}

const DIRECTION_NAME: Record<Direction, string> = { ingress: 'Ingress', egress: 'Egress' };

export function explainPolicy(p: NetworkPolicy): PolicyExplanation {
  const notes = new Set<string>();
  const ns = policyNamespace(p);
  const where = ns ? `in namespace ${ns}` : 'in the namespace it is created in';
  const subject = p.podSelector && p.podSelector.node !== null ? `Applies to ${podSelectorText(p.podSelector, where)}.` : `Applies to every pod ${where}.`;
  return {
    subject,
    ingress: directionText(p, 'ingress', notes),
    egress: directionText(p, 'egress', notes),
    notes: [...notes],
  };
}

function directionText(p: NetworkPolicy, direction: Direction, notes: Set<string>): string {
  const name = DIRECTION_NAME[direction];
  const types = effectivePolicyTypes(p);
  const list = direction === 'ingress' ? p.ingress : p.egress;
  const rules = list?.rules ?? [];
  if (!types[direction]) {
    if (rules.length > 0) {
      const count = rules.length === 1 ? `its ${direction} rule is` : `its ${rules.length} ${direction} rules are`;
      return `${name}: not affected by this policy (policyTypes leaves out ${name}, so ${count} ignored).`;
    }
    if (list && types.defaulted && direction === 'egress') {
      return `${name}: not affected by this policy (an empty egress list does not add Egress to the default policyTypes).`;
    }
    return `${name}: not affected by this policy.`;
  }
  if (direction === 'ingress') notes.add("Traffic from the node a selected pod runs on (such as kubelet health checks) is always allowed.");
  if (rules.length === 0) return `${name}: isolated. Nothing is allowed: all ${direction} is denied.`;
  const texts = rules.map((r) => ruleText(r, notes));
  if (rules.some(allowsEverything)) return `${name}: isolated, but a rule allows everything (${texts.find((_, i) => allowsEverything(rules[i]!))}): all ${direction} is allowed.`;
  return `${name}: isolated. Allowed ${texts.join('; and ')}. Everything else is denied.`;
}

function allowsEverything(r: PolicyRule): boolean {
  return (r.peers === undefined || r.peers.length === 0) && (r.ports === undefined || r.ports.length === 0);
}

/** "from pods labelled app=frontend in this namespace, on TCP 8080". */
export function ruleText(r: PolicyRule, notes: Set<string> = new Set()): string {
  const preposition = r.direction === 'ingress' ? 'from' : 'to';
  const peers = r.peers && r.peers.length > 0 ? joinOr(r.peers.map((peer) => peerText(peer, notes))) : 'anywhere';
  for (const port of r.ports ?? []) {
    const value = port.port?.value;
    if (value?.kind === 'scalar' && typeof value.value === 'string') {
      const whose = r.direction === 'ingress' ? 'the pods this policy selects' : 'the destination pods';
      notes.add(`A named port ("${value.value}") means the container port of that name on ${whose}; pods without such a port do not match.`);
    }
  }
  return `${preposition} ${peers}, ${portsText(r.ports)}`;
}

/** One peer: "pods labelled app=x in this namespace", "every pod in namespace kube-system", "IP range 10.0.0.0/8 except …". */
export function peerText(peer: Peer, notes: Set<string> = new Set()): string {
  const pod = peer.podSelector?.node !== null ? peer.podSelector : undefined;
  const namespace = peer.namespaceSelector?.node !== null ? peer.namespaceSelector : undefined;
  if (peer.ipBlock) {
    notes.add('ipBlock is meant for addresses outside the cluster: pod IPs change, and traffic may be NATed on its way, so select in-cluster peers with pod and namespace selectors.');
    const text = ipBlockText(peer);
    return pod || namespace ? `${text} (invalid: a peer with ipBlock cannot also have selectors)` : text;
  }
  if (pod && namespace) return podSelectorText(pod, `in ${namespaceSelectorText(namespace)}`);
  if (namespace) return `every pod in ${namespaceSelectorText(namespace)}`;
  if (pod) return podSelectorText(pod, 'in this namespace');
  return 'nothing (an empty peer is invalid: it needs a podSelector, namespaceSelector or ipBlock)';
}

function ipBlockText(peer: Peer): string {
  const block = peer.ipBlock!;
  const cidr = stringScalar(block.cidr?.value);
  const base = cidr === undefined ? 'an ipBlock without a cidr' : cidrPhrase(cidr);
  const except = block.exceptItems.map((i) => scalarText(i) ?? '?');
  return except.length ? `${base} except ${joinAnd(except)}` : base;
}

function cidrPhrase(cidr: string): string {
  const trimmed = cidr.trim();
  if (/^0+\.0+\.0+\.0+\/0$/.test(trimmed)) return 'any IPv4 address (0.0.0.0/0)';
  if (/^::\/0$/.test(trimmed)) return 'any IPv6 address (::/0)';
  return `IP range ${trimmed}`;
}
