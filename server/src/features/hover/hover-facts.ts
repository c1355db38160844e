// What the key or value under the cursor means in its policy, for hover: CIDR and except ranges, ports, protocols, policy
// types, selector operators, selectors as sentences, and the rule or peer around the cursor in words.
import { effectivePolicyTypes, policyNamespace, type NetworkPolicy, type PortEntry } from '../../model/policy';
import { get, scalarText } from '../../syntax/tree';
import { cidrHoverLines, exceptHoverLines, type CidrHoverOptions } from '../describe/cidr-text';
import type { CursorTarget } from '../cursor';
import { explainPolicy, peerText, ruleText } from '../describe/explain';
import { wellKnownLabel } from '../describe/labels';
import { portEntryText, protocolOf, wellKnownService } from '../describe/port-text';
import { namespaceSelectorText, podSelectorText, selectorsOf } from '../describe/selector-text';

const PROTOCOLS: Readonly<Record<string, string>> = {
  TCP: '**TCP**: the default when `protocol` is left out.',
  UDP: '**UDP**: needed for DNS (port 53), which uses UDP first and TCP for large answers.',
  SCTP: '**SCTP**: supported by NetworkPolicy since Kubernetes 1.20 (GA); your CNI plugin must support it too.',
};

const POLICY_TYPES: Readonly<Record<string, string>> = {
  Ingress: '**Ingress**: the selected pods are isolated for incoming traffic; only what the `ingress` rules allow gets in.',
  Egress: '**Egress**: the selected pods are isolated for outgoing traffic; only what the `egress` rules allow gets out.',
};

const OPERATORS: Readonly<Record<string, string>> = {
  In: '**In**: the label has one of `values`.',
  NotIn: '**NotIn**: the label is missing or has none of `values`.',
  Exists: '**Exists**: the label is present, whatever its value (`values` must be empty).',
  DoesNotExist: '**DoesNotExist**: the label is absent (`values` must be empty).',
};

/** What the key or value under the cursor means in this policy, most specific first (markdown paragraphs). */
export function valueFacts(target: CursorTarget, options: CidrHoverOptions): string[] {
  const { path, ancestors, policy } = target;
  const last = path[path.length - 1];
  const parentKey = path[path.length - 2];
  const scalar = target.node.kind === 'scalar' ? scalarText(target.node) : undefined;
  const facts: string[] = [];

  if (last === 'cidr' && parentKey === 'ipBlock' && scalar !== undefined) facts.push(...cidrHoverLines(scalar, options));
  if (typeof last === 'number' && parentKey === 'except' && scalar !== undefined) {
    facts.push(...exceptHoverLines(scalar, scalarText(get(ancestors[ancestors.length - 2], 'cidr')), options));
  }
  const portEntry = portEntryAt(target);
  if (portEntry && (last === 'port' || last === 'endPort' || last === 'protocol')) facts.push(portFacts(portEntry, last));
  if (last === 'protocol' && scalar !== undefined && PROTOCOLS[scalar]) facts.push(PROTOCOLS[scalar]!);
  if (typeof last === 'number' && parentKey === 'policyTypes' && scalar !== undefined && POLICY_TYPES[scalar]) facts.push(POLICY_TYPES[scalar]!);
  if (last === 'policyTypes' && path.length === 2) facts.push(policyTypesFact(policy));
  if (last === 'operator' && scalar !== undefined && OPERATORS[scalar]) facts.push(OPERATORS[scalar]!);
  facts.push(...selectorFacts(target));
  facts.push(...ruleFacts(target));
  return facts;
}

function portEntryAt(target: CursorTarget): PortEntry | undefined {
  const { path, policy } = target;
  const at = path.indexOf('ports');
  if (at !== 3 || path[0] !== 'spec' || typeof path[2] !== 'number' || typeof path[4] !== 'number') return undefined;
  const list = path[1] === 'ingress' ? policy.ingress : path[1] === 'egress' ? policy.egress : undefined;
  return list?.rules[path[2]]?.ports?.find((p) => p.index === path[4]);
}

function portFacts(p: PortEntry, field: string | number | undefined): string {
  const port = p.port?.value;
  const text = `**${portEntryText(p, { services: false })}**`;
  if (port?.kind === 'scalar' && typeof port.value === 'string') {
    return `${text}: a named port. It matches the container port named \`${port.value}\` on the destination pods (for ingress, the pods this policy selects), with its number and protocol ${protocolOf(p)}.`;
  }
  if (port?.kind === 'scalar' && typeof port.value === 'number') {
    const end = p.endPort?.value.kind === 'scalar' && typeof p.endPort.value.value === 'number' ? p.endPort.value.value : undefined;
    if (end !== undefined && end > port.value) return `${text}: ${end - port.value + 1} ports, ${port.value} to ${end} inclusive.`;
    const service = wellKnownService(port.value);
    if (field === 'endPort' && end === undefined) return text;
    return service ? `${text}: usually ${service}.` : text;
  }
  return `${text}: no port given, so every port of this protocol matches.`;
}

function policyTypesFact(policy: NetworkPolicy): string {
  const t = effectivePolicyTypes(policy);
  const types = [t.ingress ? 'Ingress' : undefined, t.egress ? 'Egress' : undefined].filter(Boolean).join(' and ') || 'none';
  return `In effect for this policy: **${types}**${t.defaulted ? ' (defaulted, since policyTypes is not set)' : ''}.`;
}

function selectorFacts(target: CursorTarget): string[] {
  const { path, ancestors, policy } = target;
  let at = -1;
  for (let i = path.length - 1; i >= 0; i--) {
    if (path[i] === 'podSelector' || path[i] === 'namespaceSelector') {
      at = i;
      break;
    }
  }
  if (at === -1) return [];
  const holder = ancestors[at];
  const entryNode = holder?.kind === 'map' ? holder.entries.find((e) => e.key === path[at]) : undefined;
  const found = selectorsOf(policy).find((s) => s.selector.entry === entryNode);
  const facts: string[] = [];
  const labelKey = path[at + 1] === 'matchLabels' && path.length === at + 3 ? String(path[at + 2]) : undefined;
  if (labelKey !== undefined && wellKnownLabel(labelKey)) facts.push(`**${labelKey}**: ${wellKnownLabel(labelKey)!.doc}`);
  if (!found) return facts;
  const { selector, role } = found;
  if (selector.node === null) {
    facts.unshift(`**${String(path[at])}** has no value, which Kubernetes treats as if it were not there.`);
    return facts;
  }
  const ns = policyNamespace(policy);
  if (role === 'subject') facts.unshift(`**Selects** ${podSelectorText(selector, ns ? `in namespace ${ns}` : 'in the namespace')}.`);
  else if (role === 'namespace') facts.unshift(`**Selects** ${namespaceSelectorText(selector)}.`);
  else facts.unshift(`**Selects** ${podSelectorText(selector)}.`);
  return facts;
}

/** On a rule (its item, `from`/`to`/`ports` key) the rule in words; on a peer, the peer in words. */
function ruleFacts(target: CursorTarget): string[] {
  const { path, policy } = target;
  if (path[0] !== 'spec' || (path[1] !== 'ingress' && path[1] !== 'egress')) return [];
  const list = path[1] === 'ingress' ? policy.ingress : policy.egress;
  if (path.length === 2) {
    const e = explainPolicy(policy);
    return [path[1] === 'ingress' ? e.ingress : e.egress];
  }
  const rule = typeof path[2] === 'number' ? list?.rules[path[2]] : undefined;
  if (!rule) return [];
  const onRule = path.length === 3 || (path.length === 4 && target.onKey);
  if (onRule) return [`**This rule allows** ${ruleText(rule)}.`];
  const peersKey = rule.direction === 'ingress' ? 'from' : 'to';
  if (path[3] === peersKey && typeof path[4] === 'number' && (path.length === 5 || (path.length === 6 && target.onKey && isPeerField(path[5])))) {
    const peer = rule.peers?.find((p) => p.index === path[4]);
    if (peer) return [`**This peer:** ${peerText(peer)}.`];
  }
  return [];
}

function isPeerField(key: string | number | undefined): boolean {
  return key === 'ipBlock' || key === 'podSelector' || key === 'namespaceSelector';
}
