// `npm run package`: the Marketplace .vsix. Builds the release bundles, stages exactly the files .vscodeignore lets in
// (its `!path` lines) with a manifest stripped of what only npm needs (`files`, `bin`, scripts, devDependencies: vsce
// refuses a `files` list beside .vscodeignore, and the npm package's `files` include the CLI, which the extension does
// not use), and runs the pinned vsce there, with README links and images resolved against the repository so that they
// work on the Marketplace page. Without a terminal, vsce's colour codes are removed from what it prints.
//   node scripts/package.mjs [--out netpol.vsix] [--web-only]
// --web-only packages the browser entry alone (no `main`), as the web e2e installs it: VS Code can then only run it in the
// web worker extension host, as vscode.dev does.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const webOnly = process.argv.includes('--web-only');
const out = resolve(arg('--out') ?? join(root, webOnly ? 'netpol-web.vsix' : 'netpol.vsix'));
const stage = join(root, '.vsix-stage', webOnly ? 'web' : 'full');
const tty = process.stdout.isTTY === true;
const plain = (text) => (tty ? text : text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''));

function run(command, args, options = {}) {
  const r = spawnSync(command, args, { encoding: 'utf8', ...options, env: { ...process.env, ...(tty ? {} : { NO_COLOR: '1', FORCE_COLOR: '0' }), ...options.env } });
  process.stdout.write(plain(r.stdout ?? ''));
  process.stderr.write(plain(r.stderr ?? ''));
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (!process.argv.includes('--no-build')) run(process.execPath, [join(root, 'scripts/build.mjs'), '--release']);

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const manifest = { ...pkg };
for (const key of ['files', 'bin', 'scripts', 'devDependencies', 'dependencies']) delete manifest[key];
let included = readFileSync(join(root, '.vscodeignore'), 'utf8')
  .split('\n')
  .filter((l) => l.startsWith('!'))
  .map((l) => l.slice(1).replace(/\/\*\*$/, ''))
  .filter((l) => l !== 'package.json');
if (webOnly) {
  delete manifest.main;
  manifest.name = `${pkg.name}-web`;
  manifest.displayName = `${pkg.displayName} (web only)`;
  included = included.filter((f) => !['dist/client.js', 'dist/server.js'].includes(f));
}
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
for (const rel of included) {
  if (!existsSync(join(root, rel))) {
    console.error(`package: ${rel} (listed in .vscodeignore) does not exist`);
    process.exit(1);
  }
  mkdirSync(dirname(join(stage, rel)), { recursive: true });
  cpSync(join(root, rel), join(stage, rel), { recursive: true });
}
writeFileSync(join(stage, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(stage, '.vscodeignore'), '**/*.map\n');

const repository = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');
const raw = repository.replace('https://github.com/', 'https://raw.githubusercontent.com/');
mkdirSync(dirname(out), { recursive: true });
run(join(root, 'node_modules', '.bin', 'vsce'), ['package', '--no-dependencies', '--baseContentUrl', `${repository}/blob/main`, '--baseImagesUrl', `${raw}/main`, '-o', out], {
  cwd: stage,
  stdio: ['ignore', 'pipe', 'pipe'],
});
