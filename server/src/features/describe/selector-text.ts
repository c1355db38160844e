// Label selectors as plain English: "pods labelled app=api and tier in (web, edge)". Used by hover, the policy explanation
// and the outline, so every place words a selector the same way.
import type { NetworkPolicy, Selector } from '../../model/policy';
import { scalarText, type YNode } from '../../syntax/tree';

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';


function listText(node: YNode | undefined): string[] {
  if (!node || node.kind !== 'seq') return [];
  return node.items.map((i) => scalarText(i) ?? '?');
}

interface Conditions {
  /** Conditions a label must meet ("app=api", "tier in (web, edge)", "tier (any value)"). */
  readonly having: string[];
  /** Labels that must be absent. */
  readonly lacking: string[];
}

function conditions(s: Selector): Conditions {
  const having: string[] = [];
  const lacking: string[] = [];
  for (const l of s.matchLabels) having.push(`${l.key}=${scalarText(l.value) ?? ''}`);
  for (const r of s.matchExpressions) {
    const key = scalarText(r.key?.value) ?? '?';
    const operator = scalarText(r.operator?.value);
    const values = listText(r.values?.value);
    if (operator === 'In') having.push(`${key} in (${values.join(', ')})`);
    else if (operator === 'NotIn') having.push(`${key} not in (${values.join(', ')})`);
    else if (operator === 'Exists') having.push(`${key} (any value)`);
    else if (operator === 'DoesNotExist') lacking.push(key);
    else having.push(`${key} ${operator ?? '?'} (${values.join(', ')})`);
  }
  return { having, lacking };
}

function labelled(c: Conditions): string {
  const parts: string[] = [];
  if (c.having.length) parts.push(`labelled ${c.having.join(' and ')}`);
  if (c.lacking.length) parts.push(`without label${c.lacking.length > 1 ? 's' : ''} ${c.lacking.join(', ')}`);
  return parts.join(', ');
}

/** True for `{}` (or a selector whose lists are empty): it selects everything. A null selector is absent, not empty. */
function selectsEverything(s: Selector): boolean {
  return s.node !== null && s.matchLabels.length === 0 && s.matchExpressions.length === 0;
}

/**
 * "pods labelled app=api and tier in (web, edge)"; `{}` gives "every pod in the namespace". `where` ("in this namespace")
 * is appended to either form.
 */
export function podSelectorText(s: Selector, where?: string): string {
  if (s.node === null || selectsEverything(s)) return `every pod ${where ?? 'in the namespace'}`;
  return `pods ${labelled(conditions(s))}${where ? ` ${where}` : ''}`;
}

/**
 * "namespaces labelled team=a"; `{}` gives "every namespace". A selector on the `kubernetes.io/metadata.name` label alone
 * (which the API server sets on every namespace) names the namespaces: "namespace kube-system".
 */
export function namespaceSelectorText(s: Selector): string {
  if (s.node === null || selectsEverything(s)) return 'every namespace';
  const names = namespaceNames(s);
  if (names) return names.length === 1 ? `namespace ${names[0]}` : `namespaces ${names.join(', ')}`;
  return `namespaces ${labelled(conditions(s))}`;
}

/** The namespace names a selector picks when it only uses `kubernetes.io/metadata.name` (= or In); otherwise undefined. */
export function namespaceNames(s: Selector): string[] | undefined {
  if (s.matchLabels.length + s.matchExpressions.length !== 1) return undefined;
  const label = s.matchLabels[0];
  if (label) return label.key === NAMESPACE_NAME_LABEL && scalarText(label.value) !== undefined ? [scalarText(label.value)!] : undefined;
  const r = s.matchExpressions[0]!;
  if (scalarText(r.key?.value) !== NAMESPACE_NAME_LABEL || scalarText(r.operator?.value) !== 'In') return undefined;
  const values = listText(r.values?.value);
  return values.length ? values : undefined;
}

/** Compact form for the outline: "app=frontend", "{}" for everything. */
export function selectorShortText(s: Selector): string {
  if (s.node === null || selectsEverything(s)) return 'all';
  const c = conditions(s);
  return [...c.having, ...c.lacking.map((k) => `!${k}`)].join(', ');
}

/** Every selector of a policy: spec.podSelector and the pod and namespace selectors of every peer. */
export function selectorsOf(p: NetworkPolicy): { selector: Selector; role: 'subject' | 'pod' | 'namespace' }[] {
  const out: { selector: Selector; role: 'subject' | 'pod' | 'namespace' }[] = [];
  if (p.podSelector) out.push({ selector: p.podSelector, role: 'subject' });
  for (const rule of [...(p.ingress?.rules ?? []), ...(p.egress?.rules ?? [])]) {
    for (const peer of rule.peers ?? []) {
      if (peer.podSelector) out.push({ selector: peer.podSelector, role: 'pod' });
      if (peer.namespaceSelector) out.push({ selector: peer.namespaceSelector, role: 'namespace' });
    }
  }
  return out;
}
