// The extension manifest says what VS Code needs to run netpol everywhere: enabled in Restricted Mode and in virtual
// workspaces (it executes nothing from the workspace), a Node and a browser entry, per-folder settings, the published
// repository (which the rule-docs links point to), and a registered handler for every contributed command.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPOSITORY_URL } from '../server/src/rules/docs-url';

const root = join(import.meta.dirname, '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const clientSources = readdirSync(join(root, 'client/src'), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(root, 'client/src', f), 'utf8'))
  .join('\n');

describe('extension manifest', () => {
  it('supports untrusted (Restricted Mode) and virtual workspaces', () => {
    assert.deepEqual(manifest.capabilities, { untrustedWorkspaces: { supported: true }, virtualWorkspaces: true });
  });

  it('has a Node entry and a browser entry, both built by scripts/build.mjs', () => {
    assert.equal(manifest.main, './dist/client.js');
    assert.equal(manifest.browser, './dist/web/extension.js');
    const build = readFileSync(join(root, 'scripts/build.mjs'), 'utf8');
    for (const out of ['dist/client.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js']) assert.ok(build.includes(`'${out}'`), `build.mjs writes ${out}`);
  });

  it('names the repository the diagnostics link to, its issues and its home page', () => {
    assert.equal(manifest.repository.url, `git+${REPOSITORY_URL}.git`);
    assert.equal(manifest.bugs.url, `${REPOSITORY_URL}/issues`);
    assert.ok(manifest.homepage.startsWith(REPOSITORY_URL));
  });

  it('registers every contributed command, and the restart command is in the palette', () => {
    const commands: { command: string }[] = manifest.contributes.commands;
    assert.ok(commands.some((c) => c.command === 'netpol.restartServer'));
    for (const { command } of commands) assert.ok(clientSources.includes(`registerCommand('${command}'`), `client/src registers ${command}`);
    const hidden = (manifest.contributes.menus?.commandPalette ?? []).filter((m: { when?: string }) => m.when === 'false').map((m: { command: string }) => m.command);
    assert.ok(!hidden.includes('netpol.restartServer'));
  });

  it('has a 128×128 PNG icon rasterised from the SVG, a CHANGELOG, and a Marketplace banner', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const png = readFileSync(join(root, manifest.icon));
    assert.equal(png.subarray(1, 4).toString('latin1'), 'PNG');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128], 'IHDR width and height');
    assert.match(readFileSync(join(root, 'images/icon.svg'), 'utf8'), /<svg[^>]*viewBox="0 0 128 128"/);
    assert.match(readFileSync(join(root, 'scripts/icon.sh'), 'utf8'), /rsvg-convert --width 128 --height 128/);
    assert.match(readFileSync(join(root, 'CHANGELOG.md'), 'utf8'), /^# Changelog/);
    assert.ok(manifest.galleryBanner?.color);
  });

  it('packages with the pinned vsce, shipping what the extension runs and not the CLI', () => {
    assert.match(manifest.devDependencies['@vscode/vsce'], /^\d+\.\d+\.\d+$/, 'an exact version');
    assert.equal(manifest.scripts.package, 'node scripts/package.mjs');
    const shipped = readFileSync(join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1));
    for (const f of ['dist/client.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js', 'docs/rules.md', 'docs/configuration.md', 'images/icon.png', 'CHANGELOG.md', 'README.md', 'LICENSE']) {
      assert.ok(shipped.includes(f), `.vsix holds ${f}`);
    }
    assert.ok(!shipped.includes('dist/cli.js'), 'the extension does not use the CLI');
  });

  it('the README\'s relative links and images point at files in the repository (vsce makes them absolute URLs of it)', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const targets = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1]!).filter((t) => !/^[a-z]+:|^#/.test(t));
    assert.ok(targets.some((t) => t.startsWith('images/')), 'the README shows pictures');
    assert.deepEqual(targets.filter((t) => !existsSync(join(root, t.split('#')[0]!))), []);
  });

  it('lets every netpol setting differ per workspace folder, but the server\'s trace and its workspace index (one per window)', () => {
    for (const [key, schema] of Object.entries<{ scope?: string }>(manifest.contributes.configuration.properties)) {
      assert.equal(schema.scope, key === 'netpol.trace.server' || key.startsWith('netpol.workspace.') ? 'window' : 'resource', `scope of ${key}`);
    }
  });
});
