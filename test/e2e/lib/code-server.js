// Runs an isolated code-server (Code-OSS 1.139 server + web workbench) on 127.0.0.1: a fresh user-data-dir seeded with
// quiet settings, a fresh extensions dir (optionally with .vsix files installed), no auth, and
// `--vscode-option enable-smoke-test-driver`, without which a built workbench ignores the URL payload that carries
// extensionDevelopmentPath/extensionTestsPath (the tests would silently never run).
'use strict';
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn, execFileSync } = require('child_process');
const { paths } = require('./paths');
const { stopTree } = require('./processes');

const SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'workbench.reduceMotion': 'on',
  'chat.disableAIFeatures': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'git.enabled': false,
  'editor.hover.delay': 200,
  'editor.stickyScroll.enabled': false,
  'files.autoSave': 'off',
  'window.restoreWindows': 'none',
};

/** Restricted Mode: trust on, never asked, so the folder stays untrusted. */
const TRUST_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.emptyWindow': false,
};

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function waitHealthy(url, child, logFile, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`code-server exited (${child.exitCode}):\n${fs.readFileSync(logFile, 'utf8')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server did not answer ${url}/healthz within ${timeoutMs} ms`);
}

/**
 * Starts code-server under `dir` (wiped first). Returns { url, pid, stop() }; the caller must call stop(), which ends
 * the server and every process it started.
 */
/**
 * With `trust`, workspace trust stays on and the folder opens untrusted, in Restricted Mode (no startup prompt); without
 * it, trust is disabled as in the other runs.
 */
async function startCodeServer({ dir, vsix = [], settings = {}, env = {}, timeoutMs = 60000, trust = false }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, 'ud', 'User'), { recursive: true });
  fs.mkdirSync(path.join(dir, 'ext'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'ud', 'User', 'settings.json'), JSON.stringify({ ...SETTINGS, ...(trust ? TRUST_SETTINGS : {}), ...settings }, null, 2));
  const port = await freePort();
  const config = path.join(dir, 'config.yaml');
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${port}\nauth: none\ncert: false\n`);
  const childEnv = { ...process.env, ...env, PATH: `${path.dirname(paths.node24)}:${process.env.PATH}` };
  const common = ['--config', config, '--user-data-dir', path.join(dir, 'ud'), '--extensions-dir', path.join(dir, 'ext')];
  for (const file of vsix) {
    const out = execFileSync(paths.codeServer, [...common, '--install-extension', file], { env: childEnv, encoding: 'utf8' });
    fs.appendFileSync(path.join(dir, 'install-extension.log'), out);
  }
  const logFile = path.join(dir, 'code-server.log');
  const log = fs.openSync(logFile, 'w');
  const child = spawn(paths.codeServer, [...common,
    '--disable-telemetry', '--disable-update-check', ...(trust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override',
    '--ignore-last-opened', '--reconnection-grace-time', '30', '--vscode-option', 'enable-smoke-test-driver'],
  { env: childEnv, stdio: ['ignore', log, log], detached: true });
  fs.closeSync(log);
  fs.writeFileSync(path.join(dir, 'pid'), String(child.pid));
  const url = `http://127.0.0.1:${port}`;
  let stopped;
  const stop = () => {
    stopped = stopped || stopTree(child.pid).then((r) => {
      fs.rmSync(path.join(dir, 'pid'), { force: true });
      return r;
    });
    return stopped;
  };
  try {
    await waitHealthy(url, child, logFile, timeoutMs);
  } catch (e) {
    await stop();
    throw e;
  }
  return { url, pid: child.pid, logFile, stop };
}

/** The vscode-remote URI the workbench uses for a path on the server. */
function remoteUri(url, absPath) {
  return `vscode-remote://${new URL(url).host}${absPath}`;
}

/** The workbench URL that opens `folder`, with an optional payload (openFile, extensionDevelopmentPath, ...). */
function workbenchUrl(url, folder, payload) {
  let u = `${url}/?folder=${encodeURIComponent(folder)}`;
  if (payload) u += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  return u;
}

module.exports = { startCodeServer, remoteUri, workbenchUrl };
