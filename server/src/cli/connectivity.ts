// `netpol-lint connectivity`: who can reach whom in a folder of manifests, in netpol-analyzer's line format or as JSON, CSV,
// Markdown or Graphviz; `--explain SRC DST` says why, `--diff OLD NEW` what a change adds and removes.
import type { Family } from '../net/ip';
import { connectivityDiff } from '../connectivity/diff';
import { computeConnectivity, type ConnectivityOptions } from '../connectivity/engine';
import { explainPair, findPeer } from '../connectivity/explain';
import { connectivityReport, type Report } from '../connectivity/report';
import { formatConnectivityCsv } from './connectivity-csv';
import { formatConnectivityDiff } from './connectivity-diff';
import { formatConnectivityDot } from './connectivity-dot';
import { locator, readWorkspaceFacts } from './connectivity-files';
import { formatConnectivityJson, type Locate } from './connectivity-json';
import { formatConnectivityMd } from './connectivity-md';
import { formatConnectivityTxt } from './connectivity-txt';
import { ArgReader, UsageError } from './args';

const CONNECTIVITY_USAGE = `Usage: netpol-lint connectivity [options] PATH...
       netpol-lint connectivity --explain SRC DST [options] PATH...
       netpol-lint connectivity --diff OLD NEW [options]

Lists the connections the NetworkPolicies of the manifests in PATH (files and folders of .yaml, .yml and .json, including
kubectl List dumps) allow between workloads and external address ranges, and why.

Options:
  --format txt|json|csv|md|dot   output format (default: txt, netpol-analyzer's line format)
  --namespace NS                 only connections with an end in namespace NS
  --explain SRC DST              why SRC may or may not reach DST (ns/name[Kind], ns/name, an IP address or a listed range)
  --diff OLD NEW                 the connections added, removed and changed from folder OLD to folder NEW
  --ip-family auto|4|6|both      the address families of external ranges (default auto: IPv4, and IPv6 when some
                                 ipBlock is IPv6)
  --cni NAME                     the CNI, for the note on ipBlocks that may match pod addresses (calico, cilium, ...)
  -h, --help                     show this help

Exit status: 0 listed, 1 --explain: no connection allowed, 2 usage error, unknown peer or unreadable path.
`;

export interface ConnectivityIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

type Format = 'txt' | 'json' | 'csv' | 'md' | 'dot';

interface Options {
  format: Format;
  namespace?: string;
  explain?: [string, string];
  diff?: [string, string];
  families: 'auto' | Family[];
  cni?: string;
  paths: string[];
  help: boolean;
}

function parse(argv: readonly string[]): Options {
  const o: Options = { format: 'txt', paths: [], help: false, families: 'auto' };
  const args = new ArgReader(argv);
  while (args.next()) {
    const arg = args.arg;
    switch (arg) {
      case '-h':
      case '--help':
        o.help = true;
        break;
      case '--format': {
        const f = args.value();
        if (!['txt', 'json', 'csv', 'md', 'dot'].includes(f)) throw new UsageError(`unknown format "${f}" (use txt, json, csv, md or dot)`);
        o.format = f as Format;
        break;
      }
      case '--namespace':
        o.namespace = args.value();
        break;
      case '--explain':
      case '--diff': {
        const a = args.value();
        const b = args.following(`${arg} needs two values`);
        if (arg === '--explain') o.explain = [a, b];
        else o.diff = [a, b];
        break;
      }
      case '--ip-family': {
        const f = args.value();
        const families: Record<string, 'auto' | Family[]> = { auto: 'auto', '4': [4], '6': [6], both: [4, 6] };
        if (!families[f]) throw new UsageError(`--ip-family takes auto, 4, 6 or both, got "${f}"`);
        o.families = families[f]!;
        break;
      }
      case '--cni':
        o.cni = args.value();
        break;
      default:
        if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option ${arg}`);
        o.paths.push(args.raw);
    }
  }
  if (o.diff && o.explain) throw new UsageError('--diff and --explain do not go together');
  if (o.diff && o.paths.length > 0) throw new UsageError('--diff takes its two folders and no PATH');
  if (!o.help && !o.diff && o.paths.length === 0) throw new UsageError('no PATH given');
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
  const engineOptions: ConnectivityOptions = { families: o.families };
  const reportOptions = o.namespace !== undefined ? { namespace: o.namespace } : {};
  if (o.diff) {
    const before = readWorkspaceFacts([o.diff[0]]);
    const after = readWorkspaceFacts([o.diff[1]]);
    const errors = [...before.errors, ...after.errors];
    for (const e of errors) io.stderr(`netpol-lint connectivity: ${e.path}: ${e.message}\n`);
    if (errors.length > 0) return 2;
    io.stdout(formatConnectivityDiff(connectivityDiff(before.facts, after.facts, { ...engineOptions, ...reportOptions }), o.format));
    return 0;
  }
  const { facts, errors, texts } = readWorkspaceFacts(o.paths);
  for (const e of errors) io.stderr(`netpol-lint connectivity: ${e.path}: ${e.message}\n`);
  if (errors.length > 0) return 2;
  const result = computeConnectivity(facts, engineOptions);
  const locate = locator(texts);
  if (o.explain) {
    const [srcName, dstName] = o.explain;
    const src = findPeer(result, srcName, 'src');
    const dst = findPeer(result, dstName, 'dst');
    for (const [name, found] of [[srcName, src], [dstName, dst]] as const) {
      if (found === undefined) io.stderr(`netpol-lint connectivity: no workload or address range "${name}" (names look like ns/name[Kind], ns/name, or an IP address)\n`);
    }
    if (src === undefined || dst === undefined) return 2;
    const ex = explainPair(result, src, dst, { locate: (l) => { const p = locate(l); return `${p.file}:${p.line}:${p.column}`; }, ...(o.cni ? { cni: o.cni } : {}) });
    io.stdout(o.format === 'json' ? `${JSON.stringify({ src: ex.src.id, dst: ex.dst.id, conn: ex.lines[0]!.split(' : ')[1], explanation: ex.lines.slice(1) }, null, 2)}\n` : `${ex.lines.join('\n')}\n`);
    return ex.lines[0]!.endsWith(': No Connections') ? 1 : 0;
  }
  io.stdout(render(connectivityReport(result, reportOptions), o.format, locate));
  return 0;
}

function render(report: Report, format: Format, locate: Locate): string {
  switch (format) {
    case 'json':
      return formatConnectivityJson(report, locate);
    case 'csv':
      return formatConnectivityCsv(report);
    case 'md':
      return formatConnectivityMd(report);
    case 'dot':
      return formatConnectivityDot(report);
    default:
      return formatConnectivityTxt(report);
  }
}
