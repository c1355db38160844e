// Names and labels a file already uses, for completion: namespaces (metadata.namespace and namespaces selected by name) and
// label keys with their values (from every selector and from metadata.labels).
import { policyNamespace } from '../../model/policy';
import type { FileSnapshot } from '../../lint/snapshot';
import { namespaceNames, selectorsOf } from '../describe/selector-text';
import { scalarText } from '../../syntax/tree';

export interface FileFacts {
  readonly namespaces: readonly string[];
  /** Label key → values seen, for pod labels and namespace labels separately. */
  readonly podLabels: ReadonlyMap<string, readonly string[]>;
  readonly namespaceLabels: ReadonlyMap<string, readonly string[]>;
}

const NAMESPACE_LINE = /^\s*namespace:\s*["']?([a-z0-9]([-a-z0-9]*[a-z0-9])?)["']?\s*$/gm;
const NAMESPACE_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function fileFacts(snapshot: FileSnapshot): FileFacts {
  const namespaces = new Set<string>();
  const podLabels = new Map<string, Set<string>>();
  const namespaceLabels = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string | undefined) => {
    const values = map.get(key) ?? new Set<string>();
    if (value !== undefined && value !== '') values.add(value);
    map.set(key, values);
  };
  for (const doc of snapshot.documents) {
    for (const policy of doc.analysis.policies) {
      const ns = policyNamespace(policy);
      if (ns) namespaces.add(ns);
      for (const { selector, role } of selectorsOf(policy)) {
        const target = role === 'namespace' ? namespaceLabels : podLabels;
        for (const l of selector.matchLabels) add(target, l.key, scalarText(l.value));
        for (const r of selector.matchExpressions) {
          const key = scalarText(r.key?.value);
          if (key === undefined) continue;
          add(target, key, undefined);
          const values = r.values?.value;
          if (values?.kind === 'seq') for (const v of values.items) add(target, key, scalarText(v));
        }
        // A requirement being typed has empty items (`values:` then `- `), which are no names.
        if (role === 'namespace') for (const n of namespaceNames(selector) ?? []) if (NAMESPACE_NAME.test(n)) namespaces.add(n);
      }
    }
  }
  // Documents being typed do not parse; their `namespace:` lines still name namespaces.
  for (const m of snapshot.text.matchAll(NAMESPACE_LINE)) namespaces.add(m[1]!);
  const freeze = (map: Map<string, Set<string>>) => new Map([...map].map(([k, v]) => [k, [...v].sort()]));
  return { namespaces: [...namespaces].sort(), podLabels: freeze(podLabels), namespaceLabels: freeze(namespaceLabels) };
}
