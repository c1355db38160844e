// Code actions and commands through the built language server over stdio, as the VS Code client uses them: quick fixes
// for a published diagnostic, fix-all by kind, and workspace/executeCommand applying its edit with workspace/applyEdit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApplyWorkspaceEditParams, CodeAction } from 'vscode-languageserver-protocol';
import { serverStarter } from '../support/lsp-client';
import { applyWorkspaceEdit } from './support';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  polcyTypes: [Ingress]
  ingress:
  - from:
    - podSelector: {matchLabels: {app: lb}}
`;

const startServer = serverStarter();

describe('code actions over LSP', () => {
  it('offers quick fixes, fix-all and default-deny, and applies command edits', async () => {
    const c = await startServer();
    const uri = 'file:///actions.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const published = await c.waitFor((p) => p.uri === uri && p.version === 1);
    const typo = published.diagnostics.find((d) => d.code === 'unknown-field');
    assert.ok(typo, JSON.stringify(published.diagnostics));

    const quick = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [typo] } })) as CodeAction[];
    const rename = quick.find((a) => a.title === 'Rename "polcyTypes" to "policyTypes"');
    assert.ok(rename?.isPreferred, JSON.stringify(quick.map((a) => a.title)));
    assert.equal(applyWorkspaceEdit(POLICY, uri, rename.edit), POLICY.replace('polcyTypes', 'policyTypes'));
    assert.ok(quick.some((a) => a.title === 'Disable unknown-field for this line'));

    const fixAll = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [], only: ['source.fixAll'] } })) as CodeAction[];
    assert.deepEqual(fixAll.map((a) => a.kind), ['source.fixAll.netpol']);

    const source = (await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: typo.range, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    assert.ok(source.some((a) => a.title === 'Insert default-deny egress + allow DNS policy for namespace "prod"'), JSON.stringify(source.map((a) => a.title)));

    const applied: ApplyWorkspaceEditParams[] = [];
    c.connection.onRequest('workspace/applyEdit', (params: ApplyWorkspaceEditParams) => {
      applied.push(params);
      return { applied: true };
    });
    await c.connection.sendRequest('workspace/executeCommand', { command: 'netpol.server.insertDefaultDeny', arguments: [uri, { variant: 'ingress', namespace: 'prod' }] });
    assert.equal(applied.length, 1);
    const inserted = applyWorkspaceEdit(POLICY, uri, applied[0]!.edit);
    assert.ok(inserted.startsWith(POLICY) && inserted.includes('---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: default-deny-ingress\n  namespace: prod\n'), inserted);

    const tests = (await c.connection.sendRequest('workspace/executeCommand', { command: 'netpol.server.connectivityTests', arguments: [uri, { line: 3, character: 2 }] })) as { document?: { content: string } };
    assert.match(tests.document?.content ?? '', /kubectl run np-test-\$RANDOM --rm -it --restart=Never --image=nicolaka\/netshoot -n prod --labels='app=lb' -- nc -zv -w 3 "\$TARGET_IP" 80/);
  });
});
