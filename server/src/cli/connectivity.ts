// `netpol-lint connectivity`: who can reach whom in a folder of manifests, in netpol-analyzer's line format or as JSON, CSV,
// Markdown or Graphviz; `--explain SRC DST` says why, `--diff OLD NEW` what a change adds and removes.
import { computeConnectivity } from '../connectivity/engine';
import { connectivityReport } from '../connectivity/report';
import { readWorkspaceFacts } from './connectivity-files';
import { formatConnectivityTxt } from './connectivity-txt';

export const CONNECTIVITY_USAGE = `Usage: netpol-lint connectivity [options] PATH...

Lists the connections the NetworkPolicies of the manifests in PATH allow between workloads and external address ranges.

Options:
  --format txt|json|csv|md|dot   output format (default: txt, netpol-analyzer's line format)
  --namespace NS                 only connections with an end in namespace NS
  -h, --help                     show this help

Exit status: 0 listed, 2 usage error or unreadable path.
`;

export interface ConnectivityIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

type Format = 'txt' | 'json' | 'csv' | 'md' | 'dot';

interface Options {
  format: Format;
  namespace?: string;
  paths: string[];
  help: boolean;
}

class UsageError extends Error {}

function parse(argv: readonly string[]): Options {
  const o: Options = { format: 'txt', paths: [], help: false };
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
      const v = argv[i + 1];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${arg} needs a value`);
      i++;
      return v;
    };
    switch (arg) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '--format': {
        const f = take();
        if (!['txt', 'json', 'csv', 'md', 'dot'].includes(f)) throw new UsageError(`unknown format "${f}" (use txt, json, csv, md or dot)`);
        o.format = f as Format;
        break;
      }
      case '--namespace':
        o.namespace = take();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        o.paths.push(argv[i]!);
    }
  }
  if (!o.help && o.paths.length === 0) throw new UsageError('no PATH given');
  return o;
}

/** Runs the subcommand; returns the exit status. */
export function runConnectivity(argv: readonly string[], io: ConnectivityIo): number {
  let o: Options;
  try {
    o = parse(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`netpol-lint connectivity: ${error.message}\n\n${CONNECTIVITY_USAGE}`);
    return 2;
  }
  if (o.help) {
    io.stdout(CONNECTIVITY_USAGE);
    return 0;
  }
  const { facts, errors } = readWorkspaceFacts(o.paths);
  for (const e of errors) io.stderr(`netpol-lint connectivity: ${e.path}: ${e.message}\n`);
  if (errors.length > 0) return 2;
  const report = connectivityReport(computeConnectivity(facts), o.namespace !== undefined ? { namespace: o.namespace } : {});
  io.stdout(formatConnectivityTxt(report));
  return 0;
}
