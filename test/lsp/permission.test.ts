// The server bundle under Node's permission model (`--experimental-permission --allow-fs-read=*`: no file writes, no
// child process, no worker) completes a whole editing session, and attempts no process, worker or network connection
// (the preloaded watch-io.cjs reports any attempt on stderr, since the permission model does not cover the network).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import type { CodeAction, CompletionList, DocumentSymbol, Hover } from 'vscode-languageserver-protocol';
import { startServer } from '../support/lsp-client';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
  ingress:
    - from:
        - ipBlock:
            cidr: 10.0.0.1/8
`;

it('completes open, edit, hover, completion, code action, fix-all and symbols under the permission model, attempting no process, worker or connection', async () => {
  const c = await startServer({
    nodeOptions: ['--experimental-permission', '--allow-fs-read=*', '--no-warnings', '--require', join(import.meta.dirname, 'permission', 'watch-io.cjs')],
    workspaceFolders: [{ uri: `file://${join(import.meta.dirname, 'permission')}`, name: 'permission' }],
  });
  let stderr = '';
  c.process.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  try {
    const uri = `file://${join(import.meta.dirname, 'permission', 'policy.yaml')}`;
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const opened = await c.waitFor((p) => p.uri === uri && p.version === 1);
    assert.ok(opened.diagnostics.some((d) => d.code === 'unknown-field'));
    c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 4, character: 13 }, end: { line: 4, character: 17 } }, text: 'staging' }],
    });
    const edited = await c.waitFor((p) => p.uri === uri && p.version === 2);
    assert.ok(edited.diagnostics.some((d) => d.code === 'non-canonical-cidr'), JSON.stringify(edited.diagnostics.map((d) => d.code)));
    const hover = (await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 11, character: 16 } })) as Hover | null;
    assert.ok(hover, 'no hover');
    const completion = (await c.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: 6, character: 2 } })) as CompletionList | null;
    assert.ok(completion && completion.items.length > 0, 'no completion');
    const whole = { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } };
    const fixes = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: edited.diagnostics[0]!.range, context: { diagnostics: edited.diagnostics } })) as CodeAction[];
    assert.ok(fixes.some((a) => a.kind === 'quickfix' && a.edit), 'no quick fix');
    const fixAll = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: whole, context: { diagnostics: [], only: ['source.fixAll.netpol'] } })) as CodeAction[];
    assert.ok(fixAll.some((a) => a.kind === 'source.fixAll.netpol' && a.edit), 'no fix-all');
    const symbols = (await c.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ['staging/web']);
  } finally {
    await c.stop();
  }
  assert.doesNotMatch(stderr, /NETPOL-IO-ATTEMPT|ERR_ACCESS_DENIED/, stderr);
});
