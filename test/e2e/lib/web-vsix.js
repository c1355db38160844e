// The browser-only .vsix the web e2e installs: `scripts/package.mjs --web-only` (the product's manifest without `main`,
// so that VS Code can only run it in the web worker extension host, as vscode.dev does), from the release build that
// packaging the full .vsix made.
'use strict';
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { paths } = require('./paths');

function packageWebOnly({ out, log }) {
  const vsix = path.join(out, 'netpol-web.vsix');
  const output = execFileSync(process.execPath, [path.join(paths.root, 'scripts', 'package.mjs'), '--web-only', '--no-build', '--out', vsix], { cwd: paths.root, encoding: 'utf8' });
  if (log) fs.writeFileSync(log, output);
  const manifest = JSON.parse(fs.readFileSync(path.join(paths.root, '.vsix-stage', 'web', 'package.json'), 'utf8'));
  return { vsix, manifest };
}

module.exports = { packageWebOnly };
