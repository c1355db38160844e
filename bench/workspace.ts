// Issue 13's scale figures, in-process on the language service: a generated workspace of F files (W Deployments, one
// policy per file, 50 namespaces, fixed content), timed for initial indexing against the parse floor of the same files
// (every document parsed with `yaml`, as docs/benchmarks.md's floor; and netpol's own split + fast parse, nothing else), its memory, and keystrokes in one policy's label in an open file until the
// diagnostics of that file and of every open file it made stale are computed — beside the same edit in a 20-file workspace.
//   node --import tsx bench/workspace.ts [files:workloads ...]   (default 2000:10000 20:100)
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { parseChunk } from '../server/src/syntax/parse';
import { splitDocuments } from '../server/src/syntax/split';
import { createLanguageService } from '../server/src/service';

const NAMESPACES = 50;

function file(i: number, perFile: number, namespaces: number, app = 'a0'): string {
  const ns = `ns-${i % namespaces}`;
  const docs: string[] = [];
  for (let k = 0; k < perFile; k++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata:
  name: w-${i}-${k}
  namespace: ${ns}
spec:
  replicas: 2
  template:
    metadata:
      labels:
        app: a${k}
        part: p${i % 7}
    spec:
      containers:
        - name: main
          ports:
            - name: http
              containerPort: 8080
`);
  }
  docs.push(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p-${i}
  namespace: ${ns}
spec:
  podSelector:
    matchLabels:
      app: ${app}
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: a1
      ports:
        - port: http
`);
  return docs.join('---\n');
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

const ROUNDS = 5;

function run(files: number, workloads: number): { index: number; floor: number; yamlFloor: number; rss: number; edit: number } {
  const perFile = Math.max(1, Math.round(workloads / files));
  const namespaces = Math.min(NAMESPACES, files);
  const texts = Array.from({ length: files }, (_, i) => [`file:///ws/f${i}.yaml`, file(i, perFile, namespaces)] as const);
  // Floor and indexing alternate, five rounds each, so that both see the same warm JIT and the same machine load.
  const floors: number[] = [];
  const yamlFloors: number[] = [];
  const indexings: number[] = [];
  let service = createLanguageService();
  for (let round = 0; round < ROUNDS; round++) {
    let t = performance.now();
    for (const [, text] of texts) for (const c of splitDocuments(text)) parseChunk(c.text, c.start);
    floors.push(performance.now() - t);
    // The floor of docs/benchmarks.md: every document parsed with `yaml` (to plain values), as a tool without its own parser must.
    if (round < 2) {
      t = performance.now();
      for (const [, text] of texts) for (const doc of parseAllDocuments(text)) doc.toJS();
      yamlFloors.push(performance.now() - t);
    }
    service = createLanguageService();
    t = performance.now();
    for (const [uri, text] of texts) service.updateWorkspaceFile(uri, text);
    service.workspaceIndex().podClasses();
    indexings.push(performance.now() - t);
  }
  const rss = process.memoryUsage().rss;
  // Open the edited file and another file of its namespace (whose workspace findings the edit may change).
  const [edited, first] = texts[0]!;
  const neighbour = texts[namespaces] ?? texts[1]!;
  service.update(neighbour[0], neighbour[1]);
  service.getDiagnostics(neighbour[0]);
  let text = first;
  service.update(edited, text, 1);
  service.getDiagnostics(edited);
  // Keystrokes in the policy's podSelector label (`app: a0` → `app: a0b…`), as the editor sends them (incremental changes).
  let at = text.lastIndexOf('app: a0') + 'app: a0'.length;
  const times: number[] = [];
  for (let k = 0; k < 60; k++) {
    const from = text;
    const typed = String.fromCharCode(97 + (k % 26));
    text = text.slice(0, at) + typed + text.slice(at);
    const start = performance.now();
    service.update(edited, text, k + 2, { from, edits: [{ start: at, end: at, text: typed }] });
    at += typed.length;
    service.getDiagnostics(edited);
    for (const uri of service.staleWorkspaceFiles(edited)) service.getDiagnostics(uri);
    times.push(performance.now() - start);
  }
  return { index: median(indexings), floor: median(floors), yamlFloor: Math.min(...yamlFloors), rss, edit: median(times.slice(10)) };
}

const cases = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['2000:10000', '20:100']).map((c) => c.split(':').map(Number) as [number, number]);
const results = cases.map(([f, w]) => ({ f, w, ...run(f, w) }));
for (const r of results) {
  process.stdout.write(
    `${r.f} files, ${r.w} workloads: indexing ${r.index.toFixed(0)} ms = ${(r.index / r.yamlFloor).toFixed(2)}× the parse floor with yaml (${r.yamlFloor.toFixed(0)} ms), ${(r.index / r.floor).toFixed(2)}× netpol's own split + parse (${r.floor.toFixed(0)} ms; medians of ${ROUNDS}); RSS ${(r.rss / 2 ** 20).toFixed(0)} MiB; edit of one policy → its and the stale open files' diagnostics ${r.edit.toFixed(2)} ms (median of 50 keystrokes)\n`,
  );
}
if (results.length >= 2) {
  const ratio = results[0]!.edit / results[1]!.edit;
  const big = results[0]!;
  const verdict = (ok: boolean) => (ok ? 'holds' : 'MISSES');
  process.stdout.write(`edit ratio ${big.f} files / ${results[1]!.f} files: ${ratio.toFixed(2)}× (target ≤ 2×: ${verdict(ratio <= 2)})\n`);
  process.stdout.write(`indexing ${big.f} files: ${(big.index / big.yamlFloor).toFixed(2)}× the yaml parse floor (target ≤ 1.5×: ${verdict(big.index / big.yamlFloor <= 1.5)}); ${(big.index / big.floor).toFixed(2)}× netpol's own parse\n`);
}
