// In-process timings of the requests an editor sends around each edit of a large file besides diagnostics — code actions
// (on every cursor move), code lenses and the outline — on the generated file of N policies (default 5,000): the first
// request after the open (which fills the per-document caches), then medians over edits in the middle of the file.
//   node --import tsx bench/requests.ts [N]
import { performance } from 'node:perf_hooks';
import { createLanguageService } from '../server/src/service';
import { generate } from './generate';

const policies = Number(process.argv[2] ?? 5000);
const EDITS = 9;
const file = generate(policies);
const service = createLanguageService();
const uri = 'file:///bench-requests.yaml';
const edit = file.edits[0]!;
const cursor = { start: { line: edit.line, character: edit.character }, end: { line: edit.line, character: edit.character } };

function time(run: () => unknown): number {
  const started = performance.now();
  run();
  return performance.now() - started;
}

const requests: Record<string, () => unknown> = {
  'code actions at the cursor': () => service.getCodeActions(uri, cursor, { diagnostics: [] }),
  'code lenses': () => service.getCodeLenses(uri),
  'document symbols': () => service.getDocumentSymbols(uri),
};

service.update(uri, file.text, 1);
const openMs = time(() => service.snapshot(uri));
const first = Object.fromEntries(Object.entries(requests).map(([name, run]) => [name, time(run)]));
const afterEdit: Record<string, number[]> = Object.fromEntries(Object.keys(requests).map((name) => [name, []]));
let text = file.text;
let offset = service.snapshot(uri)!.lines.offsetAt(cursor.start);
for (let k = 0; k < EDITS; k++) {
  // A character typed, then (every third edit) a line break, which moves every later document down a line.
  const inserted = k % 3 === 2 ? '\n' : edit.text;
  const from = text;
  text = text.slice(0, offset) + inserted + text.slice(offset);
  service.update(uri, text, k + 2, { from, edits: [{ start: offset, end: offset, text: inserted }] });
  offset += inserted.length;
  service.snapshot(uri);
  for (const [name, run] of Object.entries(requests)) afterEdit[name]!.push(time(run));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;
process.stdout.write(`${policies} policies, opened in ${openMs.toFixed(0)} ms\n| request | first, after the open (ms) | after an edit, median of ${EDITS} (ms) |\n|---|---:|---:|\n`);
for (const name of Object.keys(requests)) process.stdout.write(`| ${name} | ${first[name]!.toFixed(1)} | ${median(afterEdit[name]!).toFixed(1)} |\n`);
