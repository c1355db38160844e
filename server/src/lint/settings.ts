// Settings that change what is reported, with their defaults. They come from VS Code settings, initializationOptions, a
// `.netpol.yaml` file or CLI flags; all of them are normalised here.
import { formatCidr, parseCidr } from '../net/ip';
import { KNOWN_CLOUDS } from '../net/metadata-endpoints';

export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

/** The values a named setting takes; `.netpol.yaml` and the CLI flags are checked against these. */
export const SETTING_VALUES = {
  cloud: KNOWN_CLOUDS,
  cni: ['unknown', 'calico', 'cilium', 'aws-vpc-cni', 'azure-npm', 'flannel', 'weave', 'kube-router', 'antrea', 'ovn-kubernetes'],
  profile: ['default', 'strict'],
} as const satisfies Record<string, readonly string[]>;

export interface Settings {
  /** False turns every diagnostic off (netpol.enable). */
  readonly enable: boolean;
  /** Kubernetes minor version as "1.N". */
  readonly kubernetesVersion: string;
  /** Cloud provider, for metadata endpoints: one of SETTING_VALUES.cloud. */
  readonly cloud: string;
  /** The CNI plugin enforcing policies: one of SETTING_VALUES.cni. */
  readonly cni: string;
  /** `strict` adds opinionated rules (broad egress, a namespace without default-deny). */
  readonly profile: 'default' | 'strict';
  readonly rules: Readonly<Record<string, RuleLevel>>;
  /** The cluster's address ranges (netpol.cluster.*), as canonical CIDRs; [] when not set. */
  readonly cluster: ClusterSettings;
}

export interface ClusterSettings {
  /** The Service (ClusterIP) range, one CIDR per family (kube-apiserver --service-cluster-ip-range). */
  readonly serviceCIDR: readonly string[];
  /** The pod range, one or more CIDRs (kube-controller-manager --cluster-cidr). */
  readonly podCIDR: readonly string[];
}

export const DEFAULT_KUBERNETES_VERSION = '1.37';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  cloud: 'any',
  cni: 'unknown',
  profile: 'default',
  rules: {},
  cluster: { serviceCIDR: [], podCIDR: [] },
};

/** The keys a settings object (and `.netpol.yaml`) has. */
export const SETTINGS_KEYS: readonly (keyof Settings)[] = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

const LEVELS = new Set<RuleLevel>(RULE_LEVELS);

/** Accepts anything (user JSON); keeps what is valid and falls back to defaults for the rest. */
export function normaliseSettings(input: unknown): Settings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const version = typeof raw.kubernetesVersion === 'string' && /^1\.\d+$/.test(raw.kubernetesVersion.trim()) ? raw.kubernetesVersion.trim() : DEFAULT_KUBERNETES_VERSION;
  const rules: Record<string, RuleLevel> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>)) {
      const l = level === 'info' ? 'information' : level;
      if (typeof l === 'string' && LEVELS.has(l as RuleLevel)) rules[id] = l as RuleLevel;
    }
  }
  return {
    enable: raw.enable !== false,
    kubernetesVersion: version,
    cloud: typeof raw.cloud === 'string' && raw.cloud ? raw.cloud.toLowerCase() : 'any',
    cni: typeof raw.cni === 'string' && raw.cni ? raw.cni.toLowerCase() : 'unknown',
    profile: raw.profile === 'strict' ? 'strict' : 'default',
    rules,
    cluster: normaliseCluster(raw.cluster),
  };
}

/**
 * `cluster: {serviceCIDR, podCIDR}`; each a CIDR, a comma-separated list (as kube-apiserver takes it, e.g.
 * "10.96.0.0/12,fd00:10:96::/112") or a list of CIDRs. Values that do not parse are dropped.
 */
function normaliseCluster(input: unknown): ClusterSettings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  return { serviceCIDR: cidrList(raw.serviceCIDR), podCIDR: cidrList(raw.podCIDR) };
}

/** The keys of `cluster`. */
export const CLUSTER_KEYS: readonly (keyof ClusterSettings)[] = ['serviceCIDR', 'podCIDR'];

/** The entries of a CIDR list setting: a string split at commas, or a list of such strings. */
function cidrParts(value: unknown): string[] {
  const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  return strings.flatMap((v) => v.split(',')).map((p) => p.trim()).filter((p) => p !== '');
}

/** The entries of a CIDR list setting that are not CIDRs (for `.netpol.yaml` and CLI problems). */
export function invalidCidrs(value: unknown): string[] {
  return cidrParts(value).filter((p) => !parseCidr(p));
}

function cidrList(value: unknown): string[] {
  const out: string[] = [];
  for (const part of cidrParts(value)) {
    const cidr = parseCidr(part);
    if (cidr && !out.includes(formatCidr(cidr))) out.push(formatCidr(cidr));
  }
  return out;
}

/** The minor version number: "1.35" → 35. */
export function minorVersion(settings: Settings): number {
  return Number(settings.kubernetesVersion.split('.')[1]);
}
