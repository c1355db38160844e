// The in-process floor, run in a fresh process: parse every document of a file with `yaml` and validate each with the
// compiled schema validator, nothing else (no LSP, no span tree, no rules). Prints the cold and warm times as JSON.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseAllDocuments } from 'yaml';
import { validateNetworkPolicy } from '../server/src/schema/validate.generated.js';

function once(text: string): number {
  const started = performance.now();
  let invalid = 0;
  for (const doc of parseAllDocuments(text)) {
    if (!validateNetworkPolicy(doc.toJS())) invalid++;
  }
  const ms = performance.now() - started;
  if (invalid < 0) throw new Error('unreachable');
  return ms;
}

const text = readFileSync(process.argv[2]!, 'utf8');
const coldMs = once(text);
const warmMs = once(text);
process.stdout.write(JSON.stringify({ coldMs, warmMs }));
