// npm run test:vscode: the same integration suites (suite/index.js) in desktop VS Code through @vscode/test-electron,
// for developers who have VS Code or internet (test-electron downloads VS Code unless VSCODE_EXECUTABLE points at one).
// CI cannot reach Microsoft's servers and runs the suites in code-server instead (npm run test:e2e).
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');
const { runTests } = require('@vscode/test-electron');
const { paths } = require('./lib/paths');

function mochaAvailable() {
  for (const base of [paths.root, paths.tools]) {
    try {
      require.resolve(base === paths.root ? 'mocha' : path.join(base, 'mocha'), { paths: [paths.root] });
      return true;
    } catch {
      // Try the next place.
    }
  }
  return false;
}

async function main() {
  if (!mochaAvailable()) {
    console.error('test:vscode needs mocha: run `bash test/e2e/setup.sh` (installs it into the e2e cache) or `npm install --no-save mocha`.');
    return 2;
  }
  const build = spawnSync('npm', ['run', 'build'], { cwd: paths.root, stdio: 'inherit' });
  if (build.status !== 0) return build.status || 1;
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-vscode-'));
  fs.cpSync(paths.fixtures, workspace, { recursive: true });
  try {
    await runTests({
      ...(process.env.VSCODE_EXECUTABLE ? { vscodeExecutablePath: process.env.VSCODE_EXECUTABLE } : {}),
      extensionDevelopmentPath: paths.root,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      extensionTestsEnv: { NETPOL_E2E_HOME: paths.home },
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    return 0;
  } catch (e) {
    console.error(`test:vscode failed: ${e && e.message || e}`);
    return 1;
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().then((code) => process.exit(code));
