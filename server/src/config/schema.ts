// The JSON Schema of `.netpol.yaml`, built from the same vocabulary that `netpol-config.ts` validates against, so that an
// editor with yaml-language-server completes and checks the file the way netpol does. `npm run docs` writes it to
// schemas/netpol-config.schema.json; the tests fail when that file is stale.
import { RULE_LEVELS, SETTING_VALUES, SETTINGS } from '../lint/settings';
import { allRules } from '../rules/registry';

export function configJsonSchema(): Record<string, unknown> {
  const level = { type: 'string', enum: [...RULE_LEVELS, 'info'] };
  const cidrs = { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }] };
  const rules = [...allRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'netpol settings (.netpol.yaml)',
    description: 'Settings of netpol-lint and the netpol language server. netpol-lint uses the .netpol.yaml nearest to each file, up to the repository root.',
    type: 'object',
    additionalProperties: false,
    properties: {
      enable: { type: 'boolean', default: SETTINGS.enable.default, description: 'False turns every diagnostic off.' },
      kubernetesVersion: { type: ['string', 'number'], pattern: SETTINGS.kubernetesVersion.pattern, default: SETTINGS.kubernetesVersion.default, description: 'The Kubernetes minor version the policies are applied to, e.g. "1.35". Quote it: unquoted, 1.30 is the number 1.3 to most YAML tools.' },
      cloud: { type: 'string', enum: [...SETTING_VALUES.cloud], default: SETTINGS.cloud.default, description: "The cloud the cluster runs on; adds that provider's metadata and credential endpoints to the metadata-endpoint check." },
      cni: { type: 'string', enum: [...SETTING_VALUES.cni], default: SETTINGS.cni.default, description: 'The CNI plugin that enforces NetworkPolicy in the cluster; enables warnings about features it does not support.' },
      profile: { type: 'string', enum: [...SETTING_VALUES.profile], default: SETTINGS.profile.default, description: '`strict` adds opinionated rules.' },
      cluster: {
        type: 'object',
        description: "The cluster's address ranges, for the ipBlock rules and the CIDR hover.",
        additionalProperties: false,
        properties: {
          serviceCIDR: { ...cidrs, description: "The Service (ClusterIP) range (kube-apiserver --service-cluster-ip-range), e.g. 10.96.0.0/12 or 10.96.0.0/12,fd00:10:96::/112. Unset: kubeadm's 10.96.0.0/12 is assumed and ipblock-service-address reports information." },
          podCIDR: { ...cidrs, description: 'The pod range (kube-controller-manager --cluster-cidr), e.g. 10.244.0.0/16. Unset: ipblock-pod-address is quiet.' },
        },
      },
      rules: {
        type: 'object',
        description: 'Severity per rule id (see docs/rules.md); `info` is short for `information`.',
        additionalProperties: false,
        properties: Object.fromEntries(rules.map((r) => [r.meta.id, { ...level, description: `${r.meta.title} (default: ${r.meta.severity}${r.meta.profile ? `, ${r.meta.profile} profile only` : ''}).` }])),
      },
    },
  };
}
