// netpol-lint as users run it: formats, exit codes, folders, stdin, unreadable and binary files, config and flags.
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN, runCli } from '../support/cli';

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
${CLEAN}`;

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'netpol-cli-'));
}

describe('netpol-lint', () => {
  it('prints the exact JSON shape with narrow ranges, exit 1', () => {
    const dir = tempDir();
    const file = join(dir, 'mixed.yaml');
    writeFileSync(file, MIXED);
    const r = runCli(['--format', 'json', '--rule', 'policy-without-namespace=off', '--rule', 'allows-all-peers=off', file]);
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
    const r = runCli([join(dir, 'a.yaml')]);
    assert.equal(r.status, 1);
    assert.match(r.stdout, new RegExp(`${join(dir, 'a.yaml').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:8:3 error Unknown field "polcyTypes" in spec\\. Did you mean "policyTypes"\\? \\[unknown-field\\]`));
    assert.match(r.stdout, /✖ \d+ problems? \(3 errors/);
  });

  it('exits 0 on a clean file and searches folders for *.yaml and *.yml only', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'sub', 'ok.yml'), CLEAN);
    writeFileSync(join(dir, 'ok.yaml'), CLEAN);
    writeFileSync(join(dir, 'bad.txt'), MIXED);
    const r = runCli(['--format', 'json', dir]);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const files = (JSON.parse(r.stdout) as { file: string }[]).map((f) => f.file).sort();
    assert.deepEqual(files, [join(dir, 'ok.yaml'), join(dir, 'sub', 'ok.yml')]);
  });

  it('reads stdin for -', () => {
    const r = runCli(['--format', 'json', '-'], { input: MIXED });
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as { file: string }[])[0]!.file, '-');
  });

  it('reports an unreadable path and a binary file on stderr and in the JSON, checks the rest; the exit status follows the other files', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ok.yaml'), CLEAN);
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x61, 0x00, 0x62, 0xff]));
    const locked = join(dir, 'locked.yaml');
    writeFileSync(locked, CLEAN);
    chmodSync(locked, 0o000);
    const r = runCli(['--format', 'json', join(dir, 'missing.yaml'), dir]);
    assert.equal(r.status, 0, 'a clean file beside unusable ones: exit 0');
    assert.match(r.stderr, /missing\.yaml: no such file or folder/);
    assert.match(r.stderr, /binary\.yaml: binary file/);
    const json = JSON.parse(r.stdout) as { file: string; diagnostics: { rule: string; severity: string; message: string }[] }[];
    const checked = json.map((f) => f.file);
    assert.ok(checked.includes(join(dir, 'ok.yaml')));
    const binary = json.find((f) => f.file === join(dir, 'binary.yaml'))!;
    assert.deepEqual(binary.diagnostics.map((d) => [d.rule, d.severity]), [['netpol-lint', 'warning']]);
    assert.match(binary.diagnostics[0]!.message, /^Not checked: binary file/);
    assert.equal(json.find((f) => f.file === join(dir, 'missing.yaml'))!.diagnostics[0]!.rule, 'netpol-lint');
    // root can read a 000 file; when it could not, the file must be reported, not crash the run.
    const lockedEntry = json.find((f) => f.file === locked)!;
    if (r.stderr.includes('locked.yaml')) assert.equal(lockedEntry.diagnostics[0]!.rule, 'netpol-lint');
    else assert.deepEqual(lockedEntry.diagnostics, []);
  });

  it('a binary file next to a file with an error exits 1; next to a clean file 0; with nothing usable 2', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'binary.yaml'), Buffer.from([0x00, 0x01, 0x02]));
    writeFileSync(join(dir, 'bad.yaml'), MIXED);
    writeFileSync(join(dir, 'ok.yaml'), CLEAN);
    const withError = runCli(['--format', 'json', 'binary.yaml', 'bad.yaml'], { cwd: dir });
    assert.equal(withError.status, 1);
    assert.match(withError.stderr, /^netpol-lint: binary\.yaml: binary file \(contains NUL bytes\), not checked$/m);
    assert.deepEqual((JSON.parse(withError.stdout) as { file: string }[]).map((f) => f.file), ['binary.yaml', 'bad.yaml']);
    const withClean = runCli(['binary.yaml', 'ok.yaml'], { cwd: dir });
    assert.equal(withClean.status, 0, withClean.stdout + withClean.stderr);
    assert.match(withClean.stderr, /binary\.yaml: binary file/);
    assert.match(withClean.stdout, /^No problems in 1 file\.$/m);
    const alone = runCli(['binary.yaml', 'missing.yaml'], { cwd: dir });
    assert.equal(alone.status, 2);
    assert.equal(alone.stdout, '', 'nothing checked: no "No problems in 0 files"');
  });

  it('judges the files given as one workspace: a policy meets the workloads of the other files, unless --no-workspace', () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'app', 'deploy.yaml'), 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: frontend\n  namespace: shop\nspec:\n  template:\n    metadata:\n      labels: {app: frontend}\n');
    writeFileSync(join(dir, 'app', 'policy.yaml'), 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: frontend\n  namespace: shop\nspec:\n  podSelector:\n    matchLabels: {app: fronted}\n  policyTypes: [Ingress]\n');
    const rulesOf = (args: string[]) => (JSON.parse(runCli(['--format', 'json', ...args], { cwd: dir }).stdout) as { file: string; diagnostics: { rule: string; message: string; line: number }[] }[]).map((f) => [f.file, f.diagnostics.map((d) => d.rule)]);
    const report = JSON.parse(runCli(['--format', 'json', 'app'], { cwd: dir }).stdout) as { file: string; diagnostics: { rule: string; message: string }[] }[];
    const found = report.find((f) => f.file.endsWith('policy.yaml'))!.diagnostics.find((d) => d.rule === 'policy-selects-nothing');
    assert.ok(found, JSON.stringify(report));
    assert.match(found.message, /app=frontend \(deployment\/frontend\)/);
    // Alone, or with --no-workspace, the policy has nobody to be judged against.
    assert.ok(!rulesOf(['app/policy.yaml']).flatMap(([, r]) => r).includes('policy-selects-nothing'));
    assert.ok(!rulesOf(['--no-workspace', 'app']).flatMap(([, r]) => r).includes('policy-selects-nothing'));
  });

  it('applies --rule, and a .netpol.yaml config from the current folder', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'p.yaml'), MIXED);
    const off = runCli(['--format', 'json', '--rule', 'unknown-field=off', 'p.yaml'], { cwd: dir });
    assert.ok(!off.stdout.includes('"unknown-field"'));
    writeFileSync(join(dir, '.netpol.yaml'), 'rules:\n  unknown-field: warning\n');
    const warned = JSON.parse(runCli(['--format', 'json', 'p.yaml'], { cwd: dir }).stdout) as { diagnostics: { rule: string; severity: string }[] }[];
    assert.equal(warned[0]!.diagnostics.find((d) => d.rule === 'unknown-field')!.severity, 'warning');
    const bad = runCli(['--config', join(dir, 'nope.yaml'), 'p.yaml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot read config/);
  });

  it('prints help and version', () => {
    assert.match(runCli(['--help']).stdout, /Usage: netpol-lint/);
    assert.match(runCli(['--version']).stdout, /^\d+\.\d+\.\d+/);
  });
});
