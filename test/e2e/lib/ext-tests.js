// Runs the extension's mocha suite inside code-server's real Node extension host: the offline equivalent of
// @vscode/test-electron's runTests(). The workbench URL's payload carries extensionDevelopmentPath and
// extensionTestsPath; VS Code loads the extension from the folder, requires the test module and calls its run(); when
// that settles the workbench calls window.codeAutomationExit(code). Extension host console output arrives through
// window.codeAutomationLog.
'use strict';
const util = require('util');
const { remoteUri, workbenchUrl } = require('./code-server');

// Offline noise: the Extensions view asks open-vsx.org for recommendations and fails DNS; no GitHub sign-in exists.
const NOISE = /ENOTFOUND open-vsx\.org|authentication provider 'github'|^\s+at .*workbench\.js/;

async function runExtensionTests({ browser, url, extensionPath, testsPath, folder, timeoutMs = 300000, screenshot, log = console.log }) {
  const payload = [['extensionDevelopmentPath', remoteUri(url, extensionPath)], ['extensionTestsPath', remoteUri(url, testsPath)]];
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  try {
    let exit;
    const exited = new Promise((resolve) => { exit = resolve; });
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const msg = util.format(...(args || []));
      if (!msg.split('\n').every((l) => NOISE.test(l) || !l.trim())) log(`[exthost ${type}] ${msg}`);
    });
    await page.exposeFunction('codeAutomationExit', (code) => exit(code));
    const t0 = Date.now();
    await page.goto(workbenchUrl(url, folder, payload));
    let timer;
    const code = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); })]);
    clearTimeout(timer);
    if (screenshot) await page.screenshot({ path: screenshot }).catch(() => {});
    return { code, ms: Date.now() - t0 };
  } finally {
    await page.close().catch(() => {});
  }
}

module.exports = { runExtensionTests };
