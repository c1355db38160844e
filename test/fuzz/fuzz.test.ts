// The fuzz suite as `npm test` runs it: every property of properties.ts with a fixed seed and a bounded number of
// inputs, so that a run is reproducible and its time bounded; then the inputs that once failed (regressions.json).
// `npm run fuzz` runs the same properties longer, with the seed given on its command line.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { checkText } from './check';
import { PROPERTIES } from './properties';
import { SLOW } from '../support/slow';

export const SEED = 20261203;
/** What issue 18 asks of `npm test`: at least this many cases, in well under a minute. */
const MIN_CASES = 20_000;

describe('fuzz', SLOW, () => {
  let cases = 0;
  const started = performance.now();
  for (const p of PROPERTIES) {
    it(`${p.name} (${p.runs} inputs, seed ${SEED})`, () => {
      fc.assert(p.property((n) => (cases += n)), { seed: SEED, numRuns: p.runs });
    });
  }
  it(`ran at least ${MIN_CASES} cases`, (t) => {
    t.diagnostic(`${cases} fuzz cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    assert.ok(cases >= MIN_CASES, `${cases} cases`);
  });
});

interface Regression {
  readonly found: string;
  readonly bug: string;
  readonly text: string;
}

describe('inputs the fuzzer once failed on', () => {
  const regressions = JSON.parse(readFileSync(join(import.meta.dirname, 'regressions.json'), 'utf8')) as Regression[];
  for (const r of regressions) {
    it(r.bug, () => checkText(r.text, { cursors: [0, r.text.length >> 1, r.text.length] }));
  }
});
