// The typed NetworkPolicy model: a lenient view over the span tree. Fields of the wrong YAML type are left out (the schema
// layer reports them); nothing here throws.
import type { Span } from '../syntax/span';
import { entry, stringScalar, type YEntry, type YMap, type YNode, type YSeq } from '../syntax/tree';

export type Direction = 'ingress' | 'egress';

export interface LabelPair {
  readonly key: string;
  readonly keySpan: Span;
  readonly value: YNode;
}

export interface SelectorRequirement {
  readonly node: YMap;
  readonly key?: YEntry;
  readonly operator?: YEntry;
  readonly values?: YEntry;
}

export interface Selector {
  readonly entry: YEntry;
  /** Null when the selector is written as `podSelector:` with no value, which Kubernetes treats as absent. */
  readonly node: YMap | null;
  readonly matchLabels: readonly LabelPair[];
  readonly matchLabelsEntry?: YEntry;
  readonly matchExpressions: readonly SelectorRequirement[];
  readonly matchExpressionsEntry?: YEntry;
}

export interface IpBlock {
  readonly entry: YEntry;
  readonly node: YMap | null;
  readonly cidr?: YEntry;
  readonly except?: YEntry;
  readonly exceptItems: readonly YNode[];
}

export interface Peer {
  readonly node: YMap;
  readonly index: number;
  readonly podSelector?: Selector;
  readonly namespaceSelector?: Selector;
  readonly ipBlock?: IpBlock;
}

export interface PortEntry {
  readonly node: YMap;
  readonly index: number;
  readonly protocol?: YEntry;
  readonly port?: YEntry;
  readonly endPort?: YEntry;
}

export interface PolicyRule {
  readonly direction: Direction;
  readonly index: number;
  /** The rule's node: a map, or a null scalar for `- ` (an empty rule). */
  readonly node: YNode;
  /** `from` (ingress) or `to` (egress). Undefined when missing. */
  readonly peersEntry?: YEntry;
  /** The peers; undefined when the list is missing or null (both mean "every peer"). */
  readonly peers?: readonly Peer[];
  readonly portsEntry?: YEntry;
  readonly ports?: readonly PortEntry[];
}

export interface RuleList {
  readonly entry: YEntry;
  readonly node: YSeq | null;
  readonly rules: readonly PolicyRule[];
}

export interface NetworkPolicy {
  /** The policy object: a document root, or an item of a List. */
  readonly node: YMap;
  readonly apiVersion?: YEntry;
  readonly kind?: YEntry;
  /** False for `extensions/v1beta1` and other versions of NetworkPolicy that no current API server serves. */
  readonly servedVersion: boolean;
  readonly metadata?: YEntry;
  readonly name?: YEntry;
  readonly namespace?: YEntry;
  readonly spec?: YEntry;
  readonly podSelector?: Selector;
  readonly policyTypes?: YEntry;
  readonly ingress?: RuleList;
  readonly egress?: RuleList;
  /** The path of the policy object inside its document ("" for a document root, "items[3]" in a List). */
  readonly path: string;
}


export function mapValue(e: YEntry | undefined): YMap | undefined {
  return e && e.value.kind === 'map' ? e.value : undefined;
}

export function seqValue(e: YEntry | undefined): YSeq | undefined {
  return e && e.value.kind === 'seq' ? e.value : undefined;
}

export function policyName(p: NetworkPolicy): string | undefined {
  return stringScalar(p.name?.value);
}

export function policyNamespace(p: NetworkPolicy): string | undefined {
  return stringScalar(p.namespace?.value);
}

/** policyTypes as written (strings only); undefined when the field is missing, null or empty (Kubernetes then defaults it). */
export function declaredPolicyTypes(p: NetworkPolicy): string[] | undefined {
  const seq = seqValue(p.policyTypes);
  if (!seq || seq.items.length === 0) return undefined;
  return seq.items.flatMap((i) => (i.kind === 'scalar' && typeof i.value === 'string' ? [i.value] : []));
}

/** The policy types in effect after Kubernetes' defaulting: [Ingress], plus Egress when the egress list is non-empty. */
export function effectivePolicyTypes(p: NetworkPolicy): { ingress: boolean; egress: boolean; defaulted: boolean } {
  const declared = declaredPolicyTypes(p);
  if (declared) return { ingress: declared.includes('Ingress'), egress: declared.includes('Egress'), defaulted: false };
  return { ingress: true, egress: (p.egress?.rules.length ?? 0) > 0, defaulted: true };
}

/** The rule lists Kubernetes applies, ingress then egress: a direction's rules count only when its policy type is in effect. */
export function rulesInEffect(p: NetworkPolicy): [ingress: readonly PolicyRule[], egress: readonly PolicyRule[]] {
  const types = effectivePolicyTypes(p);
  return [types.ingress ? (p.ingress?.rules ?? []) : [], types.egress ? (p.egress?.rules ?? []) : []];
}

export { entry };
