// Headless Debian Chromium driven by playwright-core (no browser download). Playwright gives each launch a fresh
// temporary profile (it refuses --user-data-dir in args). close() ends the browser and, by PID, any process of it
// that is still alive.
'use strict';
const fs = require('fs');
const { paths, tool } = require('./paths');
const { descendants, stopTree } = require('./processes');

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

function exeOf(pid) {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return '';
  }
}

async function launchBrowser() {
  const { chromium } = tool('playwright-core');
  const before = new Set(descendants(process.pid));
  const browser = await chromium.launch({ executablePath: paths.chromium, headless: true, args: CHROMIUM_ARGS });
  // The browser's top process: a new direct child of ours whose executable is Chromium.
  const pids = descendants(process.pid).filter((p) => !before.has(p) && /chrom/.test(exeOf(p)));
  let closed;
  const close = () => {
    closed = closed || (async () => {
      await Promise.race([browser.close().catch(() => {}), new Promise((r) => setTimeout(r, 10000))]);
      for (const p of pids) await stopTree(p, { graceMs: 2000 });
    })();
    return closed;
  };
  return { browser, pids, close };
}

module.exports = { launchBrowser, CHROMIUM_ARGS };
