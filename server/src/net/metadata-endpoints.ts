// Cloud metadata and credential endpoints that Kubernetes nodes serve to their pods, per provider, with whose credentials
// or data each one hands out. `any` (the default) is the set most clouds share; a provider lists only what its nodes serve.
// Sources are cited in the docs of the rule egress-reaches-metadata-endpoint.

export interface MetadataEndpoint {
  readonly address: string;
  /** What answers there, for messages: "AWS's instance metadata service (IMDS)". */
  readonly service: string;
  /** Whose credentials or data are at stake there, as a clause: "a pod can read the node's IAM role credentials". */
  readonly exposes: string;
  /** The TCP ports it answers on, all plain HTTP. */
  readonly ports: readonly number[];
  /**
   * `node`: what the node itself may do, beyond the pod's own identity (reaching it is a warning). `pod`: only what the
   * pod's own identity is granted anyway (information: pods that use it need it).
   */
  readonly scope: 'node' | 'pod';
  /** For `pod` endpoints: the feature pods use it for ("EKS Pod Identity"). */
  readonly feature?: string;
}

const http = (address: string, service: string, exposes: string): MetadataEndpoint => ({ address, service, exposes, ports: [80], scope: 'node' });

/** The EKS Pod Identity Agent: credentials of the pod's own service account only, so pods that use it need it. */
const podIdentity = (address: string, service: string): MetadataEndpoint => ({
  address,
  service,
  exposes: 'a pod gets the IAM role credentials of its own service account',
  ports: [80],
  scope: 'pod',
  feature: 'EKS Pod Identity',
});

const USER_DATA = "a pod can read the node's metadata and user data (which may hold bootstrap secrets)";

const BY_CLOUD = {
  any: [
    http('169.254.169.254', 'the cloud metadata endpoint', "a pod can read the node's cloud credentials (instance role, service account or managed identity)"),
    http('fd00:ec2::254', "AWS's IPv6 metadata endpoint", "a pod can read the node's IAM role credentials"),
  ],
  aws: [
    http('169.254.169.254', "AWS's instance metadata service (IMDS)", "a pod can read the node's IAM role credentials"),
    http('fd00:ec2::254', "AWS's IPv6 instance metadata service", "a pod can read the node's IAM role credentials"),
    podIdentity('169.254.170.23', 'the EKS Pod Identity Agent'),
    podIdentity('fd00:ec2::23', 'the EKS Pod Identity Agent (IPv6)'),
  ],
  gcp: [http('169.254.169.254', 'the GCE metadata server', "a pod can read the node's service account token, unless GKE Workload Identity is on")],
  azure: [
    http('169.254.169.254', "Azure's Instance Metadata Service", "a pod can get the node's managed identity tokens (on AKS, the kubelet identity)"),
    { address: '168.63.129.16', service: "Azure's WireServer", exposes: "a pod can talk to the Azure platform as the node's VM agent", ports: [80, 32526], scope: 'node' },
  ],
  alibaba: [http('100.100.100.200', "Alibaba Cloud's instance metadata service", "a pod can read the node's instance RAM role credentials")],
  oracle: [
    http('169.254.169.254', "Oracle Cloud's instance metadata service", USER_DATA),
    http('fd00:c1::a9fe:a9fe', "Oracle Cloud's IPv6 instance metadata service", USER_DATA),
  ],
  tencent: [http('169.254.0.23', "Tencent Cloud's instance metadata service", "a pod can read the node's CAM role credentials")],
  scaleway: [
    http('169.254.42.42', "Scaleway's instance metadata service", USER_DATA),
    http('fd00:42::42', "Scaleway's IPv6 instance metadata service", USER_DATA),
  ],
  digitalocean: [http('169.254.169.254', "DigitalOcean's metadata service", USER_DATA)],
  openstack: [http('169.254.169.254', "OpenStack's metadata service", USER_DATA)],
  hetzner: [http('169.254.169.254', "Hetzner Cloud's metadata service", USER_DATA)],
} satisfies Record<string, readonly MetadataEndpoint[]>;

/** The clouds netpol knows (lint/settings.ts describes each; its type keeps both in step). */
export type Cloud = keyof typeof BY_CLOUD;

/** The endpoints of a cloud; an unknown name gets the shared set of `any`. */
export function metadataEndpoints(cloud: string): readonly MetadataEndpoint[] {
  return (BY_CLOUD as Readonly<Record<string, readonly MetadataEndpoint[]>>)[cloud] ?? BY_CLOUD.any;
}
