// netpol-lint as users run it: formats, exit codes, folders, stdin, unreadable and binary files, config and flags.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const CLI = join(import.meta.dirname, '../../dist/cli.js');

function run(args: string[], options: { input?: string; cwd?: string } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: options.input ?? '', cwd: options.cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const VALID = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: valid
  namespace: prod
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

const MIXED = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: typo
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: wrong-type
  namespace: prod
spec:
  podSelector: {}
  ingress:
    - ports:
        - port: [80, 443]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: broken
---
${VALID}`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netpol-cli-'));
}

describe('netpol-lint', () => {
  it('prints the exact JSON shape with narrow ranges, exit 1', () => {
    const dir = tempDir();
    const file = join(dir, 'mixed.yaml');
    writeFileSync(file, MIXED);
    const r = run(['--format', 'json', '--rule', 'policy-without-namespace=off', '--rule', 'allows-all-peers=off', file]);
    assert.equal(r.status, 1, r.stderr);
    const json = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; severity: string; message: string; range: unknown }[] }[];
    assert.equal(json.length, 1);
    assert.equal(json[0]!.file, file);
    assert.deepEqual(Object.keys(json[0]!), ['file', 'diagnostics']);
    const byRule = json[0]!.diagnostics.map((d) => [d.rule, d.severity, d.range]);
    assert.deepEqual(byRule, [
      ['unknown-field', 'error', { start: { line: 7, character: 2 }, end: { line: 7, character: 12 } }],
      ['invalid-type', 'error', { start: { line: 18, character: 16 }, end: { line: 18, character: 25 } }],
      ['yaml-syntax', 'error', { start: { line: 22, character: 22 }, end: { line: 22, character: 23 } }],
    ]);
    for (const d of json[0]!.diagnostics) assert.deepEqual(Object.keys(d), ['rule', 'severity', 'message', 'range']);
    assert.equal(json[0]!.diagnostics[0]!.message, 'Unknown field "polcyTypes" in spec. Did you mean "policyTypes"?');
    assert.equal(json[0]!.diagnostics[1]!.message, '"port" must be an integer or a port name, got a list.');
  });

  it('prints stylish output grouped by file with 1-based positions and a summary', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), MIXED);
    const r = run([join(dir, 'a.yaml')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`${join(dir, 'a.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8:3 error Unknown field "polcyTypes" in spec\\. Did you mean "policyTypes"\\? \\[unknown-field\\]`));
    assert.match(r.stdout, /✖ \d+ problems? \(3 errors/);
  });

  it('exits 0 on a clean file and searches folders for *.yaml and *.yml only', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ok.yml'), VALID);
    writeFileSync(join(dir, 'ok.yaml'), VALID);
    writeFileSync(join(dir, 'bad.txt'), MIXED);
    const r = run(['--format', 'json', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file).sort();
    assert.deepEqual(files, [join(dir, 'ok.yaml'), join(dir, 'sub', 'ok.yml')]);
  });

  it('reads stdin for -', () => {
    const r = run(['--format', 'json', '-'], { input: MIXED });
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as { file: string }[])[0]!.file, '-');
  });

  it('reports an unreadable path and a binary file, checks the rest, exits 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.yaml'), VALID);
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62, 0xff]));
    const locked = join(dir, 'locked.yaml');
    writeFileSync(locked, VALID);
    chmodSync(locked, 0o000);
    const r = run(['--format', 'json', join(dir, 'missing.yaml'), dir]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /missing\.yaml: no such file or folder/);
    assert.match(r.stderr, /binary\.yaml: binary file/);
    const checked = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file);
    assert.ok(checked.includes(join(dir, 'ok.yaml')));
    // root can read a 000 file; when it could not, the file must be reported, not crash the run.
    if (!checked.includes(locked)) assert.match(r.stderr, /locked\.yaml: permission denied/);
  });

  it('exits 2 with a clear message on usage errors', () => {
    for (const args of [[], ['--format', 'xml', 'a.yaml'], ['--kubernetes-version', 'latest', 'a.yaml'], ['--bogus', 'a.yaml'], ['--rule', 'x=loud', 'a.yaml']]) {
      const r = run(args);
      assert.equal(r.status, 2, `args ${args.join(' ')}`);
      assert.match(r.stderr, /^netpol-lint: /);
      assert.match(r.stderr, /Usage: netpol-lint/);
    }
  });

  it('applies --rule, and a .netpol.yaml config from the current folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.yaml'), MIXED);
    const off = run(['--format', 'json', '--rule', 'unknown-field=off', 'p.yaml'], { cwd: dir });
    assert.ok(!off.stdout.includes('"unknown-field"'));
    writeFileSync(join(dir, '.netpol.yaml'), 'rules:\n  unknown-field: warning\n');
    const warned = JSON.parse(run(['--format', 'json', 'p.yaml'], { cwd: dir }).stdout) as { diagnostics: { rule: string; severity: string }[] }[];
    assert.equal(warned[0]!.diagnostics.find((d) => d.rule === 'unknown-field')!.severity, 'warning');
    const bad = run(['--config', join(dir, 'nope.yaml'), 'p.yaml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot read config/);
  });

  it('prints help and version', () => {
    assert.match(run(['--help']).stdout, /Usage: netpol-lint/);
    assert.match(run(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });
});
