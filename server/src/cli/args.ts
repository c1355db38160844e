// Command-line parsing for netpol-lint, kept apart from I/O so that it is testable on its own.
export interface CliOptions {
  format: 'stylish' | 'json';
  paths: string[];
  config?: string;
  settings: Record<string, unknown>;
  fix: boolean;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const USAGE = `Usage: netpol-lint [options] PATH...

Checks Kubernetes NetworkPolicy YAML. A PATH is a file, a folder (searched for *.yaml and *.yml) or - for stdin.

Options:
  --format stylish|json        output format (default: stylish)
  --kubernetes-version 1.N     the Kubernetes version policies are applied to (default: 1.37)
  --cloud NAME                 cloud provider for metadata endpoints: any, aws, gcp, azure, alibaba, oracle, tencent, scaleway, ...
  --cni NAME                   the CNI enforcing policies: unknown, calico, cilium, aws-vpc-cni, flannel, ...
  --profile default|strict     strict adds opinionated rules
  --rule ID=LEVEL              set a rule to off|hint|information|warning|error (repeatable)
  --config FILE                settings file (default: .netpol.yaml in the current folder, if present)
  --fix                        apply every safe fix to the files, in place
  -h, --help                   show this help
  --version                    print the version

Exit status: 0 no errors, 1 at least one error, 2 usage error or unreadable path.
`;

export function parseArgs(argv: readonly string[]): CliOptions {
  const options: CliOptions = { format: 'stylish', paths: [], settings: {}, fix: false, help: false, version: false };
  const rules: Record<string, string> = {};
  const value = (i: number, flag: string): string => {
    const v = argv[i + 1];
    if (v === undefined || (v.startsWith('--') && v.length > 2)) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    let arg = argv[i]!;
    let inline: string | undefined;
    const eq = arg.indexOf('=');
    if (arg.startsWith('--') && eq > 0) {
      inline = arg.slice(eq + 1);
      arg = arg.slice(0, eq);
    }
    const take = (): string => {
      if (inline !== undefined) return inline;
      const v = value(i, arg);
      i++;
      return v;
    };
    switch (arg) {
      case '-h':
      case '--help':
        options.help = true;
        break;
      case '--version':
        options.version = true;
        break;
      case '--fix':
        options.fix = true;
        break;
      case '--format': {
        const f = take();
        if (f !== 'stylish' && f !== 'json') throw new UsageError(`unknown format "${f}" (use stylish or json)`);
        options.format = f;
        break;
      }
      case '--kubernetes-version': {
        const v = take();
        if (!/^1\.\d+$/.test(v)) throw new UsageError(`--kubernetes-version must look like 1.35, got "${v}"`);
        options.settings.kubernetesVersion = v;
        break;
      }
      case '--cloud':
        options.settings.cloud = take();
        break;
      case '--cni':
        options.settings.cni = take();
        break;
      case '--profile': {
        const p = take();
        if (p !== 'default' && p !== 'strict') throw new UsageError(`unknown profile "${p}" (use default or strict)`);
        options.settings.profile = p;
        break;
      }
      case '--rule': {
        const r = take();
        const m = /^([a-z0-9-]+)=(off|hint|information|info|warning|error)$/.exec(r);
        if (!m) throw new UsageError(`--rule takes ID=off|hint|information|warning|error, got "${r}"`);
        rules[m[1]!] = m[2]!;
        break;
      }
      case '--config':
        options.config = take();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        options.paths.push(argv[i]!);
    }
  }
  if (Object.keys(rules).length) options.settings.rules = rules;
  if (!options.help && !options.version && options.paths.length === 0) throw new UsageError('no PATH given');
  return options;
}
