// The entry VS Code's extension host loads through --extensionTestsPath: run() runs the mocha suites and settles when
// they are done, rejecting on any failure. The same contract serves @vscode/test-electron (desktop VS Code, needs
// internet) and code-server's smoke-test driver (offline CI, see ../run.js). A JSON summary, one record per test, goes to
// $NETPOL_E2E_RESULT when set.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

function loadMocha() {
  try {
    return require('mocha');
  } catch {
    // CI installs mocha with the rest of the real-client toolchain (test/e2e/setup.sh), outside the project's lock file.
    const home = process.env.NETPOL_E2E_HOME || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'netpol-e2e');
    return require(path.join(home, 'tools', 'node_modules', 'mocha'));
  }
}

const FILES = ['extension.test.js', 'features.test.js', 'actions.test.js', 'lifecycle.test.js'];

exports.run = function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'tdd', timeout: 30000, color: false, reporter: 'spec' });
  if (process.env.NETPOL_E2E_GREP) mocha.grep(process.env.NETPOL_E2E_GREP);
  for (const f of FILES) mocha.addFile(path.join(__dirname, f));
  const results = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const summary = { vscode: require('vscode').version, passes: runner.stats.passes, failures, duration: runner.stats.duration, tests: results };
      if (process.env.NETPOL_E2E_RESULT) fs.writeFileSync(process.env.NETPOL_E2E_RESULT, JSON.stringify(summary, null, 2));
      console.log(`${runner.stats.passes} passing, ${failures} failing (VS Code ${summary.vscode})`);
      if (failures) reject(new Error(`${failures} of ${runner.stats.tests} tests failed`));
      else resolve();
    });
    runner.on('pass', (t) => results.push({ title: t.fullTitle(), state: 'passed', ms: t.duration }));
    runner.on('fail', (t, err) => results.push({ title: t.fullTitle(), state: 'failed', ms: t.duration, error: String(err && err.message || err) }));
  });
};
