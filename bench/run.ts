// `npm run bench`: generates the files, measures netpol's server and yaml-language-server side by side with one LSP client
// (fresh servers, interleaved, medians), the in-process floor and `netpol-lint`, prints the table with the ratios and the
// issue's targets, and writes the raw figures to .bench/.
//   --sizes=1,100,1000,5000   --runs=5   --servers=netpol,yaml-language-server   --no-cli   --no-floor   --verbose (server output and every diagnostic)
//   --file-wide=1,5000 (the sizes of the file-wide case: an edit of a DNS port beside the publish floor)   --no-file-wide
//   --report=.bench/bench-….json   prints the table of an earlier run again, measuring nothing
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { buildRelease } from './build';
import { measure, type Measurement, type ServerSpec } from './client';
import { generate, type GeneratedFile } from './generate';
import { median, renderReport, type Report } from './report';
import { createLanguageService } from '../server/src/service';

const root = join(import.meta.dirname, '..');
const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k!, v ?? 'true'] as const;
  }),
);
const sizes = (args.get('sizes') ?? '1,100,1000,5000').split(',').map(Number);
const runs = Number(args.get('runs') ?? 5);
const wanted = (args.get('servers') ?? 'netpol,yaml-language-server').split(',');

async function main(): Promise<void> {
  const earlier = args.get('report');
  if (earlier) {
    process.stdout.write(renderReport(JSON.parse(readFileSync(earlier, 'utf8')) as Report));
    return;
  }
  const out = join(root, '.bench');
  mkdirSync(join(out, 'files'), { recursive: true });
  const started = new Date();
  process.stderr.write('building the release bundles into .bench/dist …\n');
  const bundles = await buildRelease(root);

  const schemaUri = pathToFileURL(join(root, 'schemas', 'networkpolicy.schema.json')).href;
  const servers: ServerSpec[] = [
    { name: 'netpol', command: process.execPath, args: [bundles.server, '--stdio'], settings: { netpol: {} } },
    {
      name: 'yaml-language-server',
      command: process.execPath,
      args: [join(root, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server'), '--stdio'],
      settings: {
        yaml: {
          schemas: { [schemaUri]: ['.bench/files/*.yaml'] },
          validate: true,
          hover: true,
          completion: true,
          format: { enable: false },
          schemaStore: { enable: false },
          kubernetesCRDStore: { enable: false },
        },
        http: { proxy: '', proxyStrictSSL: false },
        '[yaml]': {},
        editor: {},
      },
    },
  ].filter((s) => wanted.includes(s.name));

  const files = new Map<number, { file: GeneratedFile; path: string; uri: string }>();
  for (const n of sizes) {
    const file = generate(n);
    const path = join(out, 'files', `netpol-bench-${n}.yaml`);
    writeFileSync(path, file.text);
    files.set(n, { file, path, uri: pathToFileURL(path).href });
  }

  // Interleaved: run r measures every size with every server before run r + 1, so a noisy moment hits both servers.
  const samples: Record<string, Record<number, Measurement[]>> = Object.fromEntries(servers.map((s) => [s.name, Object.fromEntries(sizes.map((n) => [n, []]))]));
  for (let r = 0; r < runs; r++) {
    for (const n of sizes) {
      for (const server of servers) {
        const { file, uri } = files.get(n)!;
        const m = await measure(server, file, uri, args.has('verbose') ? { log: (line) => process.stderr.write(`  ${line}\n`) } : {});
        samples[server.name]![n]!.push(m);
        process.stderr.write(`run ${r + 1}/${runs} N=${n} ${server.name}: init ${m.initializeMs.toFixed(0)} open ${m.openMs.toFixed(0)} edit ${m.editMs.toFixed(1)} hover ${m.hoverMs.toFixed(1)} completion ${m.completionMs.toFixed(1)} ms, ${m.rssMiB.toFixed(0)} MiB, ${m.defectsFound}/${m.defectsExpected} (+${m.otherDiagnostics})\n`);
      }
    }
  }

  const fileWide = args.has('no-file-wide') ? undefined : await measureFileWide(servers.find((s) => s.name === 'netpol'), out);

  const floor: Record<number, { coldMs: number; warmMs: number }[]> = {};
  if (args.get('floor') !== 'false' && !args.has('no-floor')) {
    for (const n of sizes) {
      floor[n] = [];
      for (let r = 0; r < runs; r++) {
        const res = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'bench', 'floor.ts'), files.get(n)!.path], { cwd: root, encoding: 'utf8' });
        if (res.status !== 0) throw new Error(`floor failed: ${res.stderr}`);
        floor[n]!.push(JSON.parse(res.stdout));
      }
      process.stderr.write(`floor N=${n}: cold ${median(floor[n]!.map((f) => f.coldMs)).toFixed(0)} ms\n`);
    }
  }

  const cli: Record<string, number[]> = {};
  if (!args.has('no-cli')) {
    const biggest = Math.max(...sizes);
    const commands: [string, string[]][] = [
      ["node -e ''", ['-e', '']],
      ['netpol-lint test/corpus', [bundles.cli, join(root, 'test', 'corpus')]],
      [`netpol-lint (${biggest} policies)`, [bundles.cli, files.get(biggest)!.path]],
    ];
    for (const [name, argv] of commands) {
      cli[name] = [];
      for (let r = 0; r < runs; r++) {
        const t = performance.now();
        spawnSync(process.execPath, argv, { cwd: root, stdio: 'ignore' });
        cli[name]!.push(performance.now() - t);
      }
    }
  }

  const report: Report = {
    date: started.toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    node: process.version,
    runs,
    sizes,
    samples,
    floor,
    cli,
    defects: Object.fromEntries(sizes.map((n) => [n, files.get(n)!.file.defects.length])),
    ...(fileWide ? { fileWide } : {}),
  };
  const stamp = started.toISOString().replace(/[:.]/g, '-');
  writeFileSync(join(out, `bench-${stamp}.json`), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(out, 'latest.json'), `${JSON.stringify(report, null, 1)}\n`);
  const table = renderReport(report);
  writeFileSync(join(out, 'latest.md'), table);
  process.stdout.write(table);
}

/**
 * Issue 13's case: in a file where every third policy allows DNS over UDP only (an information each, ~1,200 diagnostics
 * at 5,000 policies), the `3` of such a policy's `port: 53` becomes `4` (then back, while typing): an edit of what the
 * file-wide rules read. Measured with netpol at every size and, at the largest, with the publish floor: `floor-server.ts`
 * publishing the very diagnostics netpol publishes for that file, and doing nothing else. Interleaved like the main runs.
 */
async function measureFileWide(netpol: ServerSpec | undefined, out: string): Promise<Report['fileWide']> {
  if (!netpol) return undefined;
  const fileWideSizes = (args.get('file-wide') ?? '1,5000').split(',').map(Number);
  const largest = Math.max(...fileWideSizes);
  const cases = fileWideSizes.map((n) => {
    const file = generate(n, 8, { fileWide: true });
    const path = join(out, 'files', `netpol-file-wide-${n}.yaml`);
    writeFileSync(path, file.text);
    return { n, file, uri: pathToFileURL(path).href };
  });
  // The diagnostics the floor republishes: netpol's own for the largest file, computed in-process.
  const biggest = cases.find((c) => c.n === largest)!;
  const service = createLanguageService();
  service.update(biggest.uri, biggest.file.text, 1);
  const published = service.getDiagnostics(biggest.uri);
  const diagnosticsPath = join(out, 'files', `netpol-file-wide-${largest}.diagnostics.json`);
  writeFileSync(diagnosticsPath, JSON.stringify(published));
  const floorServer: ServerSpec = { name: 'publish floor', command: process.execPath, args: ['--import', 'tsx', join(root, 'bench', 'floor-server.ts'), diagnosticsPath, '--stdio'], settings: { netpol: {} } };
  const samples: Record<string, Record<number, Measurement[]>> = { [netpol.name]: {}, [floorServer.name]: {} };
  const diagnostics: Record<number, number> = {};
  for (let r = 0; r < runs; r++) {
    for (const { n, file, uri } of cases) {
      const measured: ServerSpec[] = n === largest ? [netpol, floorServer] : [netpol];
      for (const server of measured) {
        const m = await measure(server, file, uri, args.has('verbose') ? { log: (line) => process.stderr.write(`  ${line}\n`) } : {});
        ((samples[server.name]![n] ??= [])).push(m);
        if (server === netpol) diagnostics[n] = m.diagnostics;
        process.stderr.write(`file-wide run ${r + 1}/${runs} N=${n} ${server.name}: edit ${m.editMs.toFixed(1)} typing ${m.typingMs.toFixed(1)} ms, ${m.diagnostics} diagnostics\n`);
      }
    }
  }
  return { sizes: fileWideSizes, samples, diagnostics, floorServer: floorServer.name };
}

main().catch((error) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
