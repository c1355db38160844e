// Cloud metadata and credential endpoints that pods must not reach: from any of them a pod can read the node's
// instance-role credentials. `any` (the default) is the set every major cloud shares; a provider adds its own.
// Sources are cited in the docs of the rule egress-reaches-metadata-endpoint.

export interface MetadataEndpoint {
  readonly address: string;
  readonly provider: string;
  readonly note: string;
}

const COMMON: readonly MetadataEndpoint[] = [
  { address: '169.254.169.254', provider: 'AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle, Hetzner', note: 'instance metadata service (IMDS)' },
  { address: 'fd00:ec2::254', provider: 'AWS', note: 'IPv6 instance metadata service (Nitro)' },
];

const BY_CLOUD: Readonly<Record<string, readonly MetadataEndpoint[]>> = {
  aws: [
    { address: '169.254.170.2', provider: 'AWS', note: 'ECS task metadata and container credentials' },
    { address: '169.254.170.23', provider: 'AWS', note: 'EKS Pod Identity Agent' },
    { address: 'fd00:ec2::23', provider: 'AWS', note: 'EKS Pod Identity Agent (IPv6)' },
  ],
  gcp: [],
  azure: [{ address: '168.63.129.16', provider: 'Azure', note: 'WireServer (platform DNS and VM agent)' }],
  alibaba: [{ address: '100.100.100.200', provider: 'Alibaba Cloud', note: 'instance metadata service' }],
  oracle: [{ address: 'fd00:c1::a9fe:a9fe', provider: 'Oracle Cloud', note: 'IPv6 instance metadata service' }],
  tencent: [{ address: '169.254.0.23', provider: 'Tencent Cloud', note: 'instance metadata service' }],
  scaleway: [
    { address: '169.254.42.42', provider: 'Scaleway', note: 'instance metadata service' },
    { address: 'fd00:42::42', provider: 'Scaleway', note: 'IPv6 instance metadata service' },
  ],
  digitalocean: [],
  openstack: [],
  hetzner: [],
};

export const KNOWN_CLOUDS: readonly string[] = ['any', ...Object.keys(BY_CLOUD)];

export function metadataEndpoints(cloud: string): MetadataEndpoint[] {
  return [...COMMON, ...(BY_CLOUD[cloud] ?? [])];
}
