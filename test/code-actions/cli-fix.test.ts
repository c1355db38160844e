// `netpol-lint --fix` on a copy of the corpus: it fixes what is safely fixable, damages nothing (same checks as the
// convergence test), leaves no fixable diagnostic and no temporary file, and its writes are atomic.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import { fixFile, NODE_WRITE_OPS, writeFileAtomic, type WriteOps } from '../../server/src/cli/fix';
import { safeFixesOnePass } from '../../server/src/features/code-actions/fix-all';
import { DEFAULT_SETTINGS } from '../../server/src/lint/settings';
import { createLanguageService } from '../../server/src/service';
import { lostComments } from './support';
import { SLOW } from '../support/slow';

const repo = join(import.meta.dirname, '..', '..');
const corpus = join(repo, 'test', 'corpus');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));
}

function parseErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + ('errors' in d ? d.errors.filter((e) => e.code !== 'DUPLICATE_KEY').length : 0), 0);
}

function cli(args: string[]) {
  // From the sources (not dist/), so the test checks the code it sits next to.
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'server', 'src', 'main-cli.ts'), ...args], { cwd: repo, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('netpol-lint --fix on a copy of the corpus', SLOW, () => {
  let work = '';
  before(() => {
    work = mkdtempSync(join(tmpdir(), 'netpol-fix-'));
    cpSync(corpus, join(work, 'corpus'), { recursive: true, filter: (src) => !src.includes('helm-templates') });
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('fixes, reports, keeps everything else and leaves nothing fixable', () => {
    const r = cli(['--fix', '--format', 'json', join(work, 'corpus')]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const report = r.stderr.split('\n').filter((l) => l.includes(': fixed '));
    // Other safe fixes (DNS for an isolating policy, ...) may come along: the report names each rule that fixed something.
    assert.ok(report.some((l) => /deprecated-extensions\/network-policy\.yaml: fixed \d+ problems? \(.*\bremoved-api-version\b/.test(l)), r.stderr);
    assert.ok(report.some((l) => /netpol-list\.yaml: fixed \d+ problems \(.*\bunknown-field ×\d+/.test(l)), r.stderr);
    const results = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string }[] }[];
    assert.ok(!results.some((f) => f.diagnostics.some((d) => d.rule === 'removed-api-version')), 'the printed diagnostics are those of the fixed files');

    let changed = 0;
    for (const copy of files(join(work, 'corpus'))) {
      const name = relative(join(work, 'corpus'), copy);
      assert.ok(!name.includes('.netpol-fix-'), `temporary file left behind: ${name}`);
      if (!/\.ya?ml$/.test(name)) continue;
      const original = readFileSync(join(corpus, name), 'utf8');
      const fixed = readFileSync(copy, 'utf8');
      if (fixed === original) continue;
      changed++;
      assert.ok(report.some((l) => l.startsWith(copy)), `${name} changed but is not in the report`);
      assert.deepEqual(lostComments(original, fixed), [], `${name}: comment lines lost`);
      assert.ok(parseErrors(fixed) <= parseErrors(original), `${name}: no longer parses`);
      const service = createLanguageService();
      service.update(name, fixed);
      assert.deepEqual(safeFixesOnePass(service.snapshot(name)!).map((f) => f.title), [], `${name}: fixable problems left`);
    }
    assert.equal(changed, report.length, 'every reported file changed');
    assert.ok(changed >= 5, `only ${changed} files were fixed`);

    const again = cli(['--fix', '--format', 'json', join(work, 'corpus')]);
    assert.ok(!again.stderr.includes(': fixed '), `a second --fix still fixed something:\n${again.stderr}`);
  });
});

describe('atomic writes', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'netpol-atomic-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const policy = 'apiVersion: extensions/v1beta1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: b}\nspec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';

  it('a write that fails halfway leaves the original file and no temporary file', () => {
    const path = join(dir, 'half.yaml');
    writeFileSync(path, policy);
    const failing: WriteOps = {
      ...NODE_WRITE_OPS,
      writeFile: (p, data) => {
        writeFileSync(p, data.slice(0, 10));
        throw new Error('ENOSPC: no space left on device');
      },
    };
    const report = fixFile(path, policy, DEFAULT_SETTINGS, { ops: failing });
    assert.match(report.error ?? '', /ENOSPC/);
    assert.equal(readFileSync(path, 'utf8'), policy);
    assert.deepEqual(readdirSync(dir), ['half.yaml']);
  });

  it('a failed rename leaves the original file and no temporary file', () => {
    const path = join(dir, 'rename.yaml');
    writeFileSync(path, policy);
    const failing: WriteOps = { ...NODE_WRITE_OPS, rename: () => { throw new Error('EXDEV'); } };
    assert.throws(() => writeFileAtomic(path, 'new text', failing), /EXDEV/);
    assert.equal(readFileSync(path, 'utf8'), policy);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('rename')), ['rename.yaml']);
  });

  it('writes through a temporary file in the same folder, then renames it; keeps the mode and a byte order mark', () => {
    const path = join(dir, 'mode.yaml');
    writeFileSync(path, `\uFEFF${policy}`);
    chmodSync(path, 0o640);
    const calls: string[] = [];
    const spying: WriteOps = {
      ...NODE_WRITE_OPS,
      writeFile: (p, data) => {
        calls.push(`write ${relative(dir, p).startsWith('.mode.yaml.netpol-fix-') ? 'temp' : p}`);
        NODE_WRITE_OPS.writeFile(p, data);
      },
      rename: (from, to) => {
        calls.push(`rename ${existsSync(from) ? 'temp' : from} → ${to === path ? 'file' : to}`);
        renameSync(from, to);
      },
      unlink: (p) => unlinkSync(p),
    };
    const report = fixFile(path, policy, DEFAULT_SETTINGS, { bom: true, ops: spying });
    assert.equal(report.error, undefined);
    assert.deepEqual(calls, ['write temp', 'rename temp → file']);
    const written = readFileSync(path, 'utf8');
    assert.ok(written.startsWith('\uFEFFapiVersion: networking.k8s.io/v1\n'), written);
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir).filter((f) => f.includes('mode')), ['mode.yaml']);
  });
});
