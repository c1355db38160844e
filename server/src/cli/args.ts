// Command-line parsing for netpol-lint, kept apart from I/O so that it is testable on its own; its argument reader also
// serves `netpol-lint connectivity`. Setting values are checked with the same code as `.netpol.yaml`
// (config/netpol-config.ts), so `--cloud amazon` gets the same "did you mean".
import { checkRuleLevel, checkSettingValue, normaliseLevel } from '../config/netpol-config';
import { DEFAULT_KUBERNETES_VERSION, invalidCidrs, RULE_LEVELS, SETTING_VALUES } from '../lint/settings';
import { closestName } from '../schema/suggest';

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'gitlab'] as const;
export type Format = (typeof FORMATS)[number];

export interface CliOptions {
  format: Format;
  paths: string[];
  config?: string;
  settings: Record<string, unknown>;
  fix: boolean;
  /** Report errors only. */
  quiet: boolean;
  /** Exit 1 when there are more warnings than this. */
  maxWarnings?: number;
  /** Write the report to this file instead of stdout. */
  output?: string;
  /** Globs of files and folders to skip (besides .gitignore'd files and node_modules). */
  ignore: string[];
  /** The name stdin (`-`) is reported under; also where its `.netpol.yaml` is looked up from. */
  stdinFilename?: string;
  help: boolean;
  version: boolean;
  /** False: each file judged on its own (no workspace rules against the other files given). */
  workspace: boolean;
}

export class UsageError extends Error {
  /** Print the whole usage after the message (when the command line is wrong as a whole, not in one value). */
  constructor(
    message: string,
    readonly showUsage = false,
  ) {
    super(message);
  }
}

/**
 * A command line read one argument at a time, for netpol-lint and its subcommands alike: `--flag=value` is split at its
 * first `=`, and a flag's value is that inline part or else the next argument, unless that is another option.
 */
export class ArgReader {
  private index = -1;
  private inline: string | undefined;
  /** The current argument, without the `=value` of a `--flag=value`. */
  arg = '';

  constructor(private readonly argv: readonly string[]) {}

  /** Moves to the next argument; false past the last one. */
  next(): boolean {
    this.index++;
    const raw = this.argv[this.index];
    if (raw === undefined) return false;
    const eq = raw.indexOf('=');
    this.inline = raw.startsWith('--') && eq > 0 ? raw.slice(eq + 1) : undefined;
    this.arg = this.inline !== undefined ? raw.slice(0, eq) : raw;
    return true;
  }

  /** The current argument as written (a PATH keeps its `=`). */
  get raw(): string {
    return this.argv[this.index]!;
  }

  /** The current flag's value. */
  value(): string {
    return this.inline ?? this.following(`${this.arg} needs a value`);
  }

  /** Takes the argument after the current one (a flag's next value); `missing` is the message when there is none. */
  following(missing: string): string {
    const v = this.argv[this.index + 1];
    // A lone `--` can be a value; any other `--option` cannot.
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(missing);
    this.index++;
    return v;
  }
}

export const USAGE = `Usage: netpol-lint [options] PATH...

Checks Kubernetes NetworkPolicy manifests (YAML, and JSON such as \`kubectl get -o json\`). A PATH is a file, a folder
(searched for *.yaml, *.yml and *.json, skipping .gitignore'd files and node_modules), a quoted glob such as '**/*.yaml',
or - for stdin.

Options:
  --format FORMAT              stylish (default), json, sarif (GitHub code scanning), github (Actions annotations), gitlab (Code Quality)
  --output FILE                write the report to FILE instead of stdout
  --quiet                      report errors only
  --max-warnings N             exit 1 when there are more than N warnings
  --ignore GLOB                skip files and folders matching GLOB (repeatable)
  --stdin-filename NAME        the file name to report stdin (-) under
  --kubernetes-version 1.N     the Kubernetes version policies are applied to (default: ${DEFAULT_KUBERNETES_VERSION})
  --cloud NAME                 cloud provider for metadata endpoints: ${SETTING_VALUES.cloud.join(', ')}
  --cni NAME                   the CNI enforcing policies: ${SETTING_VALUES.cni.join(', ')}
  --profile ${SETTING_VALUES.profile.join('|')}     strict adds opinionated rules
  --service-cidr CIDR[,CIDR]   the cluster's Service range (default: kubeadm's 10.96.0.0/12, assumed)
  --pod-cidr CIDR[,CIDR]       the cluster's pod range (no default)
  --rule ID=LEVEL              set a rule to ${RULE_LEVELS.join('|')} (repeatable)
  --config FILE                settings file for every PATH (default: the .netpol.yaml nearest to each file, up to the repository root)
  --fix                        apply every safe fix to the files, in place
  --no-workspace               judge each file on its own (by default the PATHs are one workspace: a policy is judged
                               against the workloads, Services and Namespaces of every file given)
  -h, --help                   show this help
  --version                    print the version

Exit status: 0 no errors (and no more warnings than --max-warnings), 1 errors or too many warnings, 2 usage or settings
error, or no PATH could be read.
`;

const OPTIONS = ['--help', '--version', '--fix', '--quiet', '--format', '--output', '--max-warnings', '--ignore', '--stdin-filename', '--kubernetes-version', '--cloud', '--cni', '--profile', '--service-cidr', '--pod-cidr', '--rule', '--config', '--no-workspace'];

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'stylish', paths: [], settings: {}, fix: false, quiet: false, ignore: [], help: false, version: false, workspace: true };
  const rules: Record<string, string> = {};
  const setting = (key: 'kubernetesVersion' | 'cloud' | 'cni' | 'profile', flag: string, v: string) => {
    const problem = checkSettingValue(key, v, flag);
    if (problem) throw new UsageError(problem.message);
    options.settings[key] = key === 'kubernetesVersion' ? v.trim() : v.toLowerCase();
  };
  const cluster: Record<string, string> = {};
  const cidrs = (key: 'serviceCIDR' | 'podCIDR', flag: string, v: string) => {
    const bad = invalidCidrs(v);
    if (bad.length > 0 || v.trim() === '') throw new UsageError(`${flag} takes CIDRs such as 10.96.0.0/12 (comma-separated), got "${bad[0] ?? v}"`);
    cluster[key] = v;
  };
  let onlyPaths = false;
  const args = new ArgReader(argv);
  while (args.next()) {
    const arg = args.arg;
    if (onlyPaths) {
      options.paths.push(args.raw);
      continue;
    }
    switch (arg) {
      case '--':
        onlyPaths = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--version':
        options.version = true;
        break;
      case '--no-workspace':
        options.workspace = false;
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--quiet':
        options.quiet = true;
        break;
      case '--format': {
        const f = args.value();
        if (!(FORMATS as readonly string[]).includes(f)) {
          const near = closestName(f, FORMATS);
          throw new UsageError(`unknown format "${f}"${near ? ` (did you mean "${near}"?)` : ''}; use one of ${FORMATS.join(', ')}`);
        }
        options.format = f as Format;
        break;
      }
      case '--output':
        options.output = args.value();
        break;
      case '--max-warnings': {
        const n = args.value();
        if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a whole number, got "${n}"`);
        options.maxWarnings = Number(n);
        break;
      }
      case '--ignore':
        options.ignore.push(args.value());
        break;
      case '--stdin-filename':
        options.stdinFilename = args.value();
        break;
      case '--kubernetes-version':
        setting('kubernetesVersion', arg, args.value());
        break;
      case '--cloud':
        setting('cloud', arg, args.value());
        break;
      case '--cni':
        setting('cni', arg, args.value());
        break;
      case '--profile':
        setting('profile', arg, args.value());
        break;
      case '--service-cidr':
        cidrs('serviceCIDR', arg, args.value());
        break;
      case '--pod-cidr':
        cidrs('podCIDR', arg, args.value());
        break;
      case '--rule': {
        const r = args.value();
        const m = /^([^=]+)=(.*)$/.exec(r);
        if (!m) throw new UsageError(`--rule takes ID=${RULE_LEVELS.join('|')}, got "${r}"`);
        const found = checkRuleLevel(m[1]!, m[2]!);
        const wrong = [found.id?.message, found.level?.message].filter(Boolean);
        if (wrong.length) throw new UsageError(`--rule ${r}: ${wrong.join(' ')}`);
        rules[m[1]!] = normaliseLevel(m[2]!)!;
        break;
      }
      case '--config':
        options.config = args.value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') {
          const near = closestName(arg, OPTIONS);
          throw new UsageError(`unknown option ${arg}${near ? ` (did you mean ${near}?)` : ''}`);
        }
        options.paths.push(args.raw);
    }
  }
  if (Object.keys(rules).length) options.settings.rules = rules;
  if (Object.keys(cluster).length) options.settings.cluster = cluster;
  if (!options.help && !options.version && options.paths.length === 0) throw new UsageError('no PATH given', true);
  if (options.stdinFilename !== undefined && !options.paths.includes('-')) throw new UsageError('--stdin-filename names stdin, but no PATH is -');
  return options;
}
