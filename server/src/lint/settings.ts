// Settings that change what is reported, with their defaults. They come from VS Code settings, initializationOptions, a
// `.netpol.yaml` file or CLI flags; all of them are normalised here.
export type RuleLevel = 'off' | 'hint' | 'information' | 'warning' | 'error';

export interface Settings {
  /** False turns every diagnostic off (netpol.enable). */
  readonly enable: boolean;
  /** Kubernetes minor version as "1.N". */
  readonly kubernetesVersion: string;
  /** Cloud provider, for metadata endpoints: any, aws, gcp, azure, alibaba, oracle, tencent, scaleway, digitalocean, openstack, hetzner. */
  readonly cloud: string;
  /** The CNI plugin enforcing policies: unknown, calico, cilium, aws-vpc-cni, flannel, weave, kube-router, azure-npm, antrea. */
  readonly cni: string;
  /** `strict` adds opinionated rules (broad egress, a namespace without default-deny). */
  readonly profile: 'default' | 'strict';
  readonly rules: Readonly<Record<string, RuleLevel>>;
}

export const DEFAULT_KUBERNETES_VERSION = '1.37';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  kubernetesVersion: DEFAULT_KUBERNETES_VERSION,
  cloud: 'any',
  cni: 'unknown',
  profile: 'default',
  rules: {},
};

const LEVELS = new Set<RuleLevel>(['off', 'hint', 'information', 'warning', 'error']);

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
  };
}

/** The minor version number: "1.35" → 35. */
export function minorVersion(settings: Settings): number {
  return Number(settings.kubernetesVersion.split('.')[1]);
}
