// Walks a policy's selectors, peers, ipBlocks and ports together with the field path the API server would print for them
// (`spec.ingress[0].from[1].ipBlock`), so that every api rule words its messages like a `kubectl apply` error.
import type { IpBlock, NetworkPolicy, Peer, PolicyRule, PortEntry, Selector } from '../../model/policy';
import type { YNode } from '../../syntax/tree';

export interface At<T> {
  readonly item: T;
  readonly path: string;
}

function rulePath(rule: PolicyRule): string {
  return `spec.${rule.direction}[${rule.index}]`;
}

export function peersPath(rule: PolicyRule): string {
  return `${rulePath(rule)}.${rule.direction === 'ingress' ? 'from' : 'to'}`;
}

export function* rulesOf(policy: NetworkPolicy): Iterable<PolicyRule> {
  if (policy.ingress) yield* policy.ingress.rules;
  if (policy.egress) yield* policy.egress.rules;
}

export function* peersOf(policy: NetworkPolicy): Iterable<At<Peer> & { rule: PolicyRule }> {
  for (const rule of rulesOf(policy)) for (const peer of rule.peers ?? []) yield { item: peer, path: `${peersPath(rule)}[${peer.index}]`, rule };
}

/** Every selector with its path; a selector written as `podSelector:` (null) is absent for Kubernetes and skipped. */
export function* selectorsOf(policy: NetworkPolicy): Iterable<At<Selector>> {
  if (policy.podSelector?.node) yield { item: policy.podSelector, path: 'spec.podSelector' };
  for (const { item: peer, path } of peersOf(policy)) {
    if (peer.podSelector?.node) yield { item: peer.podSelector, path: `${path}.podSelector` };
    if (peer.namespaceSelector?.node) yield { item: peer.namespaceSelector, path: `${path}.namespaceSelector` };
  }
}

export function* ipBlocksOf(policy: NetworkPolicy): Iterable<At<IpBlock>> {
  for (const { item: peer, path } of peersOf(policy)) if (peer.ipBlock?.node) yield { item: peer.ipBlock, path: `${path}.ipBlock` };
}

export function* portsOf(policy: NetworkPolicy): Iterable<At<PortEntry>> {
  for (const rule of rulesOf(policy)) for (const port of rule.ports ?? []) yield { item: port, path: `${rulePath(rule)}.ports[${port.index}]` };
}

export function stringOf(node: YNode | undefined): string | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** An integer value as Kubernetes decodes it into an int32 field; undefined for anything else (the schema rules report those). */
export function integerOf(node: YNode | undefined): number | undefined {
  return node && node.kind === 'scalar' && typeof node.value === 'number' && Number.isInteger(node.value) ? node.value : undefined;
}

export function isNullNode(node: YNode | undefined): boolean {
  return !node || (node.kind === 'scalar' && node.value === null);
}
