// The client's life in the real extension host: a settings change reaches the running server without a reload, and a
// server that dies is started again and serves the open documents.
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const h = require('./helpers');

/** Our language server processes: children of this extension host running dist/server.js (Linux /proc). */
function serverPids() {
  const pids = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const cmd = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (ppid === process.pid && cmd.some((a) => /dist[/\\]server\.js$/.test(a))) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

suite('settings and server lifecycle', () => {
  test('changing netpol.rules takes effect without a reload', async () => {
    const doc = await h.open('settings.yaml');
    const config = () => vscode.workspace.getConfiguration('netpol');
    const target = vscode.ConfigurationTarget.Workspace;
    await h.waitForDiagnostics(doc.uri, h.hasCode('unknown-field'), 'unknown-field');
    try {
      await config().update('rules', { 'unknown-field': 'warning' }, target);
      await h.waitForDiagnostics(doc.uri, (d) => d.some((x) => h.codeOf(x) === 'unknown-field' && x.severity === vscode.DiagnosticSeverity.Warning),
        'unknown-field as a warning');
      await config().update('rules', { 'unknown-field': 'off' }, target);
      await h.waitForDiagnostics(doc.uri, (d) => !d.some((x) => h.codeOf(x) === 'unknown-field'), 'unknown-field to be turned off');
    } finally {
      await config().update('rules', undefined, target);
    }
    await h.waitForDiagnostics(doc.uri, (d) => d.some((x) => h.codeOf(x) === 'unknown-field' && x.severity === vscode.DiagnosticSeverity.Error),
      'unknown-field back as an error');
  });

  test('the server is started again after it was killed', async function () {
    if (process.platform !== 'linux') this.skip();
    const doc = await h.open('restart.yaml');
    await h.waitForDiagnostics(doc.uri, h.hasCode('unknown-field'), 'unknown-field');
    const [old] = serverPids();
    assert.ok(old, 'a running dist/server.js child of the extension host');
    process.kill(old, 'SIGKILL');
    // netpol's error handler (client/src/restart-policy.ts) restarts a server that closed (until 5 times in 3 minutes).
    const deadline = Date.now() + h.WAIT_MS;
    let fresh = [];
    while (!(fresh = serverPids().filter((p) => p !== old)).length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(fresh.length, 1, `one new server process (old ${old}, now ${serverPids().join(', ') || 'none'})`);
    // The new server knows the open document and checks edits to it.
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, h.positionOf(doc, '  polcyTypes:'), '  ingres: []\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await h.waitForDiagnostics(doc.uri, (d) => d.filter((x) => h.codeOf(x) === 'unknown-field').length === 2, 'two unknown fields from the new server');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
