// The editor configurations the e2e runs are the README's own: each is the fenced block after a
// `<!-- snippet: NAME -->` line, written to a file for the editor to load. netpol-language-server is put on PATH as the
// README assumes, as a wrapper of this checkout's dist/server.js.
'use strict';
const fs = require('fs');
const path = require('path');
const { paths } = require('./paths');

function readmeSnippet(name) {
  const text = fs.readFileSync(path.join(paths.root, 'README.md'), 'utf8');
  const marker = text.indexOf(`<!-- snippet: ${name} -->`);
  if (marker < 0) throw new Error(`README.md has no <!-- snippet: ${name} --> block`);
  const m = /```[a-z]*\n([\s\S]*?)\n```/.exec(text.slice(marker));
  if (!m) throw new Error(`README.md: no fenced block after <!-- snippet: ${name} -->`);
  return m[1];
}

/** Writes the snippet under `dir` and returns its path, plus an env whose PATH starts with a netpol-language-server. */
function snippetRun(name, file, dir) {
  const bin = path.join(dir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  const wrapper = path.join(bin, 'netpol-language-server');
  fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${path.join(paths.root, 'dist', 'server.js')}" "$@"\n`, { mode: 0o755 });
  const snippet = path.join(dir, file);
  fs.writeFileSync(snippet, `${readmeSnippet(name)}\n`);
  return { snippet, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } };
}

module.exports = { readmeSnippet, snippetRun };
