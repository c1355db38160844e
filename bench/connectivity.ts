// Issue 14's scale figure: generates workspaces of F files holding W Deployments in 50 namespaces
// (bench/connectivity-workspace.ts, the same every run) and times `netpol-lint connectivity` (the built dist/cli.js, a
// fresh process per run) on each, in txt and json.
//   npm run build && node --import tsx bench/connectivity.ts [files:workloads ...]   (default 200:1000 2000:10000)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NAMESPACES, generateWorkspace } from './connectivity-workspace';

const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');

function time(dir: string, format: string): { seconds: number; lines: number; rssMb: number } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, cli, 'connectivity', '--format', format, dir], { encoding: 'utf8', maxBuffer: 2 ** 31 - 1 });
  if (r.status !== 0) throw new Error(`netpol-lint connectivity failed (${r.status}): ${r.stderr.slice(-2000)}`);
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  return { seconds: seconds!, lines: r.stdout.split('\n').length - 1, rssMb: Math.round(kb! / 1024) };
}

{
  const cases = (process.argv.slice(2).length ? process.argv.slice(2) : ['200:1000', '2000:10000']).map((c) => c.split(':').map(Number) as [number, number]);
  for (const [files, workloads] of cases) {
    const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-connectivity-'));
    try {
      generateWorkspace(dir, files, workloads);
      for (const format of ['txt', 'json']) {
        const t = time(dir, format);
        console.log(`${files} files, ${workloads} workloads, ${NAMESPACES} namespaces, --format ${format}: ${t.seconds.toFixed(2)} s, ${t.lines} lines, peak RSS ${t.rssMb} MB`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
