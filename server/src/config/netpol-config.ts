// `.netpol.yaml`: turns the text of a settings file into the settings it validly states plus a problem, with its span and a
// "did you mean", for every mistake in it. The same checks serve the CLI's flags (`checkSettingValue`, `checkRuleLevel`) and the
// language server (diagnostics in the `.netpol.yaml` file itself). No I/O: finding the file is the front ends' job.
import { isMap, isPair, isScalar, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { CLUSTER_KEYS, invalidCidrs, RULE_LEVELS, SETTING_VALUES, SETTINGS_KEYS, type RuleLevel } from '../lint/settings';
import { allRules, ruleById } from '../rules/registry';
import { closestName } from '../schema/suggest';
import type { Span } from '../syntax/span';

/** The file name looked up from a linted file's folder upward. */
export const CONFIG_FILE_NAME = '.netpol.yaml';

export interface ConfigProblem {
  /** Where in the config text. */
  readonly span: Span;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The value to write instead of the text at `span`, when a known name is close enough to be what was meant. */
  readonly suggestion?: string;
}

export interface ParsedConfig {
  /** The settings the file states validly, in the shape `normaliseSettings` takes; a mistaken entry is left out. */
  readonly settings: Record<string, unknown>;
  readonly problems: readonly ConfigProblem[];
}

/** Cloud names people write for the providers netpol knows, suggested when no known name is a near typo. */
const CLOUD_ALIASES: Readonly<Record<string, string>> = {
  amazon: 'aws',
  'amazon-web-services': 'aws',
  eks: 'aws',
  ec2: 'aws',
  google: 'gcp',
  gke: 'gcp',
  gce: 'gcp',
  'google-cloud': 'gcp',
  microsoft: 'azure',
  aks: 'azure',
  aliyun: 'alibaba',
  'alibaba-cloud': 'alibaba',
  ack: 'alibaba',
  oci: 'oracle',
  oke: 'oracle',
  do: 'digitalocean',
  doks: 'digitalocean',
  tke: 'tencent',
  hcloud: 'hetzner',
};

/** Likewise for CNI plugins: product and project names that are not the setting's value. */
const CNI_ALIASES: Readonly<Record<string, string>> = {
  'aws-vpc': 'aws-vpc-cni',
  'amazon-vpc-cni': 'aws-vpc-cni',
  vpc: 'aws-vpc-cni',
  azure: 'azure-npm',
  'azure-cni': 'azure-npm',
  npm: 'azure-npm',
  canal: 'calico',
  tigera: 'calico',
  'weave-net': 'weave',
  weavenet: 'weave',
  kuberouter: 'kube-router',
  ovn: 'ovn-kubernetes',
  ovnkubernetes: 'ovn-kubernetes',
};

/** Severity names other linters use (ESLint's `warn`, SARIF's `note`, ...), suggested for the level meant. */
const LEVEL_ALIASES: Readonly<Record<string, string>> = {
  warn: 'warning',
  err: 'error',
  note: 'information',
  none: 'off',
  disable: 'off',
  disabled: 'off',
  false: 'off',
};

const KEY_DESCRIPTIONS: Readonly<Record<string, string>> = {
  enable: 'true or false',
  kubernetesVersion: 'a Kubernetes minor version such as "1.35"',
  cloud: `one of ${SETTING_VALUES.cloud.join(', ')}`,
  cni: `one of ${SETTING_VALUES.cni.join(', ')}`,
  profile: `one of ${SETTING_VALUES.profile.join(', ')}`,
  rules: 'a mapping of rule id to off, hint, information, warning or error',
  cluster: `a mapping of ${CLUSTER_KEYS.join(' and ')} to CIDRs (one, a comma-separated list, or a list)`,
};

const didYouMean = (suggestion: string | undefined): string => (suggestion === undefined ? '' : ` Did you mean "${suggestion}"?`);

function suggestValue(key: 'cloud' | 'cni' | 'profile', value: string): string | undefined {
  const lower = value.toLowerCase();
  const aliases = key === 'cloud' ? CLOUD_ALIASES : key === 'cni' ? CNI_ALIASES : {};
  return aliases[lower] ?? closestName(value, SETTING_VALUES[key]);
}

/**
 * Checks a value given for one setting (a `.netpol.yaml` entry or a CLI flag such as `--cloud amazon`): a message saying what is
 * wrong and what would be right, or undefined when the value is valid. `source` names where the value came from.
 */
export function checkSettingValue(key: 'kubernetesVersion' | 'cloud' | 'cni' | 'profile', value: string, source: string = key): { message: string; suggestion?: string } | undefined {
  if (key === 'kubernetesVersion') {
    if (/^1\.\d+$/.test(value.trim())) return undefined;
    const m = /^v?(1)\.(\d+)(?:\.\d+)?$/.exec(value.trim());
    const suggestion = m ? `${m[1]}.${m[2]}` : undefined;
    return { message: `${source} must be a Kubernetes minor version such as "1.35", got "${value}".${didYouMean(suggestion)}`, suggestion };
  }
  const known: readonly string[] = SETTING_VALUES[key];
  if (known.includes(value.toLowerCase())) return undefined;
  const suggestion = suggestValue(key, value);
  return { message: `Unknown ${key} "${value}" in ${source}.${didYouMean(suggestion)} Known: ${known.join(', ')}.`, suggestion };
}

/** Checks a rule id and its level (a `rules:` entry or `--rule ID=LEVEL`); one problem for each of the two that is wrong. */
export function checkRuleLevel(id: string, level: string): { id?: { message: string; suggestion?: string }; level?: { message: string; suggestion?: string } } {
  const out: { id?: { message: string; suggestion?: string }; level?: { message: string; suggestion?: string } } = {};
  if (ruleById(id) === undefined) {
    const suggestion = closestName(
      id,
      allRules.map((r) => r.meta.id),
    );
    out.id = { message: `Unknown rule "${id}".${didYouMean(suggestion)} The rules are listed in docs/rules.md.`, suggestion };
  }
  if (normaliseLevel(level) === undefined) {
    const suggestion = LEVEL_ALIASES[level.toLowerCase()] ?? closestName(level, RULE_LEVELS);
    out.level = { message: `Unknown severity "${level}" for rule "${id}".${didYouMean(suggestion)} Use one of ${RULE_LEVELS.join(', ')}.`, suggestion };
  }
  return out;
}

/** `info` is accepted for `information`, as in the CLI flag. */
export function normaliseLevel(level: string): RuleLevel | undefined {
  const l = level === 'info' ? 'information' : level;
  return (RULE_LEVELS as readonly string[]).includes(l) ? (l as RuleLevel) : undefined;
}

/** Parses and validates the text of a `.netpol.yaml`. Never throws. */
export function parseConfig(text: string): ParsedConfig {
  const problems: ConfigProblem[] = [];
  const settings: Record<string, unknown> = {};
  const error = (span: Span, message: string, suggestion?: string) => problems.push({ span, message, severity: 'error', ...(suggestion !== undefined ? { suggestion } : {}) });
  let doc;
  try {
    doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  } catch (e) {
    error({ start: 0, end: 0 }, `${CONFIG_FILE_NAME} could not be read as YAML: ${(e as Error).message}`);
    return { settings, problems };
  }
  for (const e of doc.errors) error({ start: e.pos[0], end: Math.max(e.pos[1], e.pos[0]) }, `${CONFIG_FILE_NAME} is not valid YAML: ${e.message.split('\n')[0]}`);
  if (doc.errors.length > 0) return { settings, problems };
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === undefined))) return { settings, problems };
  if (!isMap(root)) {
    error(spanOf(root, text), `${CONFIG_FILE_NAME} must be a mapping of settings (${SETTINGS_KEYS.join(', ')}).`);
    return { settings, problems };
  }
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : undefined;
    const keySpan = spanOf(keyNode, text);
    if (key === undefined || !(SETTINGS_KEYS as readonly string[]).includes(key)) {
      const name = key ?? text.slice(keySpan.start, keySpan.end);
      const suggestion = closestName(name, SETTINGS_KEYS);
      error(keySpan, `Unknown setting "${name}" in ${CONFIG_FILE_NAME}.${didYouMean(suggestion)} Settings: ${SETTINGS_KEYS.join(', ')}.`, suggestion);
      continue;
    }
    const value = pair.value as YamlNode | null;
    const valueSpan = value ? spanOf(value, text) : keySpan;
    const wrongType = () => error(valueSpan, `"${key}" must be ${KEY_DESCRIPTIONS[key]}.`);
    switch (key) {
      case 'enable':
        if (isScalar(value) && typeof value.value === 'boolean') settings.enable = value.value;
        else wrongType();
        break;
      case 'kubernetesVersion': {
        // Unquoted, `1.30` is the number 1.3: the source text is what the author meant.
        const raw = isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') ? (typeof value.value === 'string' ? value.value : text.slice(valueSpan.start, valueSpan.end)) : undefined;
        if (raw === undefined) {
          wrongType();
          break;
        }
        const p = checkSettingValue('kubernetesVersion', raw, `"kubernetesVersion"`);
        if (p) error(valueSpan, p.message, p.suggestion);
        else settings.kubernetesVersion = raw.trim();
        break;
      }
      case 'cloud':
      case 'cni':
      case 'profile': {
        if (!isScalar(value) || typeof value.value !== 'string') {
          wrongType();
          break;
        }
        const p = checkSettingValue(key, value.value, CONFIG_FILE_NAME);
        if (p) error(valueSpan, p.message, p.suggestion);
        else settings[key] = value.value.toLowerCase();
        break;
      }
      case 'rules': {
        if (isScalar(value) && value.value === null) break;
        if (!isMap(value)) {
          wrongType();
          break;
        }
        const rules: Record<string, string> = {};
        for (const item of value.items) checkRuleEntry(item, text, rules, error);
        settings.rules = rules;
        break;
      }
      case 'cluster': {
        if (isScalar(value) && value.value === null) break;
        if (!isMap(value)) {
          wrongType();
          break;
        }
        settings.cluster = checkCluster(value.items, text, error);
        break;
      }
    }
  }
  return { settings, problems };
}

/** `cluster: {serviceCIDR, podCIDR}`: each a CIDR, a comma-separated list or a list of CIDRs. Keeps the valid entries. */
function checkCluster(items: readonly unknown[], text: string, error: (span: Span, message: string, suggestion?: string) => void): Record<string, unknown> {
  const cluster: Record<string, unknown> = {};
  for (const item of items) {
    if (!isPair(item)) continue;
    const keyNode = item.key as YamlNode | null;
    const valueNode = item.value as YamlNode | null;
    const keySpan = spanOf(keyNode, text);
    const name = isScalar(keyNode) ? String(keyNode.value) : text.slice(keySpan.start, keySpan.end);
    if (!(CLUSTER_KEYS as readonly string[]).includes(name)) {
      const suggestion = closestName(name, CLUSTER_KEYS);
      error(keySpan, `Unknown setting "cluster.${name}" in ${CONFIG_FILE_NAME}.${didYouMean(suggestion)} Settings: ${CLUSTER_KEYS.map((k) => `cluster.${k}`).join(', ')}.`, suggestion);
      continue;
    }
    const value = valueNode?.toJSON() as unknown;
    const valueSpan = valueNode ? spanOf(valueNode, text) : keySpan;
    if (typeof value !== 'string' && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      error(valueSpan, `"cluster.${name}" must be a CIDR such as 10.96.0.0/12, a comma-separated list of them, or a list.`);
      continue;
    }
    const bad = invalidCidrs(value);
    if (bad.length > 0) error(valueSpan, `"cluster.${name}": ${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not a CIDR' : 'are not CIDRs'} (expected an address and a prefix length, e.g. 10.96.0.0/12).`);
    else cluster[name] = value;
  }
  return cluster;
}

function checkRuleEntry(item: Pair<unknown, unknown>, text: string, rules: Record<string, string>, error: (span: Span, message: string, suggestion?: string) => void): void {
  if (!isPair(item)) return;
  const idNode = item.key as YamlNode | null;
  const levelNode = item.value as YamlNode | null;
  const idSpan = spanOf(idNode, text);
  const id = isScalar(idNode) ? String(idNode.value) : text.slice(idSpan.start, idSpan.end);
  const levelSpan = levelNode ? spanOf(levelNode, text) : idSpan;
  // `off` and `on` stay strings in YAML 1.2, which is what `yaml` reads; a boolean here means `true`/`false` was written.
  const level = isScalar(levelNode) && (typeof levelNode.value === 'string' || typeof levelNode.value === 'boolean') ? String(levelNode.value) : undefined;
  const found = checkRuleLevel(id, level ?? '');
  if (found.id) error(idSpan, found.id.message, found.id.suggestion);
  if (level === undefined) error(levelSpan, `The severity of rule "${id}" must be one of ${RULE_LEVELS.join(', ')}.`);
  else if (found.level) error(levelSpan, found.level.message, found.level.suggestion);
  if (!found.id && !found.level && level !== undefined) rules[id] = normaliseLevel(level)!;
}

function spanOf(node: YamlNode | null | undefined, text: string): Span {
  const range = node?.range;
  if (!range) return { start: 0, end: Math.min(text.length, 1) };
  return { start: range[0], end: range[1] };
}
