// Hover: field documentation from the schema, and what the value under the cursor means (a CIDR's range, a port's service,
// a selector as a sentence, a rule or peer in words); on `kind` and `metadata.name`, the explanation of the whole policy.
import type { Hover } from 'vscode-languageserver-types';
import { effectivePolicyTypes, policyName, policyNamespace, type NetworkPolicy, type PortEntry } from '../model/policy';
import type { FileSnapshot } from '../service';
import { shiftSpan } from '../syntax/span';
import { get } from '../syntax/tree';
import { cidrHoverLines, exceptHoverLines } from './cidr-text';
import { targetAt, type CursorTarget } from './cursor';
import { documentAt, documentKind, policyPath } from './document-at';
import { explainPolicy, peerText, ruleText } from './explain';
import { docsLink, fieldDoc } from './field-doc';
import { wellKnownLabel } from './labels';
import { portEntryText, protocolOf, wellKnownService } from './port-text';
import { namespaceSelectorText, podSelectorText, scalarText, selectorsOf } from './selector-text';
import { textContextAt } from './text-context';

export function hover(snapshot: FileSnapshot, offset: number): Hover | null {
  const target = targetAt(snapshot, offset);
  if (!target) return keyHoverFromText(snapshot, offset);
  // The cloud setting decides which metadata endpoints a CIDR hover looks for.
  const value = hoverMarkdown(target, { cloud: snapshot.settings.cloud });
  if (value === undefined) return null;
  const span = target.onKey && target.entry ? target.entry.keySpan : target.node.span;
  return { contents: { kind: 'markdown', value }, range: snapshot.lines.rangeOf(shiftSpan(span, target.documentStart)) };
}

/** The hover text for a cursor target; undefined when there is nothing to say (e.g. whitespace inside a mapping). */
export function hoverMarkdown(target: CursorTarget, options: { cloud: string }): string | undefined {
  const { path, policy } = target;
  if (path.length === 0) return undefined;
  if ((path.length === 1 && path[0] === 'kind') || (path.length === 2 && path[0] === 'metadata' && path[1] === 'name')) {
    return [explanationMarkdown(policy), docsLink()].join('\n\n');
  }
  const onScalar = target.onKey || target.node.kind === 'scalar';
  const facts = valueFacts(target, options);
  if (!onScalar && facts.length === 0) return undefined;
  const doc = onScalar ? fieldDoc(path) : undefined;
  const parts = [...facts, ...(doc ? [doc] : [])];
  if (parts.length === 0) return undefined;
  return [...parts, docsLink()].join('\n\n');
}

/**
 * A document that does not parse has no model, but a NetworkPolicy being typed still deserves field docs: the key under the
 * cursor and the path to it are read from the text.
 */
function keyHoverFromText(snapshot: FileSnapshot, offset: number): Hover | null {
  const doc = documentAt(snapshot, offset);
  if (!doc || doc.analysis.policies.length > 0 || !doc.analysis.mentionsNetworkPolicy) return null;
  const text = doc.analysis.text;
  const relative = offset - doc.start;
  const lineStart = text.lastIndexOf('\n', relative - 1) + 1;
  const key = /^(\s*(?:-\s+)*)([^\s:#"'][^:#]*?):(?:\s|$)/.exec(text.slice(lineStart));
  if (!key) return null;
  const keyStart = lineStart + key[1]!.length;
  const keyEnd = keyStart + key[2]!.length;
  if (relative < keyStart || relative > keyEnd) return null;
  const ctx = textContextAt(text, keyStart);
  const path = ctx?.kind === 'key' ? policyPath(ctx.path, documentKind(text, keyStart)) : undefined;
  const docs = path ? fieldDoc([...path, key[2]!]) : undefined;
  if (!docs) return null;
  return {
    contents: { kind: 'markdown', value: [docs, docsLink()].join('\n\n') },
    range: snapshot.lines.rangeOf(shiftSpan({ start: keyStart, end: keyEnd }, doc.start)),
  };
}

export function explanationMarkdown(policy: NetworkPolicy): string {
  const e = explainPolicy(policy);
  const ns = policyNamespace(policy);
  const title = `**NetworkPolicy ${ns ? `${ns}/` : ''}${policyName(policy) ?? '(unnamed)'}**`;
  const notes = e.notes.map((n) => `_${n}_`);
  return [title, e.subject, `- ${e.ingress}\n- ${e.egress}`, ...notes].join('\n\n');
}

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

/** What the key or value under the cursor means in this policy, most specific first. */
function valueFacts(target: CursorTarget, options: { cloud: string }): string[] {
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
