// Values that fixes and code actions insert, kept in one place so that every "allow DNS" looks the same.
import type { YMap } from '../syntax/tree';
import type { YamlValue } from './render';

/**
 * The cluster DNS as a peer: the kube-dns pods (CoreDNS keeps the `k8s-app: kube-dns` label) in kube-system, selected by
 * the automatic `kubernetes.io/metadata.name` namespace label.
 */
export const DNS_PEER: { readonly [key: string]: YamlValue } = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};

/** The egress rule that lets pods resolve names through the cluster DNS: DNS_PEER on UDP and TCP 53 (TCP for large answers and retries). */
export const DNS_EGRESS_RULE: YamlValue = {
  to: [DNS_PEER],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};

/**
 * `value` with its keys in the order the sibling `like` writes them (keys `like` lacks go last), so that a new list item
 * such as a second port entry reads like the one next to it.
 */
export function inKeyOrderOf(like: YMap, value: { readonly [key: string]: YamlValue }): { [key: string]: YamlValue } {
  const out: { [key: string]: YamlValue } = {};
  for (const e of like.entries) if (e.key in value) out[e.key] = value[e.key]!;
  for (const [k, v] of Object.entries(value)) if (!(k in out)) out[k] = v;
  return out;
}
