// Label selectors as plain values and how Kubernetes evaluates them against a set of labels. The workspace index, its rules,
// hovers and the connectivity engine all match pods and namespaces with `selectorMatches`; nothing else compares labels.
import type { Selector } from './policy';
import { scalarText, type YNode } from '../syntax/tree';

/** A label selector as Kubernetes evaluates it. An empty selector (no requirements) selects everything. */
export interface LabelSelector {
  readonly matchLabels: Readonly<Record<string, string>>;
  readonly matchExpressions: readonly SelectorExpression[];
}

export interface SelectorExpression {
  readonly key: string;
  readonly operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

const hasOwn = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** True when every requirement of the selector holds for `labels` (labels.Selector.Matches). */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const key in selector.matchLabels) {
    if (!hasOwn(labels, key) || labels[key] !== selector.matchLabels[key]) return false;
  }
  for (const x of selector.matchExpressions) {
    const present = hasOwn(labels, x.key);
    switch (x.operator) {
      case 'In':
        if (!present || !x.values.includes(labels[x.key]!)) return false;
        break;
      case 'NotIn':
        if (present && x.values.includes(labels[x.key]!)) return false;
        break;
      case 'Exists':
        if (!present) return false;
        break;
      case 'DoesNotExist':
        if (present) return false;
        break;
    }
  }
  return true;
}

/** True for a selector with no requirements, which selects everything. */
export function selectsEverything(selector: LabelSelector): boolean {
  for (const _ in selector.matchLabels) return false;
  return selector.matchExpressions.length === 0;
}

/**
 * How far `labels` are from satisfying the selector: the number of requirements that fail. 0 means it matches. Used to find
 * the closest existing label sets for "did you mean" suggestions.
 */
export function unmetRequirements(selector: LabelSelector, labels: Labels): number {
  let unmet = 0;
  for (const key in selector.matchLabels) if (!hasOwn(labels, key) || labels[key] !== selector.matchLabels[key]) unmet++;
  for (const x of selector.matchExpressions) if (!selectorMatches({ matchLabels: {}, matchExpressions: [x] }, labels)) unmet++;
  return unmet;
}

/** A short, readable form for messages: `app=web, tier in (a,b)`; `{}` for an empty selector. */
export function labelSelectorText(selector: LabelSelector): string {
  const parts: string[] = [];
  for (const key in selector.matchLabels) parts.push(`${key}=${selector.matchLabels[key]}`);
  for (const x of selector.matchExpressions) {
    if (x.operator === 'Exists') parts.push(x.key);
    else if (x.operator === 'DoesNotExist') parts.push(`!${x.key}`);
    else parts.push(`${x.key} ${x.operator === 'In' ? 'in' : 'notin'} (${x.values.join(',')})`);
  }
  return parts.length === 0 ? '{}' : parts.join(', ');
}

/** `app=web, tier=db` for a label set; `(no labels)` when empty. */
export function labelsText(labels: Labels): string {
  const parts = Object.keys(labels).map((k) => `${k}=${labels[k]}`);
  return parts.length === 0 ? '(no labels)' : parts.join(', ');
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * The model's selector as a plain value; undefined for an absent or null selector (`podSelector:`), which Kubernetes treats
 * as absent. Requirements with an invalid operator are left out (the api rules report them; the API server rejects them).
 */
export function toLabelSelector(s: Selector | undefined): LabelSelector | undefined {
  if (!s || s.node === null) return undefined;
  const matchLabels: Record<string, string> = {};
  for (const l of s.matchLabels) matchLabels[l.key] = (scalarText(l.value) ?? '');
  const matchExpressions: SelectorExpression[] = [];
  for (const x of s.matchExpressions) {
    const operator = (scalarText(x.operator?.value) ?? '');
    if (!OPERATORS.has(operator)) continue;
    const values = x.values?.value.kind === 'seq' ? x.values.value.items.map((n) => scalarText(n) ?? '') : [];
    matchExpressions.push({ key: (scalarText(x.key?.value) ?? ''), operator: operator as SelectorExpression['operator'], values });
  }
  return { matchLabels, matchExpressions };
}

/** A label map's entries (scalars become strings; null becomes ''), as the API server would store them. */
export function labelsOf(node: YNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (node?.kind !== 'map') return out;
  for (const e of node.entries) if (e.value.kind === 'scalar') out[e.key] = (scalarText(e.value) ?? '');
  return out;
}

