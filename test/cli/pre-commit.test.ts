// .pre-commit-hooks.yaml with the real pre-commit (Debian's package, installed by .ci/run): a temporary repository that
// uses the hook, at a commit of a temporary hook repository holding our .pre-commit-hooks.yaml, reports the fixture's
// finding and fails.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN, CLI, ERRORS } from '../support/cli';

const ROOT = join(import.meta.dirname, '../..');

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync('git', ['-c', 'user.name=netpol test', '-c', 'user.email=test@example.invalid', '-c', 'init.defaultBranch=main', '-c', 'commit.gpgsign=false', ...args], { cwd, encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout.trim();
}

describe('.pre-commit-hooks.yaml', () => {
  it('pre-commit run --all-files reports the finding and exits 1; a clean repository passes', () => {
    const version = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
    assert.equal(version.status, 0, 'pre-commit is not installed: apt-get install -y pre-commit (.ci/run does)');
    const home = mkdtempSync(join(tmpdir(), 'netpol-pre-commit-'));
    const hooks = join(home, 'hooks');
    mkdirSync(hooks);
    git(hooks, 'init', '-q');
    copyFileSync(join(ROOT, '.pre-commit-hooks.yaml'), join(hooks, '.pre-commit-hooks.yaml'));
    git(hooks, 'add', '.');
    git(hooks, 'commit', '-q', '-m', 'hooks');
    const rev = git(hooks, 'rev-parse', 'HEAD');

    // The hook runs the netpol-lint on PATH: here the built one.
    const bin = join(home, 'bin');
    mkdirSync(bin);
    symlinkSync(CLI, join(bin, 'netpol-lint'));
    const env = { ...process.env, PATH: `${bin}:${process.env.PATH}`, PRE_COMMIT_HOME: join(home, 'cache'), HOME: home };

    const project = join(home, 'project');
    mkdirSync(join(project, 'deploy'), { recursive: true });
    git(project, 'init', '-q');
    writeFileSync(join(project, '.pre-commit-config.yaml'), `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: netpol-lint\n`);
    writeFileSync(join(project, 'deploy', 'ok.yaml'), CLEAN);
    git(project, 'add', '.');
    const clean = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(clean.status, 0, clean.stdout + clean.stderr);
    assert.match(clean.stdout, /netpol-lint \(Kubernetes NetworkPolicy\)\.+Passed/);

    writeFileSync(join(project, 'deploy', 'bad.yaml'), ERRORS);
    git(project, 'add', '.');
    const r = spawnSync('pre-commit', ['run', '--all-files'], { cwd: project, env, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(r.stdout, /netpol-lint \(Kubernetes NetworkPolicy\)\.+Failed/);
    assert.match(r.stdout, /deploy\/bad\.yaml:8:3 error Unknown field "polcyTypes" in spec\. Did you mean "policyTypes"\?/);
  });
});
