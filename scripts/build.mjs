// Bundles the VS Code client, the language server and the CLI into dist/ with esbuild, and the web extension into
// dist/web/: one file each; minified without source maps for releases (--release), readable with source maps for
// development. The web bundles use platform 'browser', so esbuild picks each package's browser build and fails on any
// Node built-in; the server there is a classic (iife) script, because the web worker host loads it with importScripts.
import { build } from 'esbuild';
import { chmodSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const release = process.argv.includes('--release');
const { version, homepage } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: release,
  sourcemap: release ? false : 'linked',
  logLevel: 'warning',
  define: { NETPOL_VERSION: JSON.stringify(version), NETPOL_HOMEPAGE: JSON.stringify(homepage) },
  absWorkingDir: root,
};

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] }),
  build({ ...common, entryPoints: ['server/src/main-server.ts'], outfile: 'dist/server.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, entryPoints: ['server/src/main-cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } }),
  build({ ...common, platform: 'browser', target: 'es2022', entryPoints: ['client/src/extension-browser.ts'], outfile: 'dist/web/extension.js', external: ['vscode'] }),
  build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['server/src/main-browser.ts'], outfile: 'dist/web/server.js' }),
  // The connectivity webview's page: Cytoscape.js and our script in one browser bundle, and its stylesheet (CSP allows nothing else).
  build({ ...common, platform: 'browser', target: 'es2022', format: 'iife', entryPoints: ['client/src/connectivity/webview/view.ts'], outfile: 'dist/connectivity-view.js' }),
  build({ ...common, platform: 'browser', entryPoints: ['client/src/connectivity/webview/view.css'], outfile: 'dist/connectivity-view.css' }),
]);
for (const f of ['dist/server.js', 'dist/cli.js']) chmodSync(join(root, f), 0o755);
console.log(`built dist/ (${release ? 'release' : 'dev'})`);
