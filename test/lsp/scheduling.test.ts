// Work nobody waits for is dropped: a request cancelled before its answer is ready answers RequestCancelled without being
// computed (hover, completion, code actions, code lenses), and a burst of keystrokes publishes the newest version as soon
// as it is ready instead of one publication per keystroke, ending with the diagnostics a fresh open of the text gets.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancellationTokenSource, LSPErrorCodes, ResponseError } from 'vscode-languageserver-protocol';
import { inProcessStarter } from '../support/lsp-in-process';

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

const client = inProcessStarter();

const position = { line: 11, character: 16 };
const whole = { start: { line: 0, character: 0 }, end: { line: 12, character: 0 } };
const REQUESTS: [string, (uri: string) => unknown][] = [
  ['textDocument/hover', (uri) => ({ textDocument: { uri }, position })],
  ['textDocument/completion', (uri) => ({ textDocument: { uri }, position })],
  ['textDocument/codeAction', (uri) => ({ textDocument: { uri }, range: whole, context: { diagnostics: [] } })],
  ['textDocument/codeLens', (uri) => ({ textDocument: { uri } })],
];

describe('cancellation', () => {
  it('answers RequestCancelled to hover, completion, code actions and code lenses cancelled before the answer is ready', async () => {
    const c = await client();
    const uri = 'file:///cancel.yaml';
    c.open(uri, POLICY);
    await c.waitFor((p) => p.uri === uri);
    for (const [method, params] of REQUESTS) {
      // Not cancelled: a real answer, so that the cancelled case below is not one that fails anyway.
      const answered = await c.connection.sendRequest(method, params(uri));
      assert.ok(answered !== null && (!Array.isArray(answered) || answered.length > 0), `${method} answered ${JSON.stringify(answered)}`);
      const source = new CancellationTokenSource();
      const pending = c.connection.sendRequest(method, params(uri), source.token);
      source.cancel();
      await assert.rejects(pending, (error) => error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled, method);
    }
  });

  it('a code-lens request waiting for a large file\'s analysis is answered RequestCancelled before that analysis ends', async () => {
    const c = await client();
    const uri = 'file:///large.yaml';
    const text = Array.from({ length: 1500 }, (_, i) => POLICY.replace('name: web', `name: web-${i}`)).join('---\n');
    const events: string[] = [];
    c.open(uri, text);
    const published = c.waitFor((p) => p.uri === uri).then(() => events.push('published'));
    const source = new CancellationTokenSource();
    const pending = c.connection.sendRequest('textDocument/codeLens', { textDocument: { uri } }, source.token).then(
      () => events.push('answered'),
      (error: unknown) => events.push(error instanceof ResponseError && error.code === LSPErrorCodes.RequestCancelled ? 'cancelled' : `failed: ${String(error)}`),
    );
    // A hover is answered during the analysis (it never waits); then the waiting request is cancelled.
    const hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position });
    assert.ok(hover, 'no hover during the analysis');
    source.cancel();
    await Promise.all([pending, published]);
    assert.deepEqual(events, ['cancelled', 'published']);
  });
});

describe('publication coalescing', () => {
  it('a burst of 300 one-character edits ends with the diagnostics of a fresh open, in fewer publications', async (t) => {
    const c = await client();
    const uri = 'file:///burst.yaml';
    c.open(uri, POLICY);
    await c.waitFor((p) => p.uri === uri && p.version === 1);
    const before = c.published.filter((p) => p.uri === uri).length;
    let text = POLICY;
    const typed = 'abcdefghij';
    for (let k = 0; k < 300; k++) {
      // Typing at the end of the policy name; past 253 characters the name is invalid, so the diagnostics change.
      const ch = typed[k % typed.length]!;
      const character = 'metadata:\n  name: web'.length - 'metadata:\n'.length + k;
      const offset = POLICY.indexOf('name: web') + 'name: web'.length + k;
      text = text.slice(0, offset) + ch + text.slice(offset);
      void c.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version: k + 2 },
        contentChanges: [{ range: { start: { line: 3, character }, end: { line: 3, character } }, text: ch }],
      });
    }
    const last = await c.waitFor((p) => p.uri === uri && p.version === 301);
    const publications = c.published.filter((p) => p.uri === uri).length - before;
    const fresh = 'file:///fresh.yaml';
    c.open(fresh, text);
    const opened = await c.waitFor((p) => p.uri === fresh);
    assert.deepEqual(last.diagnostics, opened.diagnostics);
    assert.ok(last.diagnostics.some((d) => d.code === 'invalid-policy-name'), JSON.stringify(last.diagnostics.map((d) => d.code)));
    assert.ok(publications < 300, `${publications} publications for 300 edits`);
    // Versions only go forwards.
    const versions = c.published.filter((p) => p.uri === uri).map((p) => p.version!);
    assert.deepEqual(versions, [...versions].sort((a, b) => a - b));
    t.diagnostic(`${publications} publications for 300 one-character edits`);
  });
});
