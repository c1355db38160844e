// The npm package as users get it: `npm pack` of a copy of the repository (its prepack build included), installed with
// `npm install -g` into a temporary prefix, puts `netpol-lint` and `netpol-language-server` on PATH, and both run. Also:
// one Node requirement, and `npm run demo` failing when the build fails.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ERRORS } from '../support/cli';

const ROOT = join(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  files: string[];
  bin: Record<string, string>;
  engines: { node: string };
  scripts: Record<string, string>;
  repository?: unknown;
  bugs?: unknown;
  homepage?: string;
  devDependencies: Record<string, string>;
  dependencies?: Record<string, string>;
};

/** `npm` offline, quiet, with its cache and global prefix kept inside `home`. */
function npm(args: string[], options: { cwd: string; home: string }) {
  const env = { ...process.env, npm_config_cache: join(options.home, 'cache'), npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', npm_config_loglevel: 'error' };
  return spawnSync('npm', args, { cwd: options.cwd, env, encoding: 'utf8', timeout: 240_000 });
}

/** One LSP message with its Content-Length header. */
function frame(message: object): string {
  const body = JSON.stringify({ jsonrpc: '2.0', ...message });
  return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

describe('the npm package', () => {
  it('is publishable: not private, repository, bugs and homepage set, no runtime dependencies, a prepack build', () => {
    assert.equal(pkg.private, undefined);
    assert.ok(pkg.repository && pkg.bugs && pkg.homepage);
    assert.deepEqual(pkg.dependencies ?? {}, {}, 'the bins are self-contained bundles');
    assert.match(pkg.scripts.prepack!, /build/);
    for (const bin of Object.values(pkg.bin)) assert.ok(pkg.files.includes(bin), `${bin} is packed`);
  });

  it('npm pack, then npm install -g into a temporary prefix, puts both bins on PATH and they run', async () => {
    const home = mkdtempSync(join(tmpdir(), 'netpol-pack-'));
    // A copy of what the build needs, so that the prepack build does not replace the dist/ the other tests run.
    const copy = join(home, 'src');
    mkdirSync(copy);
    for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'LICENSE', 'scripts', 'server', 'client', 'snippets', 'schemas', 'docs']) cpSync(join(ROOT, entry), join(copy, entry), { recursive: true });
    symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir');
    const packed = npm(['pack', '--pack-destination', home], { cwd: copy, home });
    assert.equal(packed.status, 0, packed.stderr);
    const tarball = readdirSync(home).find((f) => /^netpol-.*\.tgz$/.test(f));
    assert.equal(tarball, `netpol-${pkg.version}.tgz`);
    const listing = spawnSync('tar', ['tzf', join(home, tarball!)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).sort();
    assert.ok(listing.includes('package/dist/cli.js') && listing.includes('package/dist/server.js'));
    assert.deepEqual(listing.filter((f) => /\.(ts|map)$|^package\/(test|server|bench|node_modules)\//.test(f)), [], 'no sources, tests or source maps');

    const prefix = join(home, 'prefix');
    const installed = npm(['install', '-g', '--prefix', prefix, join(home, tarball!)], { cwd: home, home });
    assert.equal(installed.status, 0, installed.stderr);
    const env = { ...process.env, PATH: `${join(prefix, 'bin')}:${process.env.PATH}` };
    const version = spawnSync('netpol-lint', ['--version'], { env, encoding: 'utf8' });
    assert.equal(version.stdout, `${pkg.version}\n`, version.stderr);
    writeFileSync(join(home, 'policy.yaml'), ERRORS);
    const lint = spawnSync('netpol-lint', ['--format', 'json', 'policy.yaml'], { cwd: home, env, encoding: 'utf8' });
    assert.equal(lint.status, 1, lint.stderr);
    assert.equal((JSON.parse(lint.stdout) as { diagnostics: { rule: string }[] }[])[0]!.diagnostics[0]!.rule, 'unknown-field');

    // The server answers initialize, then shuts down and exits 0 when asked.
    const server = spawn('netpol-language-server', ['--stdio'], { env });
    let out = '';
    const answered = new Promise<string>((resolve) => {
      server.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString('utf8');
        const m = /Content-Length: (\d+)\r\n\r\n/.exec(out);
        if (m && Buffer.byteLength(out.slice(m.index + m[0].length)) >= Number(m[1])) resolve(out.slice(m.index + m[0].length));
      });
    });
    const exited = new Promise<number | null>((resolve) => server.on('close', resolve));
    server.stdin.write(frame({ id: 1, method: 'initialize', params: { processId: null, rootUri: null, capabilities: {} } }));
    const result = (JSON.parse(await answered) as { id: number; result: { capabilities: Record<string, unknown> } }).result;
    assert.ok(result.capabilities.hoverProvider && result.capabilities.codeActionProvider);
    server.stdin.write(frame({ method: 'initialized', params: {} }) + frame({ id: 2, method: 'shutdown' }) + frame({ method: 'exit' }));
    assert.equal(await exited, 0);
  });

  it('states one Node requirement: engines.node, which the dependencies npm test uses accept and the README says', () => {
    const semver = createRequire(import.meta.url)('semver') as { minVersion(r: string): { version: string }; satisfies(v: string, r: string): boolean };
    const minimum = semver.minVersion(pkg.engines.node).version;
    const unmet: string[] = [];
    for (const dep of Object.keys(pkg.devDependencies)) {
      const engines = (JSON.parse(readFileSync(join(ROOT, 'node_modules', dep, 'package.json'), 'utf8')) as { engines?: { node?: string } }).engines;
      if (engines?.node && !semver.satisfies(minimum, engines.node)) unmet.push(dep);
    }
    // Only the real-VS-Code suite's launcher needs more; test/e2e/setup.sh runs it with its own Node 24.
    assert.deepEqual(unmet, ['@vscode/test-electron']);
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    assert.ok(readme.includes(`Node.js ${minimum.replace(/\.0$/, '')} or later`), `README states Node.js ${minimum.replace(/\.0$/, '')}`);
    // import.meta.dirname, which the tests and scripts use, is in Node from 20.11.
    assert.ok(semver.satisfies('20.11.0', pkg.engines.node) && !semver.satisfies('20.10.0', pkg.engines.node));
  });

  it('the README\'s demo excerpt is the real current output of npm run demo (npm run docs regenerates it)', async () => {
    const { generateReadme, README } = await import('../../scripts/gen-docs');
    const readme = readFileSync(README, 'utf8');
    assert.equal(readme, generateReadme(readme), 'README.md\'s demo excerpt is stale: run `npm run docs`');
    const demo = spawnSync(process.execPath, ['dist/cli.js', 'examples/'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    const excerpt = /```text\n\$ npm ci && npm run demo\n([^]*?)```/.exec(readme)![1]!.split('\n').filter((l) => l && l !== '...');
    assert.equal(excerpt.length, 4);
    for (const line of excerpt) assert.ok(demo.stdout.split('\n').includes(line), `not in the output of npm run demo: ${line}`);
  });

  it('npm run demo fails when the build fails, and passes (netpol-lint exits 1 on the examples) when it works', () => {
    const bin = mkdtempSync(join(tmpdir(), 'netpol-demo-'));
    const fake = (status: number) => {
      writeFileSync(join(bin, 'npm'), `#!/bin/sh\nexit ${status}\n`);
      chmodSync(join(bin, 'npm'), 0o755);
      return spawnSync('sh', ['-c', pkg.scripts.demo!], { cwd: ROOT, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, encoding: 'utf8' }).status;
    };
    assert.equal(fake(1), 1, 'a failed build fails the demo');
    assert.equal(fake(0), 0);
  });
});
