// Golden files of `netpol-lint connectivity` on a small dual-stack workspace: every format, --namespace, --explain (allowed
// and denied, with an IP address for a peer) and --diff. UPDATE_GOLDEN=1 rewrites them; review the diff.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { runConnectivity } from '../../server/src/cli/connectivity';

const dir = join(import.meta.dirname, 'golden');
const repo = join(import.meta.dirname, '..', '..');
const ws = relative(repo, join(dir, 'workspace'));
const changed = relative(repo, join(dir, 'changed'));

function run(args: string[]): { status: number; out: string; err: string } {
  const out: string[] = [];
  const err: string[] = [];
  const cwd = process.cwd();
  // Paths in the output are as given: relative to the repository, so that the golden files do not depend on where it is.
  process.chdir(repo);
  try {
    const status = runConnectivity(args, { stdout: (t) => out.push(t), stderr: (t) => err.push(t) });
    return { status, out: out.join(''), err: err.join('') };
  } finally {
    process.chdir(cwd);
  }
}

function golden(name: string, actual: string): void {
  const file = join(dir, name);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  assert.equal(actual, readFileSync(file, 'utf8'), `${name} differs (UPDATE_GOLDEN=1 rewrites it)`);
}

describe('connectivity formats', () => {
  for (const format of ['txt', 'json', 'csv', 'md', 'dot']) {
    it(format, () => {
      const r = run(['--format', format, ws]);
      assert.equal(r.err, '');
      assert.equal(r.status, 0);
      golden(`connectivity.${format}`, r.out);
    });
  }
  it('--namespace keeps connections with an end there', () => {
    const r = run(['--namespace', 'data', ws]);
    assert.equal(r.status, 0);
    assert.ok(r.out.length > 0 && r.out.split('\n').every((l) => l === '' || l.includes('data/')));
    golden('namespace-data.txt', r.out);
  });
  it('--explain an allowed pair', () => {
    const r = run(['--explain', 'shop/web', 'shop/api[Deployment]', ws]);
    assert.equal(r.status, 0);
    golden('explain-allowed.txt', r.out);
  });
  it('--explain a denied pair, an address as the source', () => {
    const r = run(['--explain', '10.1.2.3', 'shop/web', ws]);
    assert.equal(r.status, 1);
    assert.match(r.out, /: No Connections\n/);
    golden('explain-denied.txt', r.out);
  });
  it('--explain an IPv6 source, json', () => {
    const r = run(['--explain', '2001:db8:1::5', 'shop/web', '--format', 'json', ws]);
    assert.equal(r.status, 0);
    golden('explain-ipv6.json', r.out);
  });
  it('--explain an unknown peer is a usage error', () => {
    const r = run(['--explain', 'shop/nope', 'shop/web', ws]);
    assert.equal(r.status, 2);
    assert.match(r.err, /no workload or address range "shop\/nope"/);
  });
  for (const format of ['txt', 'md']) {
    it(`--diff, ${format}`, () => {
      const r = run(['--diff', ws, changed, '--format', format]);
      assert.equal(r.status, 0);
      golden(`diff.${format}`, r.out);
    });
  }
  it('usage errors', () => {
    assert.equal(run([]).status, 2);
    assert.equal(run(['--format', 'xml', ws]).status, 2);
    assert.equal(run(['--diff', ws]).status, 2);
    assert.equal(run(['--help']).status, 0);
  });
});
