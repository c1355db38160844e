// Well-known label keys offered in selectors and explained on hover.
export interface WellKnownLabel {
  readonly key: string;
  readonly doc: string;
}

export const WELL_KNOWN_LABELS: readonly WellKnownLabel[] = [
  {
    key: 'kubernetes.io/metadata.name',
    doc: "Set by the API server on every namespace (since Kubernetes 1.22) to the namespace's name, and immutable: the reliable way to select a namespace by name in a namespaceSelector.",
  },
  { key: 'app.kubernetes.io/name', doc: 'Recommended label: the name of the application (e.g. `mysql`).' },
  { key: 'app.kubernetes.io/instance', doc: 'Recommended label: a unique name identifying the instance of an application (e.g. the Helm release, `mysql-abcxyz`).' },
  { key: 'app.kubernetes.io/component', doc: 'Recommended label: the component within the architecture (e.g. `database`, `frontend`).' },
  { key: 'app.kubernetes.io/part-of', doc: 'Recommended label: the name of a higher-level application this one is part of (e.g. `wordpress`).' },
  { key: 'k8s-app', doc: 'Label used by many cluster add-ons; kube-dns / CoreDNS pods carry `k8s-app: kube-dns`.' },
  { key: 'app', doc: 'A common, informal application label (used by many charts and examples).' },
];

export function wellKnownLabel(key: string): WellKnownLabel | undefined {
  return WELL_KNOWN_LABELS.find((l) => l.key === key);
}
