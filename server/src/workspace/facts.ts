// What the workspace index keeps of each file: plain values (no parse trees), extracted once per file text, so that a
// closed file costs only its facts. The workspace rules, hovers and the connectivity engine all read these types.
import type { Cidr } from '../net/ip';
import type { Protocol } from '../model/traffic';
import type { Span } from '../syntax/span';
import type { LabelSelector } from '../model/selector';

// Selectors are defined beside their matching (model/selector.ts); re-exported so that readers of facts need one import.
export type { LabelSelector, SelectorExpression } from '../model/selector';

/** Where a fact was written: the file and an offset range in that file's text. */
export interface Location {
  readonly uri: string;
  readonly span: Span;
}

export interface NamespaceFact {
  readonly name: string;
  /** With the `kubernetes.io/metadata.name` label the API server sets. */
  readonly labels: Readonly<Record<string, string>>;
  readonly location: Location;
}

export type WorkloadKind = 'Pod' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'ReplicaSet' | 'ReplicationController' | 'Job' | 'CronJob';

export interface ContainerPortFact {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

export interface WorkloadFact {
  readonly kind: WorkloadKind;
  readonly name: string;
  readonly namespace: string;
  /** The pod template's labels (a Pod's own labels). */
  readonly labels: Readonly<Record<string, string>>;
  /** `spec.replicas` where the kind has it (1 when left out); 1 for a Pod, a Job or a CronJob, 0 unknown for a DaemonSet. */
  readonly replicas: number;
  readonly ports: readonly ContainerPortFact[];
  /** A Pod owned by a controller (`ownerReferences` with `controller: true`) is named as its owner. */
  readonly owner?: { readonly kind: string; readonly name: string };
  /** False when `metadata.namespace` was left out (the namespace then came from a kustomization or is `default`). */
  readonly namespaceWritten?: boolean;
  /** The `metadata.name` value. */
  readonly location: Location;
}

export interface ServicePortFact {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
  /** A number, a container port name, or the port itself when left out. */
  readonly targetPort: number | string;
  /** The port's entry in `spec.ports`. */
  readonly location?: Location;
}

export interface ServiceFact {
  readonly name: string;
  readonly namespace: string;
  /** Undefined for a Service without a selector (its endpoints are managed elsewhere). */
  readonly selector?: Readonly<Record<string, string>>;
  readonly ports: readonly ServicePortFact[];
  /** False when `metadata.namespace` was left out (the namespace then came from a kustomization or is `default`). */
  readonly namespaceWritten?: boolean;
  readonly location: Location;
}

export type PortFact =
  | { readonly protocol: Protocol; readonly port?: undefined; readonly location: Location }
  | { readonly protocol: Protocol; readonly port: number; readonly endPort?: number; readonly location: Location }
  | { readonly protocol: Protocol; readonly port: string; readonly location: Location };

export interface IpBlockFact {
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
}

/** One `from`/`to` entry. A peer with neither selector nor ipBlock is invalid and left out. */
export interface PeerFact {
  /** Absent: the policy's own namespace (unless `namespaceSelector` is set). */
  readonly podSelector?: LabelSelector;
  readonly namespaceSelector?: LabelSelector;
  readonly ipBlock?: IpBlockFact;
  readonly location: Location;
}

export interface RuleFact {
  /** 'all' when `from`/`to` is missing, null or empty. */
  readonly peers: readonly PeerFact[] | 'all';
  /** 'all' when `ports` is missing, null or empty. Entries with invalid values are left out (they match nothing). */
  readonly ports: readonly PortFact[] | 'all';
  /** The rule item. */
  readonly location: Location;
}

export interface PolicyFact {
  readonly name: string;
  readonly namespace: string;
  /** True when `metadata.namespace` was written (else it came from a kustomization or `default`). */
  readonly namespaceWritten: boolean;
  readonly podSelector: LabelSelector;
  /** The policy types in effect after Kubernetes' defaulting. */
  readonly ingressIsolating: boolean;
  readonly egressIsolating: boolean;
  readonly ingress: readonly RuleFact[];
  readonly egress: readonly RuleFact[];
  /** The `metadata.name` value; `podSelectorLocation` is the `spec.podSelector` value (the policy node when absent). */
  readonly location: Location;
  readonly podSelectorLocation: Location;
  /** The whole policy object (a document root or a List item). */
  readonly objectLocation?: Location;
}

/** Everything one file contributes to the workspace. */
export interface FileFacts {
  readonly uri: string;
  readonly namespaces: readonly NamespaceFact[];
  readonly workloads: readonly WorkloadFact[];
  readonly services: readonly ServiceFact[];
  readonly policies: readonly PolicyFact[];
  /** The `namespace:` of a kustomization.yaml/.yml (applies to manifests of its folder without their own namespace). */
  readonly kustomizeNamespace?: string;
}
