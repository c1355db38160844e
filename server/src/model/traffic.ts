// What a rule's ports and peers let through, for the rules and for the features that describe or test traffic: protocol
// defaulting, port matching (numbers, ranges, names), parsed ipBlocks and the addresses they hold, selector requirements.
// Invalid values count as matching nothing; the api rules report them. Pod and namespace selectors are matched against
// labels by `selector.ts`'s `selectorMatches`.
import { cidrContainsIp, parseCidr, type Cidr, type Family } from '../net/ip';
import { rulesInEffect, type IpBlock, type NetworkPolicy, type Peer, type PolicyRule, type PortEntry, type Selector } from './policy';
import { scalarText, type YNode } from '../syntax/tree';
import type { Span } from '../syntax/span';

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

/** The port entry's protocol after defaulting (TCP when missing or null); undefined for an invalid value. */
export function portProtocol(p: PortEntry): Protocol | undefined {
  const v = p.protocol?.value;
  if (!v || (v.kind === 'scalar' && v.value === null)) return 'TCP';
  return v.kind === 'scalar' && (v.value === 'TCP' || v.value === 'UDP' || v.value === 'SCTP') ? v.value : undefined;
}

/** True when the entry's protocol was left to the default. */
export function protocolDefaulted(p: PortEntry): boolean {
  const v = p.protocol?.value;
  return !v || (v.kind === 'scalar' && v.value === null);
}

export function numericPort(p: PortEntry): number | undefined {
  const v = p.port?.value;
  return v?.kind === 'scalar' && typeof v.value === 'number' && Number.isInteger(v.value) ? v.value : undefined;
}

export function namedPort(p: PortEntry): string | undefined {
  const v = p.port?.value;
  return v?.kind === 'scalar' && typeof v.value === 'string' && v.value !== '' ? v.value : undefined;
}

/**
 * Whether a port entry lets `protocol`/`port` through: 'yes', 'no', or 'named' when the entry names a port (which resolves
 * against the destination pod's container ports, so only pods can match it).
 */
export function portEntryMatches(p: PortEntry, protocol: Protocol, port: number): 'yes' | 'no' | 'named' {
  if (portProtocol(p) !== protocol) return 'no';
  const v = p.port?.value;
  if (!v || (v.kind === 'scalar' && v.value === null)) return 'yes';
  if (namedPort(p) !== undefined) return 'named';
  const start = numericPort(p);
  if (start === undefined) return 'no';
  const endValue = p.endPort?.value;
  const end = endValue?.kind === 'scalar' && typeof endValue.value === 'number' ? endValue.value : start;
  return port >= start && port <= Math.max(start, end) ? 'yes' : 'no';
}

/** True when the rule's `ports` is missing, null or empty: every port of every protocol. */
export function allowsAllPorts(rule: PolicyRule): boolean {
  const v = rule.portsEntry?.value;
  return !v || v.kind !== 'seq' || v.items.length === 0;
}

/** Whether a rule lets `protocol`/`port` through, by its `ports` alone. */
export function ruleAllowsPort(rule: PolicyRule, protocol: Protocol, port: number): 'yes' | 'no' | 'named' {
  if (allowsAllPorts(rule)) return 'yes';
  let result: 'no' | 'named' = 'no';
  for (const p of rule.ports ?? []) {
    const m = portEntryMatches(p, protocol, port);
    if (m === 'yes') return 'yes';
    if (m === 'named') result = 'named';
  }
  return result;
}

/** True when the rule's `from`/`to` is missing, null or `[]`: every source or destination. */
export function allowsAllPeers(rule: PolicyRule): boolean {
  const v = rule.peersEntry?.value;
  return !v || (v.kind === 'scalar' && v.value === null) || (v.kind === 'seq' && v.items.length === 0);
}

export interface ParsedIpBlock {
  readonly block: IpBlock;
  readonly cidr: Cidr;
  readonly cidrNode: YNode;
  /** The `except` entries that parse, each with its node. */
  readonly except: readonly { readonly cidr: Cidr; readonly node: YNode }[];
}

/** The ipBlock with its CIDRs parsed; undefined when `cidr` is missing or does not parse (an api error). */
export function parseIpBlock(block: IpBlock | undefined): ParsedIpBlock | undefined {
  const node = block?.cidr?.value;
  if (!block || node?.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  const cidr = parseCidr(node.value.trim());
  if (!cidr) return undefined;
  const except = block.exceptItems.flatMap((n) => {
    const c = n.kind === 'scalar' && typeof n.value === 'string' ? parseCidr(n.value.trim()) : undefined;
    return c ? [{ cidr: c, node: n }] : [];
  });
  return { block, cidr, cidrNode: node, except };
}

/** An address, as `net/ip.ts` parses it. */
export interface Address {
  readonly family: Family;
  readonly value: bigint;
}

/** True when the ipBlock holds the address: inside its `cidr` and outside every `except`. */
export function ipBlockContains(block: ParsedIpBlock, address: Address): boolean {
  return cidrContainsIp(block.cidr, address) && !block.except.some((x) => cidrContainsIp(x.cidr, address));
}

/**
 * The peer's ipBlock, parsed, when the peer is an ipBlock peer; undefined for a selector peer (which selects pods, never
 * addresses) and for an ipBlock beside a selector (invalid: the API server rejects it).
 */
export function peerIpBlock(peer: Peer): ParsedIpBlock | undefined {
  return peer.podSelector || peer.namespaceSelector ? undefined : parseIpBlock(peer.ipBlock);
}

/** Every ipBlock peer (as `peerIpBlock` reads them) of the rules in effect, ingress then egress, with its rule. */
export function* ipBlockPeersInEffect(p: NetworkPolicy): Generator<{ rule: PolicyRule; peer: Peer; block: ParsedIpBlock }> {
  for (const rule of rulesInEffect(p).flat()) {
    for (const peer of rule.peers ?? []) {
      const block = peerIpBlock(peer);
      if (block) yield { rule, peer, block };
    }
  }
}

/**
 * Whether a rule lets traffic to or from an address outside the cluster through on `protocol`/`port`: its peers allow the
 * address (no peers, or an ipBlock holding it) and its ports allow the port. A named port never matches an address.
 */
export function ruleAllowsAddress(rule: PolicyRule, address: Address, protocol: Protocol, port: number): boolean {
  if (ruleAllowsPort(rule, protocol, port) !== 'yes') return false;
  if (allowsAllPeers(rule)) return true;
  return (rule.peers ?? []).some((peer) => {
    const block = peerIpBlock(peer);
    return block !== undefined && ipBlockContains(block, address);
  });
}

export interface Requirement {
  readonly key: string;
  /** Canonical text of the requirement, equal for equal requirements. */
  readonly canonical: string;
}

/** A selector's requirements (matchLabels and matchExpressions); [] for an absent, null or empty selector (all). */
export function selectorRequirements(s: Selector | undefined): Requirement[] {
  if (!s || s.node === null) return [];
  const out: Requirement[] = [];
  for (const l of s.matchLabels) out.push({ key: l.key, canonical: `${l.key}=${(scalarText(l.value) ?? '')}` });
  for (const x of s.matchExpressions) {
    const key = (scalarText(x.key?.value) ?? '');
    const op = (scalarText(x.operator?.value) ?? '');
    const values = x.values?.value.kind === 'seq' ? x.values.value.items.map((n) => scalarText(n) ?? '').sort() : [];
    out.push({ key, canonical: `${key} ${op} (${values.join(',')})` });
  }
  return out;
}

/** A short, readable form of a selector for messages: `app=web, tier in (a,b)`; `{}` for an empty one. */
export function selectorText(s: Selector | undefined): string {
  const reqs = selectorRequirements(s);
  return reqs.length === 0 ? '{}' : reqs.map((r) => r.canonical).join(', ');
}


/** Where to report a finding about a whole rule: its `from`/`to` key, else its first key, else the rule node (`{}`, `-`). */
export function ruleAnchor(rule: PolicyRule): Span {
  if (rule.peersEntry) return rule.peersEntry.keySpan;
  if (rule.node.kind === 'map' && rule.node.entries.length > 0) return rule.node.entries[0]!.keySpan;
  return rule.node.span;
}
