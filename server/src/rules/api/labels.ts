// Every label key and value a policy holds (metadata.labels, selectors' matchLabels and matchExpressions), with the field
// path the API server prints. Shared by invalid-label-key and invalid-label-value.
import type { NetworkPolicy } from '../../model/policy';
import type { Span } from '../../syntax/span';
import { entry, type YNode } from '../../syntax/tree';
import { selectorsOf, stringOf } from './walk';

export interface LabelText {
  readonly text: string;
  readonly span: Span;
  readonly path: string;
  /** Where it comes from: label values in matchExpressions are only checked from Kubernetes 1.26. */
  readonly source: 'labels' | 'matchLabels' | 'matchExpressions';
}

export function* labelKeys(policy: NetworkPolicy): Iterable<LabelText> {
  const labels = entry(policy.metadata?.value, 'labels')?.value;
  if (labels?.kind === 'map') for (const e of labels.entries) yield { text: e.key, span: e.keySpan, path: 'metadata.labels', source: 'labels' };
  for (const { item: selector, path } of selectorsOf(policy)) {
    for (const l of selector.matchLabels) yield { text: l.key, span: l.keySpan, path: `${path}.matchLabels`, source: 'matchLabels' };
    for (const [n, r] of selector.matchExpressions.entries()) {
      const key = stringOf(r.key?.value);
      if (key !== undefined) yield { text: key, span: r.key!.value.span, path: `${path}.matchExpressions[${expressionIndex(selector.matchExpressionsEntry?.value, r.node, n)}].key`, source: 'matchExpressions' };
    }
  }
}

export function* labelValues(policy: NetworkPolicy): Iterable<LabelText> {
  const labels = entry(policy.metadata?.value, 'labels')?.value;
  if (labels?.kind === 'map') {
    for (const e of labels.entries) {
      const v = stringOf(e.value);
      if (v !== undefined) yield { text: v, span: e.value.span, path: 'metadata.labels', source: 'labels' };
    }
  }
  for (const { item: selector, path } of selectorsOf(policy)) {
    for (const l of selector.matchLabels) {
      const v = stringOf(l.value);
      if (v !== undefined) yield { text: v, span: l.value.span, path: `${path}.matchLabels`, source: 'matchLabels' };
    }
    for (const [n, r] of selector.matchExpressions.entries()) {
      const values = r.values?.value;
      if (values?.kind !== 'seq') continue;
      const index = expressionIndex(selector.matchExpressionsEntry?.value, r.node, n);
      for (const [v, item] of values.items.entries()) {
        const text = stringOf(item);
        if (text !== undefined) yield { text, span: item.span, path: `${path}.matchExpressions[${index}].values[${v}]`, source: 'matchExpressions' };
      }
    }
  }
}

/** The requirement's index in the written list (the model skips items that are not mappings). */
export function expressionIndex(list: YNode | undefined, node: YNode, fallback: number): number {
  if (list?.kind !== 'seq') return fallback;
  const i = list.items.indexOf(node);
  return i === -1 ? fallback : i;
}
