// `npm run fuzz -- [--seed N] [--runs N] [--only TEXT]`: the long mode of the fuzz suite. Runs every property (or those
// whose name contains TEXT) for N inputs each (default 20 times `npm test`'s), seeded from the command line (default:
// the clock, printed), and on a failure prints the shrunk input as an entry to paste into test/fuzz/regressions.json.
import fc from 'fast-check';
import { checkText, FuzzFailure } from './check';
import { PROPERTIES } from './properties';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? undefined : process.argv[i + 1];
}

const seed = Number(option('seed') ?? Date.now() % 2 ** 31);
const runs = option('runs') === undefined ? undefined : Number(option('runs'));
const only = option('only');
let failed = false;
for (const p of PROPERTIES) {
  if (only && !p.name.includes(only)) continue;
  let cases = 0;
  const started = performance.now();
  const numRuns = runs ?? p.runs * 20;
  const details = fc.check(p.property((n) => (cases += n)), { seed, numRuns });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (!details.failed) {
    console.log(`ok    ${p.name}: ${numRuns} inputs, ${cases} cases, ${seconds} s (seed ${seed})`);
    continue;
  }
  failed = true;
  const error = details.errorInstance;
  console.log(`FAIL  ${p.name} (seed ${seed}, path ${details.counterexamplePath ?? '?'}, after ${details.numRuns} inputs, shrunk ${details.numShrinks} times)`);
  console.log(error instanceof Error ? error.message : String(error));
  if (error instanceof FuzzFailure) {
    const text = minimise(error.text);
    if (text !== error.text) console.log(`\nMinimised by deleting lines and characters (still fails checkText): ${JSON.stringify(text)}`);
    const entry = { found: `npm run fuzz -- --seed ${seed} (${new Date().toISOString().slice(0, 10)})`, bug: 'TODO: what was wrong', text };
    console.log('\nPaste into test/fuzz/regressions.json (and say in `bug` what was wrong):');
    console.log(`  ${JSON.stringify(entry)},`);
  }
}
process.exit(failed ? 1 : 0);

/** Whether the regression test (checkText at the start, middle and end) fails on `text`. */
function fails(text: string): boolean {
  try {
    checkText(text, { cursors: [0, text.length >> 1, text.length] });
    return false;
  } catch {
    return true;
  }
}

/**
 * fast-check shrinks the generator's choices, not the text they produce: this deletes whole lines, then single
 * characters, while the regression test still fails, so that the fixture is small. Unchanged if that test passes on it.
 */
function minimise(text: string): string {
  if (!fails(text)) return text;
  let current = text;
  for (const unit of ['\n', '']) {
    for (let progress = true; progress; ) {
      progress = false;
      const parts = unit ? current.split(/(?<=\n)/) : [...current];
      for (let i = parts.length - 1; i >= 0; i--) {
        const candidate = [...parts.slice(0, i), ...parts.slice(i + 1)].join('');
        if (fails(candidate)) {
          parts.splice(i, 1);
          current = candidate;
          progress = true;
        }
      }
    }
  }
  return current;
}
