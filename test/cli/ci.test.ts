// netpol-lint's CI switches and inputs: --format github (parsed back as workflow commands), --format gitlab,
// --max-warnings, --quiet, --output, globs, --ignore, .gitignore and node_modules, --stdin-filename, JSON manifests,
// the stylish summary, and `.netpol.yaml` found from each file's folder upward and validated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { CLEAN, ERRORS, INFORMATION, runCli, tempRepo, WARNING } from '../support/cli';

interface JsonFile {
  file: string;
  diagnostics: { rule: string; severity: string; message: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
}

const files = (stdout: string) => (JSON.parse(stdout) as JsonFile[]).map((f) => f.file);

/** GitHub's workflow command syntax, unescaped as the runner does (actions/runner ActionCommand). */
function parseWorkflowCommand(line: string): { command: string; properties: Record<string, string>; message: string } {
  const m = /^::([a-z]+) ([^:]*)::(.*)$/.exec(line);
  assert.ok(m, `not a workflow command: ${line}`);
  const unescape = (s: string, property: boolean) => {
    let out = s.replace(/%0D/g, '\r').replace(/%0A/g, '\n');
    if (property) out = out.replace(/%3A/g, ':').replace(/%2C/g, ',');
    return out.replace(/%25/g, '%');
  };
  const properties: Record<string, string> = {};
  for (const part of m[2]!.split(',')) {
    const eq = part.indexOf('=');
    properties[part.slice(0, eq)] = unescape(part.slice(eq + 1), true);
  }
  return { command: m[1]!, properties, message: unescape(m[3]!, false) };
}

describe('netpol-lint --format github', () => {
  it('prints one escaped workflow command per finding, error/warning/notice, hints left out, paths relative to the working folder', () => {
    const dir = tempRepo({ 'deploy/a, b:c %.yaml': ERRORS, 'deploy/warn.yaml': WARNING, 'deploy/info.yaml': INFORMATION, '.netpol.yaml': 'rules:\n  policy-without-namespace: hint\n' });
    const json = JSON.parse(runCli(['--format', 'json', 'deploy'], { cwd: dir }).stdout) as JsonFile[];
    const r = runCli(['--format', 'github', 'deploy'], { cwd: dir });
    assert.equal(r.status, 1);
    const lines = r.stdout.trimEnd().split('\n');
    const expected = json.flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'hint').map((d) => ({ f, d })));
    assert.equal(lines.length, expected.length);
    lines.forEach((line, i) => {
      const { f, d } = expected[i]!;
      const c = parseWorkflowCommand(line);
      assert.equal(c.command, { error: 'error', warning: 'warning', information: 'notice' }[d.severity]);
      assert.equal(c.properties.file, f.file);
      assert.equal(c.properties.title, d.rule);
      assert.equal(Number(c.properties.line), d.range.start.line + 1);
      assert.equal(Number(c.properties.col), d.range.start.character + 1);
      assert.equal(Number(c.properties.endLine), d.range.end.line + 1);
      assert.equal(c.message, d.message);
    });
    assert.deepEqual(new Set(lines.map((l) => parseWorkflowCommand(l).command)), new Set(['error', 'warning', 'notice']));
    // The file name's comma, colon and percent sign are escaped in the property, not taken as separators.
    assert.ok(lines.some((l) => l.includes('file=deploy/a%2C b%3Ac %25.yaml,line=8,col=3,endLine=8,endColumn=12,title=unknown-field::Unknown field')));
  });

  it('escapes %, CR and LF in messages and : , in properties', async () => {
    const { escapeData, escapeProperty } = await import('../../server/src/cli/format-github');
    assert.equal(escapeData('100% done\r\nnext: a, b'), '100%25 done%0D%0Anext: a, b');
    assert.equal(escapeProperty('a:b,c%\n'), 'a%3Ab%2Cc%25%0A');
  });
});

describe('netpol-lint --format gitlab', () => {
  it('prints a Code Quality report: description, check_name, unique fingerprints, severity, path and begin line', () => {
    const dir = tempRepo({ 'errors.yaml': ERRORS, 'warn.yaml': WARNING });
    const r = runCli(['--format', 'gitlab', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    const issues = JSON.parse(r.stdout) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
    assert.deepEqual(
      issues.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin]),
      [
        ['unknown-field', 'major', 'errors.yaml', 8],
        ['invalid-protocol', 'major', 'errors.yaml', 13],
        ['egress-blocks-dns', 'minor', 'warn.yaml', 9],
      ],
    );
    assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
    for (const i of issues) assert.match(i.fingerprint, /^[0-9a-f]{32}$/);
    assert.match(issues[0]!.description, /^Unknown field "polcyTypes"/);
    // Stable across runs.
    assert.deepEqual((JSON.parse(runCli(['--format', 'gitlab', '.'], { cwd: dir }).stdout) as { fingerprint: string }[]).map((i) => i.fingerprint), issues.map((i) => i.fingerprint));
  });
});

describe('netpol-lint CI switches', () => {
  it('--max-warnings exits 0 at the limit and 1 above it; errors exit 1 whatever the limit', () => {
    const dir = tempRepo({ 'w1.yaml': WARNING, 'w2.yaml': WARNING.replace('payments', 'billing') });
    assert.equal(runCli(['.'], { cwd: dir }).status, 0);
    assert.equal(runCli(['--max-warnings', '2', '.'], { cwd: dir }).status, 0);
    const over = runCli(['--max-warnings', '1', '.'], { cwd: dir });
    assert.equal(over.status, 1);
    assert.match(over.stderr, /netpol-lint: 2 warnings, more than --max-warnings 1/);
    assert.equal(runCli(['--max-warnings=0', '.'], { cwd: dir }).status, 1);
    assert.equal(runCli(['--max-warnings', '100', 'x.yaml', '-'], { cwd: dir, input: ERRORS }).status, 1);
  });

  it('--quiet reports errors only, and still counts warnings for --max-warnings', () => {
    const dir = tempRepo({ 'errors.yaml': ERRORS, 'warn.yaml': WARNING, 'info.yaml': INFORMATION });
    const r = runCli(['--quiet', '--format', 'json', '.'], { cwd: dir });
    assert.equal(r.status, 1);
    const severities = (JSON.parse(r.stdout) as JsonFile[]).flatMap((f) => f.diagnostics.map((d) => d.severity));
    assert.deepEqual(severities, ['error', 'error']);
    const quietWarnings = runCli(['--quiet', '--max-warnings', '0', 'warn.yaml'], { cwd: dir });
    assert.equal(quietWarnings.status, 1);
    assert.match(quietWarnings.stdout, /^No problems in 1 file\.$/m);
  });

  it('--output writes the report to a file (folders created), stdout stays empty, errors still go to stderr', () => {
    const dir = tempRepo({ 'errors.yaml': ERRORS });
    const r = runCli(['--format', 'sarif', '--output', 'out/netpol.sarif', 'errors.yaml', 'missing.yaml'], { cwd: dir });
    assert.equal(r.status, 1);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /missing\.yaml: no such file or folder/);
    const sarif = JSON.parse(readFileSync(join(dir, 'out/netpol.sarif'), 'utf8')) as { runs: { results: unknown[] }[] };
    assert.equal(sarif.runs[0]!.results.length, 2);
    const bad = runCli(['--output', join(dir, 'errors.yaml', 'x'), 'errors.yaml'], { cwd: dir });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /cannot write/);
  });

  it('expands globs, skips node_modules, .gitignore\'d files (nested, negated) and --ignore globs; explicit files are always read', () => {
    const dir = tempRepo({
      'a.yaml': CLEAN,
      'deploy/b.yml': CLEAN,
      'deploy/c.json': JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [] }),
      'deploy/old/d.yaml': CLEAN,
      'deploy/generated/e.yaml': CLEAN,
      'deploy/generated/keep.yaml': CLEAN,
      'deploy/notes.txt': 'x',
      'node_modules/pkg/f.yaml': CLEAN,
      'build/g.yaml': CLEAN,
      '.gitignore': 'build/\n',
      'deploy/.gitignore': 'generated/*\n!generated/keep.yaml\n',
    });
    const list = (args: string[]) => files(runCli(['--format', 'json', ...args], { cwd: dir }).stdout).sort();
    assert.deepEqual(list(['.']), ['a.yaml', 'deploy/b.yml', 'deploy/c.json', 'deploy/generated/keep.yaml', 'deploy/old/d.yaml']);
    assert.deepEqual(list(['**/*.yaml']), ['a.yaml', 'deploy/generated/keep.yaml', 'deploy/old/d.yaml']);
    assert.deepEqual(list(['deploy/*.{yml,json}']), ['deploy/b.yml', 'deploy/c.json']);
    assert.deepEqual(list(['--ignore', 'deploy/old/', '--ignore', '*.json', '.']), ['a.yaml', 'deploy/b.yml', 'deploy/generated/keep.yaml']);
    assert.deepEqual(list(['build/g.yaml', 'node_modules/pkg/f.yaml']), ['build/g.yaml', 'node_modules/pkg/f.yaml']);
    const none = runCli(['deploy/**/*.txt.yaml'], { cwd: dir });
    assert.equal(none.status, 2);
    assert.match(none.stderr, /deploy\/\*\*\/\*\.txt\.yaml: no files match this glob/);
  });

  it('--stdin-filename names stdin in the report and finds its .netpol.yaml', () => {
    const dir = tempRepo({ 'team/.netpol.yaml': 'rules:\n  unknown-field: warning\n' });
    const r = runCli(['--format', 'json', '--stdin-filename', 'team/policy.yaml', '-'], { cwd: dir, input: ERRORS });
    const json = JSON.parse(r.stdout) as JsonFile[];
    assert.equal(json[0]!.file, 'team/policy.yaml');
    assert.equal(json[0]!.diagnostics.find((d) => d.rule === 'unknown-field')!.severity, 'warning');
    assert.equal(files(runCli(['--format', 'json', '-'], { cwd: dir, input: CLEAN }).stdout)[0], '-');
  });

  it('reads JSON manifests: a kubectl get -o json List of NetworkPolicies', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'prod' }, spec: { podSelector: {}, polcyTypes: ['Ingress'] } }],
    };
    const dir = tempRepo({ 'dump.json': JSON.stringify(list, null, 2), 'package.json': JSON.stringify({ name: 'x', version: '1.0.0' }) });
    const r = runCli(['--format', 'json', '.'], { cwd: dir });
    assert.equal(r.status, 1, r.stdout);
    const json = JSON.parse(r.stdout) as JsonFile[];
    const line = JSON.stringify(list, null, 2).split('\n').findIndex((l) => l.includes('"polcyTypes"'));
    assert.deepEqual(json.find((f) => f.file === 'dump.json')!.diagnostics.map((d) => [d.rule, d.range.start.line]), [['unknown-field', line]]);
    assert.deepEqual(json.find((f) => f.file === 'package.json')!.diagnostics, []);
  });
});

describe('netpol-lint stylish output', () => {
  it('no header line per file, ✖ only with errors or warnings, "N problems (…) in M files (K checked)"', () => {
    const dir = tempRepo({ 'errors.yaml': ERRORS, 'info.yaml': INFORMATION, 'ok.yaml': CLEAN });
    const r = runCli(['errors.yaml', 'info.yaml', 'ok.yaml'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 1);
    const lines = r.stdout.split('\n');
    assert.match(lines[0]!, /^errors\.yaml:8:3 error Unknown field "polcyTypes"/);
    assert.match(lines[1]!, /^errors\.yaml:13:21 error .*\[invalid-protocol\]$/);
    assert.equal(lines[2], '');
    assert.match(lines[3]!, /^info\.yaml:16:11 information These are two `from` items/);
    assert.equal(lines[5], '✖ 3 problems (2 errors, 1 information) in 2 files (3 checked)');
    assert.equal(r.stdout.split('\n').filter((l) => l === 'errors.yaml' || l === 'info.yaml').length, 0);
    const info = runCli(['info.yaml'], { cwd: dir });
    assert.equal(info.status, 0);
    assert.match(info.stdout, /\n1 problem \(1 information\) in 1 file \(1 checked\)\n$/);
    assert.doesNotMatch(info.stdout, /✖/);
    const missing = runCli(['nope.yaml'], { cwd: dir });
    assert.equal(missing.status, 2);
    assert.equal(missing.stdout, '');
  });
});

describe('netpol-lint .netpol.yaml', () => {
  it('the nearest .netpol.yaml up to the repository root applies; one above the root does not', () => {
    const outer = tempRepo({
      '.netpol.yaml': 'rules:\n  unknown-field: off\n  invalid-protocol: off\n',
      'repo/.git/HEAD': '',
      'repo/.netpol.yaml': 'rules:\n  unknown-field: warning\n',
      'repo/apps/db/.netpol.yaml': 'rules:\n  unknown-field: information\n',
      'repo/apps/web/p.yaml': ERRORS,
      'repo/apps/db/p.yaml': ERRORS,
      'repo/p.yaml': ERRORS,
    });
    const dir = join(outer, 'repo');
    const r = runCli(['--format', 'json', '.'], { cwd: dir });
    const severity = (file: string, rule: string) => (JSON.parse(r.stdout) as JsonFile[]).find((f) => f.file === file)!.diagnostics.find((d) => d.rule === rule)?.severity;
    assert.equal(severity('apps/web/p.yaml', 'unknown-field'), 'warning', 'the parent folder\'s config applies below it');
    assert.equal(severity('apps/db/p.yaml', 'unknown-field'), 'information', 'the nearest wins');
    assert.equal(severity('p.yaml', 'invalid-protocol'), 'error', 'a config above the repository root is not read');
    // --config replaces the lookup for every file, and flags override it.
    const explicit = runCli(['--format', 'json', '--config', join(outer, '.netpol.yaml'), '--rule', 'invalid-protocol=warning', '.'], { cwd: dir });
    assert.deepEqual(new Set((JSON.parse(explicit.stdout) as JsonFile[]).flatMap((f) => f.diagnostics.map((d) => `${d.rule}:${d.severity}`))), new Set(['invalid-protocol:warning']));
  });

  it('a .netpol.yaml with `profle: strict` and a rule set to `eror` exits 2 with both mistakes at file:line:col and their suggestions', () => {
    const dir = tempRepo({ '.netpol.yaml': '# team settings\nprofle: strict\nrules:\n  broad-egress: eror\n', 'deploy/p.yaml': CLEAN });
    const r = runCli(['deploy'], { cwd: dir });
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    const lines = r.stderr.trimEnd().split('\n');
    assert.match(lines[0]!, /^\.netpol\.yaml:2:1 error Unknown setting "profle" in \.netpol\.yaml\. Did you mean "profile"\? .*\[netpol-config\]$/);
    assert.match(lines[1]!, /^\.netpol\.yaml:4:17 error Unknown severity "eror" for rule "broad-egress"\. Did you mean "error"\? .*\[netpol-config\]$/);
    assert.match(lines[2]!, /nothing was checked with them/);
    const unreadable = runCli(['--config', 'nope.yaml', 'deploy'], { cwd: dir });
    assert.equal(unreadable.status, 2);
    assert.match(unreadable.stderr, /cannot read config nope\.yaml: ENOENT/);
  });
});
