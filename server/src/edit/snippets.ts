// Values that fixes and code actions insert, kept in one place so that every "allow DNS" looks the same.
import type { YamlValue } from './render';

/**
 * The egress rule that lets pods resolve names through the cluster DNS: the kube-dns pods (CoreDNS keeps the
 * `k8s-app: kube-dns` label) in kube-system, selected by the automatic `kubernetes.io/metadata.name` namespace label,
 * on UDP and TCP 53 (TCP for large answers and retries).
 */
export const DNS_EGRESS_RULE: YamlValue = {
  to: [
    {
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
      podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    },
  ],
  ports: [
    { protocol: 'UDP', port: 53 },
    { protocol: 'TCP', port: 53 },
  ],
};
