// Runs the real-client checks against the built extension and prints one PASS/FAIL line per part, with wall times:
//   package      the .vsix holds what .vscodeignore promises: the bundles without source maps, the schema, the
//                snippets, README, LICENSE and the manifest; no node_modules, sources or tests
//   integration  the mocha suites in suite/ inside code-server's real extension host (extensionDevelopmentPath = repo)
//   ui           the Playwright smoke test of the packaged .vsix (installed into a fresh code-server), screenshots
//   web          the browser-only .vsix in code-server's web worker extension host (Problems equal the Node server's)
//   connectivity "NetworkPolicy: Show connectivity" on a fixture workspace: the drawn graph equals the engine's JSON, follows an edit
//   connectivity-scale  (not in the default set) the view's first render on the generated 2,000-file workspace, timed
//   restricted   the .vsix in Restricted Mode (workspace trust on, folder untrusted)
//   nvim         headless Neovim running the README's Neovim 0.7 snippet (a client of dist/server.js over stdio)
//   emacs        Emacs + eglot in batch mode running the README's Emacs snippet
// Usage: node test/e2e/run.js --vsix PATH [--only package,integration,ui,connectivity,web,restricted,nvim,emacs,connectivity-scale].
// Needs test/e2e/setup.sh and a build.
// Everything it starts (code-server, Chromium) is stopped by PID on the way out, also on failure or a signal.
'use strict';
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');
const { paths } = require('./lib/paths');
const { startCodeServer } = require('./lib/code-server');
const { launchBrowser } = require('./lib/browser');
const { runExtensionTests } = require('./lib/ext-tests');
const { runSmoke } = require('./smoke/ui-smoke');
const { runConnectivityUi } = require('./connectivity/connectivity-ui');
const { runConnectivityScale } = require('./connectivity/connectivity-scale');
const { vsixEntries } = require('./lib/vsix');
const { packageWebOnly } = require('./lib/web-vsix');
const { nodeDiagnostics } = require('./lib/node-diagnostics');
const { snippetRun } = require('./lib/readme-snippet');

const args = process.argv.slice(2);
const arg = (name) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : undefined; };
const only = (arg('only') || 'package,integration,ui,connectivity,web,restricted,nvim,emacs').split(',');
const vsix = arg('vsix') && path.resolve(arg('vsix'));
const out = paths.artifacts;
const cleanups = [];

async function cleanup() {
  while (cleanups.length) await cleanups.pop()().catch((e) => console.error(`cleanup: ${e.message}`));
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => { console.error(`\n${sig}: stopping what was started`); cleanup().finally(() => process.exit(130)); });
}

/** A fresh copy of fixtures/workspace, so that tests that edit and save never touch the repository. */
function workspace(name) {
  const dir = path.join(out, 'workspaces', name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(paths.fixtures, dir, { recursive: true });
  return dir;
}

async function withCodeServer(name, options, fn) {
  const t0 = Date.now();
  const cs = await startCodeServer({ dir: path.join(out, 'code-server', name), ...options });
  console.log(`code-server ${name}: up in ${Date.now() - t0} ms (pid ${cs.pid}, log ${path.relative(process.cwd(), cs.logFile)})`);
  cleanups.push(cs.stop);
  try {
    return await fn(cs);
  } finally {
    cleanups.splice(cleanups.indexOf(cs.stop), 1);
    const r = await cs.stop();
    console.log(`code-server ${name}: stopped ${r.stopped} processes (${r.killed} needed SIGKILL)`);
  }
}

let browserHandle;
async function browser() {
  if (!browserHandle) {
    browserHandle = await launchBrowser();
    cleanups.push(browserHandle.close);
  }
  return browserHandle.browser;
}

const parts = {
  async package() {
    if (!vsix || !fs.existsSync(vsix)) return { ok: false, detail: `no .vsix (--vsix ${vsix})` };
    const files = vsixEntries(vsix).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).sort();
    const required = ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'images/icon.png', 'dist/client.js', 'dist/server.js', 'dist/web/extension.js', 'dist/web/server.js', 'dist/connectivity-view.js', 'dist/connectivity-view.css', 'docs/rules.md', 'docs/configuration.md', 'schemas/networkpolicy.schema.json'];
    const missing = required.filter((f) => !files.includes(f));
    const snippets = files.filter((f) => f.startsWith('snippets/'));
    const stray = files.filter((f) => !required.includes(f) && !snippets.includes(f));
    const ok = missing.length === 0 && snippets.length > 0 && stray.length === 0;
    const detail = ok ? `${files.length} files: ${files.join(', ')}`
      : `missing: ${missing.join(', ') || '-'}; snippets: ${snippets.join(', ') || 'none'}; not expected: ${stray.join(', ') || '-'}`;
    return { ok, detail };
  },
  async integration() {
    const folder = workspace('integration');
    const result = path.join(out, 'integration-results.json');
    fs.rmSync(result, { force: true });
    return withCodeServer('integration', { env: { NETPOL_E2E_HOME: paths.home, NETPOL_E2E_RESULT: result, NETPOL_E2E_GREP: process.env.NETPOL_E2E_GREP || '' } }, async (cs) => {
      const r = await runExtensionTests({
        browser: await browser(), url: cs.url, extensionPath: paths.root, testsPath: path.join(__dirname, 'suite', 'index.js'), folder,
        screenshot: path.join(out, 'integration-end.png'), log: (l) => console.log(l.replace(/\n$/, '')),
      });
      const summary = fs.existsSync(result) ? JSON.parse(fs.readFileSync(result, 'utf8')) : undefined;
      return { ok: r.code === 0, detail: summary ? `${summary.passes} passed, ${summary.failures} failed (exit ${r.code})` : `exit ${r.code}, no results written` };
    });
  },
  async ui() {
    if (!vsix || !fs.existsSync(vsix)) return { ok: false, detail: `no .vsix (--vsix ${vsix})` };
    const folder = workspace('ui');
    const shots = path.join(out, 'screenshots');
    fs.rmSync(shots, { recursive: true, force: true });
    return withCodeServer('ui', { vsix: [vsix] }, async (cs) => {
      const r = await runSmoke({ browser: await browser(), url: cs.url, folder, extensionPath: paths.root, shots, ruleDoc: true, paletteCommand: true });
      fs.writeFileSync(path.join(out, 'ui-results.json'), JSON.stringify(r, null, 2));
      const passed = r.results.filter((x) => x.ok).length;
      return { ok: r.ok, detail: `${passed} of ${r.results.length} steps passed; screenshots in ${path.relative(process.cwd(), shots)}/` };
    });
  },
  // The browser-only .vsix (no `main`) in code-server's web worker extension host: the same session as `ui`, and the
  // Problems entries must equal what the Node server publishes for the file.
  async web() {
    const folder = workspace('web');
    const shots = path.join(out, 'screenshots-web');
    fs.rmSync(shots, { recursive: true, force: true });
    const { vsix: webVsix, manifest } = packageWebOnly({ out, log: path.join(out, 'vsce-web.log') });
    const files = vsixEntries(webVsix).filter((f) => f.startsWith('extension/')).map((f) => f.slice('extension/'.length)).sort();
    console.log(`web .vsix: ${files.join(', ')}`);
    const expected = await nodeDiagnostics(path.join(folder, 'policy.yaml'));
    return withCodeServer('web', { vsix: [webVsix] }, async (cs) => {
      const r = await runSmoke({ browser: await browser(), url: cs.url, folder, extensionPath: paths.root, shots, expected, ruleDoc: true, paletteCommand: true, host: 'web worker', displayName: manifest.displayName });
      fs.writeFileSync(path.join(out, 'web-results.json'), JSON.stringify({ files, ...r }, null, 2));
      const passed = r.results.filter((x) => x.ok).length;
      return { ok: r.ok, detail: `${passed} of ${r.results.length} steps passed; screenshots in ${path.relative(process.cwd(), shots)}/` };
    });
  },
  // The full .vsix with workspace trust on and the folder untrusted (Restricted Mode): netpol still reports.
  async restricted() {
    if (!vsix || !fs.existsSync(vsix)) return { ok: false, detail: `no .vsix (--vsix ${vsix})` };
    const folder = workspace('restricted');
    const shots = path.join(out, 'screenshots-restricted');
    fs.rmSync(shots, { recursive: true, force: true });
    return withCodeServer('restricted', { vsix: [vsix], trust: true }, async (cs) => {
      const r = await runSmoke({ browser: await browser(), url: cs.url, folder, extensionPath: paths.root, shots, only: ['squiggle and Problems entry', 'restricted mode'], restricted: true });
      fs.writeFileSync(path.join(out, 'restricted-results.json'), JSON.stringify(r, null, 2));
      const passed = r.results.filter((x) => x.ok).length;
      return { ok: r.ok, detail: `${passed} of ${r.results.length} steps passed; screenshots in ${path.relative(process.cwd(), shots)}/` };
    });
  },
  // "NetworkPolicy: Show connectivity" on a fixture workspace: drawn nodes/edges equal the engine's JSON, an edit is followed.
  async connectivity() {
    if (!vsix || !fs.existsSync(vsix)) return { ok: false, detail: `no .vsix (--vsix ${vsix})` };
    const folder = path.join(out, 'workspaces', 'connectivity');
    fs.rmSync(folder, { recursive: true, force: true });
    fs.cpSync(path.join(__dirname, 'fixtures', 'connectivity'), folder, { recursive: true });
    const shots = path.join(out, 'screenshots-connectivity');
    fs.rmSync(shots, { recursive: true, force: true });
    return withCodeServer('connectivity', { vsix: [vsix] }, async (cs) => {
      const r = await runConnectivityUi({ browser: await browser(), url: cs.url, folder, extensionPath: paths.root, shots });
      fs.writeFileSync(path.join(out, 'connectivity-results.json'), JSON.stringify(r, null, 2));
      return { ok: r.ok, detail: `${r.results.filter((x) => x.ok).length} of ${r.results.length} steps passed; screenshots in ${path.relative(process.cwd(), shots)}/` };
    });
  },
  // The view's first render on the generated 2,000-file workspace (bench/connectivity-workspace.ts), timed; not in the
  // default set, since generating, indexing and computing 10,000 workloads costs about a minute more.
  async 'connectivity-scale'() {
    if (!vsix || !fs.existsSync(vsix)) return { ok: false, detail: `no .vsix (--vsix ${vsix})` };
    const folder = path.join(out, 'workspaces', 'connectivity-scale');
    fs.rmSync(folder, { recursive: true, force: true });
    const gen = spawnSync(process.execPath, ['--import', 'tsx', path.join(paths.root, 'bench', 'connectivity-workspace.ts'), folder, '2000', '10000'], { cwd: paths.root, encoding: 'utf8' });
    if (gen.status !== 0) return { ok: false, detail: `generating the workspace failed: ${gen.stderr.slice(-600)}` };
    const shots = path.join(out, 'screenshots-connectivity-scale');
    fs.rmSync(shots, { recursive: true, force: true });
    return withCodeServer('connectivity-scale', { vsix: [vsix] }, async (cs) => {
      const r = await runConnectivityScale({ browser: await browser(), url: cs.url, folder, shots });
      fs.writeFileSync(path.join(out, 'connectivity-scale-results.json'), JSON.stringify(r, null, 2));
      const first = r.results.find((x) => x.firstRenderMs !== undefined);
      const figure = first ? `; first render ${first.firstRenderMs} ms (${first.nodes} nodes, ${first.edges} edges)` : '';
      return { ok: r.ok, detail: `${r.results.filter((x) => x.ok).length} of ${r.results.length} steps passed${figure}; screenshots in ${path.relative(process.cwd(), shots)}/` };
    });
  },
  // Neovim (Debian's 0.7) running the README's Neovim 0.7 snippet: diagnostics, hover, quick fix applied and saved.
  async nvim() {
    const folder = workspace('nvim');
    const { snippet, env } = snippetRun('nvim-0.7', 'netpol.lua', path.join(out, 'nvim'));
    const r = spawnSync('nvim', ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(__dirname, 'nvim', 'lsp-check.lua')}`], {
      encoding: 'utf8', timeout: 60000, cwd: folder,
      env: {
        ...env, NP_SNIPPET: snippet, NP_FILE: path.join(folder, 'policy.yaml'),
        NP_CODE: 'egress-reaches-metadata-endpoint', NP_HOVER_ON: 'podSelector', NP_HOVER_EXPECT: 'selects the pods to which this NetworkPolicy',
        NP_FIX_TITLE: '169.254.169.254', NP_FIX_EXPECT: '169.254.169.254/32',
      },
    });
    return clientResult('nvim', r);
  },
  // Emacs with eglot (Debian's emacs-nox 28 and elpa-eglot 1.9) in batch mode, running the README's Emacs snippet:
  // the diagnostics flymake shows and a hover, both through eglot.
  async emacs() {
    const folder = workspace('emacs');
    const { snippet, env } = snippetRun('emacs', 'netpol.el', path.join(out, 'emacs'));
    const r = spawnSync('emacs', ['--batch', '-l', path.join(__dirname, 'emacs', 'eglot-check.el')], {
      encoding: 'utf8', timeout: 60000, cwd: folder,
      env: {
        ...env, NP_SNIPPET: snippet, NP_FILE: path.join(folder, 'policy.yaml'),
        NP_CODE: 'egress-reaches-metadata-endpoint', NP_HOVER_ON: 'podSelector', NP_HOVER_EXPECT: 'selects the pods to which this NetworkPolicy',
      },
    });
    return clientResult('emacs', r);
  },
};

/** One JSON line per step from an editor's check script, as a part's result. */
function clientResult(name, r) {
  if (r.error) return { ok: false, detail: String(r.error.message) };
  const steps = r.stdout.trim().split('\n').filter(Boolean).map((l) => { try { return JSON.parse(l); } catch { return { step: l, ok: false }; } });
  fs.writeFileSync(path.join(out, `${name}-results.json`), JSON.stringify({ steps, stderr: r.stderr.slice(-2000) }, null, 2));
  for (const s of steps.filter((x) => !x.ok)) console.log(`  ${name} ${s.step}: ${JSON.stringify(s.data).slice(0, 600)}`);
  if (steps.length === 0) console.log(`  ${name} printed nothing; stderr: ${r.stderr.slice(-600)}`);
  return { ok: r.status === 0 && steps.length > 0, detail: steps.map((s) => `${s.step} ${s.ok ? 'ok' : 'FAILED'}`).join(', ') };
}

async function main() {
  fs.mkdirSync(out, { recursive: true });
  const t0 = Date.now();
  const summary = [];
  for (const name of only) {
    if (!parts[name]) throw new Error(`unknown part ${name}`);
    const started = Date.now();
    console.log(`--- ${name}`);
    let r;
    try {
      r = await parts[name]();
    } catch (e) {
      r = { ok: false, detail: String(e && e.stack || e) };
    }
    summary.push({ part: name, ...r, seconds: (Date.now() - started) / 1000 });
  }
  await cleanup();
  console.log('--- summary');
  for (const s of summary) console.log(`${s.ok ? 'PASS' : 'FAIL'} ${s.part} (${s.seconds.toFixed(1)} s): ${s.detail}`);
  console.log(`e2e: ${summary.filter((s) => s.ok).length} passed, ${summary.filter((s) => !s.ok).length} failed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  fs.writeFileSync(path.join(out, 'summary.json'), JSON.stringify(summary, null, 2));
  return summary.every((s) => s.ok) ? 0 : 1;
}

main().then((code) => process.exit(code), async (e) => { console.error(e); await cleanup(); process.exit(1); });
