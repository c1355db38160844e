// The built server over stdio, spoken to as an editor would: diagnostics on open and on each edit, versions never going
// backwards, full and incremental sync, settings with and without workspace/configuration, cleared on close.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serverStarter } from '../support/lsp-client';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
`;

const client = serverStarter();

describe('language server over stdio', () => {
  it('publishes diagnostics on open, with range, code, source and version', async () => {
    const c = await client();
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///a.yaml', languageId: 'yaml', version: 1, text: POLICY } });
    const p = await c.waitFor((x) => x.uri === 'file:///a.yaml');
    assert.equal(p.version, 1);
    assert.equal(p.diagnostics.length, 1);
    const d = p.diagnostics[0]!;
    assert.deepEqual(d.range, { start: { line: 7, character: 2 }, end: { line: 7, character: 12 } });
    assert.equal(d.code, 'unknown-field');
    assert.equal(d.source, 'netpol');
    assert.equal(d.message, 'Unknown field "polcyTypes" in spec. Did you mean "policyTypes"?');
  });

  it('updates on incremental edits and never publishes an older version after a newer one', async () => {
    const c = await client();
    const uri = 'file:///b.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    await c.waitFor((x) => x.uri === uri && x.version === 1);
    // Fix the typo: replace "polcyTypes" with "policyTypes" (line 7, characters 2-12).
    c.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 7, character: 2 }, end: { line: 7, character: 12 } }, text: 'policyTypes' }],
    });
    const fixed = await c.waitFor((x) => x.uri === uri && x.version === 2);
    assert.deepEqual(fixed.diagnostics, []);
    // A burst of edits: each inserts and removes a character; the last one breaks the key again.
    for (let v = 3; v <= 30; v++) {
      const text = v === 30 ? 'polcyTypes' : v % 2 ? 'policyTypez' : 'policyTypes';
      c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: v },
        contentChanges: [{ range: { start: { line: 7, character: 2 }, end: { line: 7, character: v === 3 ? 13 : v % 2 ? 13 : 13 } }, text }],
      });
    }
    const last = await c.waitFor((x) => x.uri === uri && x.version === 30);
    assert.equal(last.diagnostics.length, 1);
    const versions = c.published.filter((x) => x.uri === uri).map((x) => x.version!);
    for (let i = 1; i < versions.length; i++) assert.ok(versions[i]! > versions[i - 1]!, `versions went backwards: ${versions.join(',')}`);
  });

  it('works with full-document sync and clears diagnostics on close', async () => {
    const c = await client();
    const uri = 'file:///c.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: 'a: 1\n' } });
    const empty = await c.waitFor((x) => x.uri === uri && x.version === 1);
    assert.deepEqual(empty.diagnostics, []);
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: POLICY }] });
    const two = await c.waitFor((x) => x.uri === uri && x.version === 2);
    assert.equal(two.diagnostics.length, 1);
    c.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await c.waitFor((x) => x.uri === uri && x.version === undefined && x.diagnostics.length === 0);
  });

  it('takes settings from initializationOptions and didChangeConfiguration when the client has no workspace/configuration', async () => {
    const c = await client({ initializationOptions: { netpol: { rules: { 'unknown-field': 'warning' } } } });
    const uri = 'file:///d.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const p = await c.waitFor((x) => x.uri === uri && x.version === 1);
    assert.equal(p.diagnostics[0]!.severity, 2);
    const before = c.published.length;
    c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { netpol: { rules: { 'unknown-field': 'off' } } } });
    const off = await c.waitFor((x) => x.uri === uri && c.published.indexOf(x) >= before);
    assert.deepEqual(off.diagnostics, []);
  });

  it('pulls settings through workspace/configuration when the client supports it', async () => {
    const c = await client({ capabilities: { workspace: { configuration: true } }, configuration: { rules: { 'unknown-field': 'information' } } });
    const uri = 'file:///e.yaml';
    // Wait until the pulled settings are in effect: the published severity tells.
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    const p = await c.waitFor((x) => x.uri === uri && x.diagnostics[0]?.severity === 3);
    assert.equal(p.diagnostics[0]!.code, 'unknown-field');
  });

  it('says in the output channel which setting value it does not accept, and uses the default', async () => {
    const c = await client({ capabilities: { workspace: { configuration: true } }, configuration: { cloud: 'amazon', rules: { 'unknown-field': 'information' } } });
    const uri = 'file:///f.yaml';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: POLICY } });
    await c.waitFor((x) => x.uri === uri && x.diagnostics[0]?.severity === 3);
    assert.equal(c.logs.filter((m) => m.includes('netpol.cloud: "amazon" is not one of any, aws,') && m.includes('using the default "any"')).length, 1, c.logs.join('\n'));
  });

  it('stays responsive on a Helm template and an alias bomb', async () => {
    const c = await client();
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) bomb.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    const bombText = `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: b\n  labels:\n${bomb.map((l) => `    ${l}`).join('\n')}\n`;
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///bomb.yaml', languageId: 'yaml', version: 1, text: bombText } });
    const helm = '{{- if .Values.np }}\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: {{ .Release.Name }}\n{{- end }}\n';
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///helm.yaml', languageId: 'yaml', version: 1, text: helm } });
    const b = await c.waitFor((x) => x.uri === 'file:///bomb.yaml');
    assert.deepEqual(b.diagnostics.map((d) => d.code), ['alias-expansion-limit']);
    const h = await c.waitFor((x) => x.uri === 'file:///helm.yaml');
    assert.deepEqual(h.diagnostics.map((d) => d.code), ['go-template']);
    // And it still answers requests.
    const hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: 'file:///helm.yaml' }, position: { line: 0, character: 0 } });
    assert.ok(hover === null || typeof hover === 'object');
  });

  it('offers snippets in an empty document, except to a client that contributes them itself', async () => {
    for (const [contributes, expected] of [[false, true], [true, false]] as const) {
      const c = await client({ initializationOptions: { contributesSnippets: contributes } });
      c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: 'file:///s.yaml', languageId: 'yaml', version: 1, text: '' } });
      const list = (await c.connection.sendRequest('textDocument/completion', { textDocument: { uri: 'file:///s.yaml' }, position: { line: 0, character: 0 } })) as { items: { kind?: number }[] } | null;
      const snippets = (list?.items ?? []).filter((i) => i.kind === 15);
      assert.equal(snippets.length > 0, expected, `contributesSnippets=${contributes}`);
    }
  });
});
