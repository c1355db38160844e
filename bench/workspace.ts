// Issue 13's scale figures, in-process on the language service: a generated workspace of F files (W Deployments, one
// policy per file, 50 namespaces, fixed content), timed for initial indexing against the parse floor of the same files
// (split + parse of every document, nothing else), its memory, and an edit of one policy's label in an open file until the
// diagnostics of that file and of every open file it made stale are computed — beside the same edit in a 20-file workspace.
//   node --import tsx bench/workspace.ts [files:workloads ...]   (default 2000:10000 20:100)
import { performance } from 'node:perf_hooks';
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

function run(files: number, workloads: number): { index: number; floor: number; rss: number; edit: number } {
  const perFile = Math.max(1, Math.round(workloads / files));
  const namespaces = Math.min(NAMESPACES, files);
  const texts = Array.from({ length: files }, (_, i) => [`file:///ws/f${i}.yaml`, file(i, perFile, namespaces)] as const);
  let t = performance.now();
  for (const [, text] of texts) for (const c of splitDocuments(text)) parseChunk(c.text, c.start);
  const floor = performance.now() - t;
  const service = createLanguageService();
  t = performance.now();
  for (const [uri, text] of texts) service.updateWorkspaceFile(uri, text);
  service.workspaceIndex().podClasses();
  const index = performance.now() - t;
  const rss = process.memoryUsage().rss;
  // Open the edited file and another file of its namespace (whose workspace findings the edit may change).
  const [edited, first] = texts[0]!;
  const neighbour = texts[namespaces] ?? texts[1]!;
  service.update(neighbour[0], neighbour[1]);
  service.getDiagnostics(neighbour[0]);
  service.update(edited, first);
  service.getDiagnostics(edited);
  const times: number[] = [];
  for (let k = 0; k < 30; k++) {
    const text = file(0, perFile, namespaces, k % 2 === 0 ? 'a9x' : 'a0');
    const start = performance.now();
    service.update(edited, text);
    service.getDiagnostics(edited);
    for (const uri of service.staleWorkspaceFiles(edited)) service.getDiagnostics(uri);
    times.push(performance.now() - start);
  }
  return { index, floor, rss, edit: median(times.slice(5)) };
}

const cases = (process.argv.slice(2).length > 0 ? process.argv.slice(2) : ['2000:10000', '20:100']).map((c) => c.split(':').map(Number) as [number, number]);
const results = cases.map(([f, w]) => ({ f, w, ...run(f, w) }));
for (const r of results) {
  process.stdout.write(
    `${r.f} files, ${r.w} workloads: indexing ${r.index.toFixed(0)} ms vs parse floor ${r.floor.toFixed(0)} ms (${(r.index / r.floor).toFixed(2)}×); RSS ${(r.rss / 2 ** 20).toFixed(0)} MiB; edit of one policy → its and the stale open files' diagnostics ${r.edit.toFixed(2)} ms (median of 25)\n`,
  );
}
if (results.length >= 2) process.stdout.write(`edit ratio ${results[0]!.f} files / ${results[1]!.f} files: ${(results[0]!.edit / results[1]!.edit).toFixed(2)}×\n`);
