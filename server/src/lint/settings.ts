// Settings that change what is reported: the one vocabulary of their names, values, defaults and meanings, and their
// normalisation. They come from VS Code settings, initializationOptions, a `.netpol.yaml` file or CLI flags; all of them
// are normalised here. package.json's `contributes.configuration` and the `.netpol.yaml` schema are generated from
// `SETTINGS` (`npm run docs`), and the CLI's help, `.netpol.yaml`'s checks and the CNI rules read it, so adding a setting
// or a value is one edit here.
import { formatCidr, parseCidr } from '../net/ip';
import type { Cloud } from '../net/metadata-endpoints';

export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

export const RULE_LEVELS: readonly RuleLevel[] = ['off', 'hint', 'information', 'warning', 'error'];

/** What each level means, for settings UIs. */
export const RULE_LEVEL_TEXT: Readonly<Record<RuleLevel, string>> = {
  off: 'Not reported.',
  hint: 'Reported as a hint (shown faintly, not in the Problems list).',
  information: 'Reported as information.',
  warning: 'Reported as a warning.',
  error: 'Reported as an error.',
};

/** Clouds, each with whose endpoints it checks (net/metadata-endpoints.ts holds them; the type keeps both in step). */
const CLOUDS = {
  any: 'Any cloud: the endpoints every major cloud shares (169.254.169.254, and AWS\u2019s IPv6 fd00:ec2::254).',
  aws: 'Amazon Web Services (EKS): its instance metadata service and the EKS Pod Identity Agent.',
  gcp: 'Google Cloud (GKE): the GCE metadata server.',
  azure: 'Microsoft Azure (AKS): its Instance Metadata Service and WireServer.',
  alibaba: 'Alibaba Cloud: its instance metadata service.',
  oracle: 'Oracle Cloud: its IPv4 and IPv6 instance metadata service.',
  tencent: 'Tencent Cloud: its instance metadata service.',
  scaleway: 'Scaleway: its IPv4 and IPv6 instance metadata service.',
  digitalocean: 'DigitalOcean: its metadata service.',
  openstack: 'OpenStack: its metadata service.',
  hetzner: 'Hetzner Cloud: its metadata service.',
} as const satisfies Record<Cloud, string>;

/** CNI plugins, each with what netpol knows of its NetworkPolicy support (the cni rules' tables are keyed by these). */
const CNIS = {
  unknown: 'Not said: no CNI-specific warnings.',
  calico: 'Calico (also Canal).',
  cilium: 'Cilium.',
  'aws-vpc-cni': 'Amazon VPC CNI with its network policy agent.',
  'azure-npm': 'Azure Network Policy Manager.',
  flannel: 'flannel alone, which enforces no NetworkPolicy.',
  weave: 'Weave Net.',
  'kube-router': 'kube-router.',
  antrea: 'Antrea.',
  'ovn-kubernetes': 'OVN-Kubernetes.',
} as const;

const PROFILES = {
  default: 'The rules about mistakes.',
  strict: 'Adds opinionated rules: broad egress instead of explicit allow lists, namespaces without a default-deny policy.',
} as const;

export type Cni = keyof typeof CNIS;
export type Profile = keyof typeof PROFILES;

export interface Settings {
  /** False turns every diagnostic off (netpol.enable). */
  readonly enable: boolean;
  /** Kubernetes minor version as "1.N". */
  readonly kubernetesVersion: string;
  /** Cloud provider, for metadata endpoints. */
  readonly cloud: Cloud;
  /** The CNI plugin enforcing policies. */
  readonly cni: Cni;
  /** `strict` adds opinionated rules (broad egress, a namespace without default-deny). */
  readonly profile: Profile;
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

/** One setting: its default and its meaning (Markdown); a named setting also its values, each with its meaning. */
export interface SettingSpec<T> {
  readonly default: T;
  readonly description: string;
  readonly values?: Readonly<Record<string, string>>;
  readonly pattern?: string;
  /** For a group of settings (`cluster`): each member's meaning. */
  readonly fields?: Readonly<Record<string, string>>;
}

export const DEFAULT_KUBERNETES_VERSION = '1.37';

/** Every setting, in the order settings UIs show them. */
export const SETTINGS: { readonly [K in keyof Settings]: SettingSpec<Settings[K]> } = {
  enable: { default: true, description: 'Check Kubernetes NetworkPolicy documents in YAML files; `false` turns every diagnostic off.' },
  kubernetesVersion: {
    default: DEFAULT_KUBERNETES_VERSION,
    pattern: '^1\\.[0-9]+$',
    description: 'The Kubernetes minor version the policies are applied to (e.g. `1.35`). Checks that depend on the version (strict CIDR validation, removed fields) follow it.',
  },
  cloud: { default: 'any', values: CLOUDS, description: "The cloud the cluster runs on. Adds that provider's own metadata and credential endpoints to the metadata-endpoint check." },
  cni: { default: 'unknown', values: CNIS, description: 'The CNI plugin that enforces NetworkPolicy in the cluster. Enables warnings about features it does not support.' },
  profile: { default: 'default', values: PROFILES, description: '`strict` adds opinionated rules: broad egress instead of explicit allow lists, namespaces without a default-deny policy.' },
  rules: { default: {}, description: 'Severity per rule id, e.g. `{"policy-without-namespace": "off"}`; see docs/rules.md.' },
  cluster: {
    default: { serviceCIDR: [], podCIDR: [] },
    description: "The cluster's address ranges, for the ipBlock rules and the CIDR hover: each a CIDR, a comma-separated list (as kube-apiserver takes it) or a list of CIDRs.",
    fields: {
      serviceCIDR: "The Service (ClusterIP) range (kube-apiserver `--service-cluster-ip-range`), e.g. `10.96.0.0/12` or `10.96.0.0/12,fd00:10:96::/112`. Unset: kubeadm's `10.96.0.0/12` is assumed and ipblock-service-address reports information.",
      podCIDR: 'The pod range (kube-controller-manager `--cluster-cidr`), e.g. `10.244.0.0/16`. Unset: ipblock-pod-address is quiet.',
    },
  },
};

/**
 * The workspace index's settings (`netpol.workspace.*`): the editor's, for the whole window (one index per language
 * server), read by the LSP layer's discovery of the workspace's files rather than by lint.
 */
export interface WorkspaceSettings {
  readonly enable: boolean;
  readonly exclude: readonly string[];
}

export const WORKSPACE_SETTINGS: { readonly [K in keyof WorkspaceSettings]: SettingSpec<WorkspaceSettings[K]> } = {
  enable: {
    default: true,
    description:
      'Index every `*.yaml`/`*.yml` file of the workspace (Namespaces, workloads, Services, NetworkPolicies) so that policies are judged against the workloads they govern: a selector that selects nothing, an undeclared named port, a Service port no policy allows. `false` judges each file on its own.',
  },
  exclude: {
    default: [],
    description:
      'Globs, relative to the workspace folder, of files the workspace index leaves out (e.g. `charts/**`, `**/testdata/**`). `.git`, `node_modules`, `vendor`, `.terraform` and files over 2 MiB are always left out.',
  },
};

/** The values a named setting takes; `.netpol.yaml` and the CLI flags are checked against these. */
export const SETTING_VALUES = {
  cloud: Object.keys(CLOUDS) as readonly Cloud[],
  cni: Object.keys(CNIS) as readonly Cni[],
  profile: Object.keys(PROFILES) as readonly Profile[],
} as const;

export const DEFAULT_SETTINGS: Settings = {
  enable: SETTINGS.enable.default,
  kubernetesVersion: SETTINGS.kubernetesVersion.default,
  cloud: SETTINGS.cloud.default,
  cni: SETTINGS.cni.default,
  profile: SETTINGS.profile.default,
  rules: SETTINGS.rules.default,
  cluster: SETTINGS.cluster.default,
};

/** The keys a settings object (and `.netpol.yaml`) has. */
export const SETTINGS_KEYS: readonly (keyof Settings)[] = Object.keys(SETTINGS) as (keyof Settings)[];

const LEVELS = new Set<string>(RULE_LEVELS);

/**
 * Accepts anything (user JSON); keeps what is valid and uses the default for the rest. Each value it does not accept
 * is reported to `problem` with a message saying what was wrong, what is allowed and what is used instead.
 */
export function normaliseSettings(input: unknown, problem: (message: string) => void = () => {}): Settings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  const reject = (key: keyof Settings, value: unknown, allowed: string): void =>
    problem(`netpol.${key}: ${JSON.stringify(value)} is not ${allowed}; using the default ${JSON.stringify(SETTINGS[key].default)}.`);
  const named = <K extends keyof typeof SETTING_VALUES>(key: K): (typeof SETTING_VALUES)[K][number] => {
    const value = raw[key];
    const fallback = SETTINGS[key].default as (typeof SETTING_VALUES)[K][number];
    if (value === undefined || value === null || value === '') return fallback;
    const known: readonly string[] = SETTING_VALUES[key];
    const lower = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
    if (lower !== undefined && known.includes(lower)) return lower as (typeof SETTING_VALUES)[K][number];
    reject(key, value, `one of ${known.join(', ')}`);
    return fallback;
  };
  let kubernetesVersion = DEFAULT_KUBERNETES_VERSION;
  if (raw.kubernetesVersion !== undefined && raw.kubernetesVersion !== null && raw.kubernetesVersion !== '') {
    // Only text: an unquoted 1.30 in YAML is the number 1.3.
    const text = typeof raw.kubernetesVersion === 'string' ? raw.kubernetesVersion.trim() : '';
    if (/^1\.\d+$/.test(text)) kubernetesVersion = text;
    else reject('kubernetesVersion', raw.kubernetesVersion, 'a Kubernetes minor version such as "1.35"');
  }
  const rules: Record<string, RuleLevel> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>)) {
      const l = level === 'info' ? 'information' : level;
      if (typeof l === 'string' && LEVELS.has(l)) rules[id] = l as RuleLevel;
      else problem(`netpol.rules.${id}: ${JSON.stringify(level)} is not one of ${RULE_LEVELS.join(', ')}; using the rule's own severity.`);
    }
  } else if (raw.rules !== undefined && raw.rules !== null) {
    reject('rules', raw.rules, 'a mapping of rule id to severity');
  }
  if (raw.enable !== undefined && typeof raw.enable !== 'boolean') reject('enable', raw.enable, 'true or false');
  return {
    enable: raw.enable !== false,
    kubernetesVersion,
    cloud: named('cloud'),
    cni: named('cni'),
    profile: named('profile'),
    rules,
    cluster: normaliseCluster(raw.cluster, problem),
  };
}

/**
 * `cluster: {serviceCIDR, podCIDR}`; each a CIDR, a comma-separated list (as kube-apiserver takes it, e.g.
 * "10.96.0.0/12,fd00:10:96::/112") or a list of CIDRs. Values that do not parse are dropped.
 */
function normaliseCluster(input: unknown, problem: (message: string) => void): ClusterSettings {
  const raw = (input && typeof input === 'object' ? input : {}) as Record<string, unknown>;
  for (const key of CLUSTER_KEYS) {
    const wrong = invalidCidrs(raw[key]);
    if (wrong.length > 0) problem(`netpol.cluster.${key}: ${wrong.map((w) => JSON.stringify(w)).join(', ')} ${wrong.length === 1 ? 'is not a CIDR' : 'are not CIDRs'}; left out.`);
  }
  return { serviceCIDR: cidrList(raw.serviceCIDR), podCIDR: cidrList(raw.podCIDR) };
}

/** The keys of `cluster`. */
export const CLUSTER_KEYS = Object.keys(SETTINGS.cluster.fields!) as readonly (keyof ClusterSettings)[];

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
