// Must-show 1 of issue 14: on netpol-analyzer's own tests, `netpol-lint connectivity --format txt` lists exactly the
// connections netpol-analyzer expects (as sets of lines; `{ingress-controller}` lines, from Route/Ingress analysis, are out
// of scope). The data and its source: netpol-analyzer/SOURCES.md.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { readWorkspaceFacts } from '../../server/src/cli/connectivity-files';
import { formatConnectivityTxt } from '../../server/src/cli/connectivity-txt';
import { runConnectivity } from '../../server/src/cli/connectivity';
import { computeConnectivity } from '../../server/src/connectivity/engine';
import { connectivityReport } from '../../server/src/connectivity/report';

const root = join(import.meta.dirname, 'netpol-analyzer');
const names = readdirSync(join(root, 'tests')).sort();

const lines = (text: string): string[] => [...new Set(text.split('\n').filter((l) => l !== '' && !l.includes('{ingress-controller}')))].sort();

describe('netpol-analyzer equality', () => {
  it('covers the corpus examples and at least 15 more test folders', () => {
    for (const n of ['acs-security-demos', 'onlineboutique', 'netpol-analysis-example-minimal']) assert.ok(names.includes(n), n);
    assert.ok(names.length >= 18, `${names.length} folders`);
  });
  for (const name of names) {
    it(name, () => {
      const expected = lines(readFileSync(join(root, 'test_outputs', 'connlist', `${name}_connlist_output.txt`), 'utf8'));
      const { facts, errors } = readWorkspaceFacts([join(root, 'tests', name)]);
      assert.deepEqual(errors, []);
      const actual = lines(formatConnectivityTxt(connectivityReport(computeConnectivity(facts))));
      const missing = expected.filter((l) => !actual.includes(l));
      const extra = actual.filter((l) => !expected.includes(l));
      assert.deepEqual({ missing, extra }, { missing: [], extra: [] });
      assert.ok(expected.length > 0 || name === 'acs_security_frontend_demos');
    });
  }
});

describe('netpol-analyzer diff equality', () => {
  const diffs = readdirSync(join(root, 'test_outputs', 'diff')).sort();
  it('has the diff pairs', () => assert.ok(diffs.length >= 10, `${diffs.length} pairs`));
  for (const file of diffs) {
    const pair = file.replace(/^diff_between_/, '').replace(/\.txt$/, '');
    const newer = names.find((n) => pair.startsWith(`${n}_and_`) && names.includes(pair.slice(n.length + 5)))!;
    const older = pair.slice(newer.length + 5);
    it(`${older} → ${newer}`, () => {
      const out: string[] = [];
      const status = runConnectivity(['--diff', join(root, 'tests', older), join(root, 'tests', newer)], { stdout: (t) => out.push(t), stderr: (t) => out.push(t) });
      assert.equal(status, 0);
      assert.deepEqual(lines(out.join('')), lines(readFileSync(join(root, 'test_outputs', 'diff', file), 'utf8')));
    });
  }
});
