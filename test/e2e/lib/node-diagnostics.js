// What the Node server (dist/server.js over stdio) publishes for a file: the reference the web extension's squiggles
// and Problems entries are compared with.
'use strict';
const { spawn } = require('child_process');
const path = require('path');
const fs = require('fs');
const { pathToFileURL } = require('url');
const { paths } = require('./paths');

async function nodeDiagnostics(file, { timeoutMs = 20000 } = {}) {
  const rpc = require(require.resolve('vscode-languageserver-protocol/node', { paths: [paths.root] }));
  const child = spawn(process.execPath, [path.join(paths.root, 'dist', 'server.js'), '--stdio'], { stdio: 'pipe' });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const uri = pathToFileURL(file).href;
  try {
    const published = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms`)), timeoutMs);
      connection.onNotification('textDocument/publishDiagnostics', (p) => { if (p.uri === uri) { clearTimeout(timer); resolve(p.diagnostics); } });
    });
    connection.onRequest('workspace/configuration', (p) => p.items.map(() => null));
    connection.onRequest('client/registerCapability', () => null);
    connection.listen();
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
    connection.sendNotification('initialized', {});
    connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: fs.readFileSync(file, 'utf8') } });
    return await published;
  } finally {
    // The answer is in: end the server without the exit notification, which could race its closing stdin.
    connection.dispose();
    child.stdin.on('error', () => {});
    child.kill();
  }
}

module.exports = { nodeDiagnostics };
