// Insert default-deny: a new `---` document with `podSelector: {}` and the right policyTypes for a namespace, unless the
// file already has an equivalent default-deny there. The egress variants also come with a DNS allowance to kube-dns,
// since denying all egress also denies name resolution.
import { appendDocument, DNS_EGRESS_RULE, type TextEdit, type YamlValue } from '../../edit/index';
import { effectivePolicyTypes, policyName, policyNamespace, type NetworkPolicy } from '../../model/policy';
import type { FileSnapshot } from '../../lint/snapshot';
import { fileStyle } from './file-style';
import { policyAt } from './fixes';

export type DenyVariant = 'ingress' | 'egress' | 'egress-dns' | 'all' | 'all-dns';

export interface VariantInfo {
  readonly label: string;
  /** What the variant does, for pickers. */
  readonly detail: string;
  readonly ingress: boolean;
  readonly egress: boolean;
  readonly dns: boolean;
  readonly baseName: string;
}

export const DENY_VARIANTS: Readonly<Record<DenyVariant, VariantInfo>> = {
  ingress: { label: 'default-deny ingress', detail: 'No pod of the namespace accepts connections unless another policy allows them.', ingress: true, egress: false, dns: false, baseName: 'default-deny-ingress' },
  egress: { label: 'default-deny egress', detail: 'No pod of the namespace opens connections unless another policy allows them (DNS included).', ingress: false, egress: true, dns: false, baseName: 'default-deny-egress' },
  'egress-dns': { label: 'default-deny egress + allow DNS', detail: 'Egress denied except to kube-dns in kube-system (UDP and TCP 53), so names still resolve.', ingress: false, egress: true, dns: true, baseName: 'default-deny-egress' },
  all: { label: 'default-deny ingress and egress', detail: 'Both directions denied by default.', ingress: true, egress: true, dns: false, baseName: 'default-deny-all' },
  'all-dns': { label: 'default-deny ingress and egress + allow DNS', detail: 'Both directions denied, DNS to kube-dns still allowed.', ingress: true, egress: true, dns: true, baseName: 'default-deny-all' },
};

const DENY_VARIANT_IDS = Object.keys(DENY_VARIANTS) as DenyVariant[];

export function isDenyVariant(value: unknown): value is DenyVariant {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(DENY_VARIANTS, value);
}

/**
 * The file's policies by namespace (undefined: without one), in file order; once per snapshot, since code actions are
 * asked for on every cursor move and each of them would otherwise walk every policy of a large file again.
 */
const policiesByNamespace = new WeakMap<FileSnapshot, Map<string | undefined, NetworkPolicy[]>>();

function byNamespace(snapshot: FileSnapshot): Map<string | undefined, NetworkPolicy[]> {
  let map = policiesByNamespace.get(snapshot);
  if (!map) {
    map = new Map();
    for (const doc of snapshot.documents) {
      for (const policy of doc.analysis.policies) {
        const namespace = policyNamespace(policy);
        let list = map.get(namespace);
        if (!list) map.set(namespace, (list = []));
        list.push(policy);
      }
    }
    policiesByNamespace.set(snapshot, map);
  }
  return map;
}

function policiesIn(snapshot: FileSnapshot, namespace: string | undefined): readonly NetworkPolicy[] {
  return byNamespace(snapshot).get(namespace) ?? [];
}

/** Namespaces of the file's policies, in order of first use. */
export function fileNamespaces(snapshot: FileSnapshot): string[] {
  return [...byNamespace(snapshot).keys()].filter((ns): ns is string => ns !== undefined);
}

/** The policy at a file offset, and its namespace. */
export function policyAtOffset(snapshot: FileSnapshot, offset: number): { policy: NetworkPolicy; documentStart: number } | undefined {
  for (const doc of snapshot.documentsAt(offset)) {
    const relative = offset - doc.start;
    const policy = policyAt(doc.analysis.policies, relative);
    if (policy) return { policy, documentStart: doc.start };
  }
  return undefined;
}

/** True when the policy denies all traffic of `direction` to every pod: empty podSelector, the type declared, no rules. */
function deniesAll(p: NetworkPolicy, direction: 'ingress' | 'egress'): boolean {
  const selector = p.podSelector;
  if (!selector?.node || selector.matchLabels.length > 0 || selector.matchExpressions.length > 0) return false;
  const types = effectivePolicyTypes(p);
  if (!(direction === 'ingress' ? types.ingress : types.egress)) return false;
  return (p[direction]?.rules.length ?? 0) === 0;
}

/** Which directions the file already denies by default in `namespace` (undefined: policies without a namespace). */
export function coveredDirections(snapshot: FileSnapshot, namespace: string | undefined): { ingress: boolean; egress: boolean } {
  const inNamespace = policiesIn(snapshot, namespace);
  return { ingress: inNamespace.some((p) => deniesAll(p, 'ingress')), egress: inNamespace.some((p) => deniesAll(p, 'egress')) };
}

/** The variants worth offering: none that only repeats a default-deny the namespace already has. */
export function offeredVariants(snapshot: FileSnapshot, namespace: string | undefined): DenyVariant[] {
  const covered = coveredDirections(snapshot, namespace);
  return DENY_VARIANT_IDS.filter((v) => {
    const info = DENY_VARIANTS[v];
    if (info.ingress && info.egress) return !covered.ingress && !covered.egress;
    return info.ingress ? !covered.ingress : !covered.egress;
  });
}

/** `base`, or `base-2`, `base-3`, ... when a policy of the namespace already has that name. */
function uniqueName(snapshot: FileSnapshot, namespace: string | undefined, base: string): string {
  const taken = new Set(policiesIn(snapshot, namespace).flatMap((p) => policyName(p) ?? []));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

function defaultDenyPolicy(name: string, namespace: string | undefined, variant: DenyVariant): { readonly [key: string]: YamlValue } {
  const info = DENY_VARIANTS[variant];
  const policyTypes = [...(info.ingress ? ['Ingress'] : []), ...(info.egress ? ['Egress'] : [])];
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: namespace === undefined ? { name } : { name, namespace },
    spec: { podSelector: {}, policyTypes, ...(info.dns ? { egress: [DNS_EGRESS_RULE] } : {}) },
  };
}

/** The edit appending the policy to the file, in the file's style (file offsets). */
export function defaultDenyEdit(snapshot: FileSnapshot, namespace: string | undefined, variant: DenyVariant): TextEdit {
  const name = uniqueName(snapshot, namespace, DENY_VARIANTS[variant].baseName);
  return appendDocument(snapshot.text, defaultDenyPolicy(name, namespace, variant), fileStyle(snapshot));
}

/**
 * The namespaces to offer at a cursor: the namespace of the policy under it, or else every namespace of the file.
 * Empty when none is known (the cursor's policy has no namespace, or the file has none): the user is asked.
 */
export function namespacesToOffer(snapshot: FileSnapshot, offset: number): string[] {
  const here = policyAtOffset(snapshot, offset);
  if (here) {
    const ns = policyNamespace(here.policy);
    return ns === undefined ? [] : [ns];
  }
  return fileNamespaces(snapshot);
}
