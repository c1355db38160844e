// The cluster's own address ranges, as the ipBlock rules and the CIDR hover judge them: the Service (ClusterIP) range, from
// netpol.cluster.serviceCIDR or else kubeadm's default, and the pod range, from netpol.cluster.podCIDR (no default).
import { cidrContainsCidr, cidrFirst, parseCidr, type Cidr } from './ip';

/** kubeadm's default `networking.serviceSubnet` (kube-apiserver --service-cluster-ip-range). */
export const KUBEADM_SERVICE_CIDR = '10.96.0.0/12';

export interface ClusterRanges {
  readonly service: readonly Cidr[];
  /** True when no Service range is configured and kubeadm's default stands in for it. */
  readonly serviceAssumed: boolean;
  readonly pod: readonly Cidr[];
}

export function clusterRanges(settings: { readonly serviceCIDR: readonly string[]; readonly podCIDR: readonly string[] }): ClusterRanges {
  const parse = (list: readonly string[]) => list.flatMap((text) => parseCidr(text) ?? []);
  const service = parse(settings.serviceCIDR);
  return {
    service: service.length > 0 ? service : parse([KUBEADM_SERVICE_CIDR]),
    serviceAssumed: service.length === 0,
    pod: parse(settings.podCIDR),
  };
}

/** The range of `ranges` that holds every address of `cidr`; undefined when none does (a block that only overlaps one). */
export function rangeHolding(ranges: readonly Cidr[], cidr: Cidr): Cidr | undefined {
  return ranges.find((r) => cidrContainsCidr(r, cidr));
}

/** The first usable address of a range: the ClusterIP of the `kubernetes` Service (10.96.0.1 in 10.96.0.0/12). */
export function firstHostAddress(range: Cidr): bigint {
  return cidrFirst(range) + 1n;
}
