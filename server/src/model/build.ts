// Finds the NetworkPolicies in a document's span tree (a document root, or the items of a List / NetworkPolicyList) and
// builds their typed model. Other kinds, including NetworkPolicy kinds of other API groups (Calico, ...), are not ours.
import { entry, get, stringScalar, type YEntry, type YMap, type YNode } from '../syntax/tree';
import type { IpBlock, LabelPair, NetworkPolicy, Peer, PolicyRule, PortEntry, RuleList, Selector, SelectorRequirement, Direction } from './policy';

const SERVED_API_VERSION = 'networking.k8s.io/v1';

/** NetworkPolicy apiVersions that existed once and are no longer served (extensions/v1beta1 was removed in 1.16). */
function isNetworkPolicyApiVersion(apiVersion: string): boolean {
  return apiVersion === SERVED_API_VERSION || apiVersion === 'extensions/v1beta1' || apiVersion.startsWith('networking.k8s.io/');
}

export function findPolicies(root: YNode | null): NetworkPolicy[] {
  if (!root || root.kind !== 'map') return [];
  const kind = stringScalar(get(root, 'kind'));
  const apiVersion = stringScalar(get(root, 'apiVersion')) ?? '';
  if (kind === 'NetworkPolicy' && isNetworkPolicyApiVersion(apiVersion)) return [buildPolicy(root, '')];
  if ((kind === 'List' && apiVersion === 'v1') || (kind === 'NetworkPolicyList' && isNetworkPolicyApiVersion(apiVersion))) {
    const items = entry(root, 'items')?.value;
    if (!items || items.kind !== 'seq') return [];
    const policies: NetworkPolicy[] = [];
    items.items.forEach((item, i) => {
      if (item.kind !== 'map') return;
      const itemKind = stringScalar(get(item, 'kind'));
      const itemVersion = stringScalar(get(item, 'apiVersion')) ?? '';
      // Items of a NetworkPolicyList may leave out apiVersion/kind.
      const isPolicy = kind === 'NetworkPolicyList' ? (itemKind ?? 'NetworkPolicy') === 'NetworkPolicy' : itemKind === 'NetworkPolicy' && isNetworkPolicyApiVersion(itemVersion);
      if (isPolicy) policies.push(buildPolicy(item, `items[${i}]`));
    });
    return policies;
  }
  return [];
}


function buildPolicy(node: YMap, path: string): NetworkPolicy {
  const apiVersion = entry(node, 'apiVersion');
  const metadata = entry(node, 'metadata');
  const spec = entry(node, 'spec');
  const specMap = spec?.value.kind === 'map' ? spec.value : undefined;
  const podSelector = selector(entry(specMap, 'podSelector'));
  const ingress = ruleList(entry(specMap, 'ingress'), 'ingress');
  const egress = ruleList(entry(specMap, 'egress'), 'egress');
  return {
    node,
    path,
    apiVersion,
    kind: entry(node, 'kind'),
    servedVersion: (stringScalar(apiVersion?.value) ?? SERVED_API_VERSION) === SERVED_API_VERSION,
    metadata,
    name: entry(metadata?.value, 'name'),
    namespace: entry(metadata?.value, 'namespace'),
    spec,
    ...(podSelector ? { podSelector } : {}),
    policyTypes: entry(specMap, 'policyTypes'),
    ...(ingress ? { ingress } : {}),
    ...(egress ? { egress } : {}),
  };
}

function ruleList(e: YEntry | undefined, direction: Direction): RuleList | undefined {
  if (!e) return undefined;
  const seq = e.value.kind === 'seq' ? e.value : null;
  const rules: PolicyRule[] = [];
  seq?.items.forEach((item, index) => rules.push(rule(item, index, direction)));
  return { entry: e, node: seq, rules };
}

function rule(node: YNode, index: number, direction: Direction): PolicyRule {
  const peersEntry = entry(node, direction === 'ingress' ? 'from' : 'to');
  const portsEntry = entry(node, 'ports');
  const peers =
    peersEntry?.value.kind === 'seq'
      ? peersEntry.value.items.flatMap((p, i): Peer[] => (p.kind === 'map' ? [peer(p, i)] : []))
      : undefined;
  const ports =
    portsEntry?.value.kind === 'seq'
      ? portsEntry.value.items.flatMap((p, i): PortEntry[] =>
          p.kind === 'map' ? [{ node: p, index: i, protocol: entry(p, 'protocol'), port: entry(p, 'port'), endPort: entry(p, 'endPort') }] : [],
        )
      : undefined;
  return {
    direction,
    index,
    node,
    ...(peersEntry ? { peersEntry } : {}),
    ...(peers ? { peers } : {}),
    ...(portsEntry ? { portsEntry } : {}),
    ...(ports ? { ports } : {}),
  };
}

function peer(node: YMap, index: number): Peer {
  const podSelector = selector(entry(node, 'podSelector'));
  const namespaceSelector = selector(entry(node, 'namespaceSelector'));
  const ipBlockEntry = entry(node, 'ipBlock');
  let ipBlock: IpBlock | undefined;
  if (ipBlockEntry && !(ipBlockEntry.value.kind === 'scalar' && ipBlockEntry.value.value === null)) {
    const map = ipBlockEntry.value.kind === 'map' ? ipBlockEntry.value : null;
    const except = entry(map, 'except');
    ipBlock = {
      entry: ipBlockEntry,
      node: map,
      cidr: entry(map, 'cidr'),
      except,
      exceptItems: except?.value.kind === 'seq' ? except.value.items : [],
    };
  }
  return {
    node,
    index,
    ...(podSelector ? { podSelector } : {}),
    ...(namespaceSelector ? { namespaceSelector } : {}),
    ...(ipBlock ? { ipBlock } : {}),
  };
}

/** A selector entry; undefined when missing. A null value (`podSelector:`) is kept with `node: null`. */
function selector(e: YEntry | undefined): Selector | undefined {
  if (!e) return undefined;
  const node = e.value.kind === 'map' ? e.value : null;
  const matchLabelsEntry = entry(node, 'matchLabels');
  const matchExpressionsEntry = entry(node, 'matchExpressions');
  const matchLabels: LabelPair[] =
    matchLabelsEntry?.value.kind === 'map' ? matchLabelsEntry.value.entries.map((l) => ({ key: l.key, keySpan: l.keySpan, value: l.value })) : [];
  const matchExpressions: SelectorRequirement[] =
    matchExpressionsEntry?.value.kind === 'seq'
      ? matchExpressionsEntry.value.items.flatMap((x): SelectorRequirement[] =>
          x.kind === 'map' ? [{ node: x, key: entry(x, 'key'), operator: entry(x, 'operator'), values: entry(x, 'values') }] : [],
        )
      : [];
  return {
    entry: e,
    node,
    matchLabels,
    matchExpressions,
    ...(matchLabelsEntry ? { matchLabelsEntry } : {}),
    ...(matchExpressionsEntry ? { matchExpressionsEntry } : {}),
  };
}
