// `.netpol.yaml` in the editor, over stdio as an editor speaks to the server: the nearest file applies to a policy (found
// on disk, up to the repository root), a mistake in it is a diagnostic in that file with a "did you mean", an edit of it
// (saved and announced by workspace/didChangeWatchedFiles, or unsaved in the editor) re-checks the open policy without a
// restart, and it merges with the editor's settings in the documented order: defaults < editor settings (the folder's,
// pulled with its scopeUri) < .netpol.yaml, `rules` per rule id. The files live in a fresh temporary folder.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { serverStarter, type ServerOptions, type TestClient } from '../support/lsp-client';

// No namespace (policy-without-namespace, information) and egress without DNS (egress-blocks-dns, warning).
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
    - to:
        - podSelector: {}
`;

const root = mkdtempSync(join(tmpdir(), 'netpol-config-lsp-'));
// Registered first, so the servers are stopped before the folder is removed.
const startServer = serverStarter();
after(() => rmSync(root, { recursive: true, force: true }));

/** A repository folder (with .git, where the lookup stops) holding the given files. */
function repo(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  mkdirSync(join(dir, '.git'), { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(join(dir, file, '..'), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

const uriOf = (path: string): string => pathToFileURL(path).href;
const codes = (p: PublishDiagnosticsParams): string[] => p.diagnostics.map((d) => `${String(d.code)}:${d.severity}`).sort();

function client(options: ServerOptions = {}): Promise<TestClient> {
  return startServer({ capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } }, ...options });
}

function open(c: TestClient, uri: string, text: string, version = 1): void {
  c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
}

describe('.netpol.yaml in the language server', () => {
  it('a virtual folder\'s .netpol.yaml comes from the client, while a file: folder\'s is still read from the disk', async () => {
    // A desktop window with a disk folder and a Remote Repositories folder (vscode-vfs:), which only the client can read.
    const disk = repo('mixed', { '.netpol.yaml': 'rules:\n  policy-without-namespace: off\n', 'policy.yaml': POLICY });
    const virtual = 'vscode-vfs://github/example/repo';
    const c = await client({
      workspaceFolders: [{ uri: uriOf(disk), name: 'disk' }, { uri: virtual, name: 'repo' }],
      initializationOptions: { configFiles: [{ uri: `${virtual}/.netpol.yaml`, text: 'rules:\n  egress-blocks-dns: off\n' }] },
    });
    const onDisk = uriOf(join(disk, 'policy.yaml'));
    const remote = `${virtual}/deploy/policy.yaml`;
    open(c, onDisk, POLICY);
    open(c, remote, POLICY);
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === onDisk)), ['egress-blocks-dns:2'], 'the disk folder\'s own .netpol.yaml applies');
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === remote)), ['policy-without-namespace:3'], 'the sent .netpol.yaml applies to the virtual folder');
    // The client sends a change of the virtual folder's file; the lookup there stops at the workspace folder.
    const before = c.published.length;
    c.connection.sendNotification('netpol/configFiles', { files: [{ uri: `${virtual}/.netpol.yaml`, text: null }] });
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: remote, version: 2 }, contentChanges: [{ text: `${POLICY}\n` }] });
    const after = await c.waitFor((p) => c.published.indexOf(p) >= before && p.uri === remote);
    assert.deepEqual(codes(after), ['egress-blocks-dns:2', 'policy-without-namespace:3']);
  });

  it('the nearest .netpol.yaml (in a parent folder) turns a rule off; without one the rule reports', async () => {
    const withConfig = repo('off', { '.netpol.yaml': 'rules:\n  policy-without-namespace: off\n', 'deploy/prod/policy.yaml': POLICY });
    const without = repo('none', { 'policy.yaml': POLICY });
    const c = await client();
    const configured = uriOf(join(withConfig, 'deploy/prod/policy.yaml'));
    const plain = uriOf(join(without, 'policy.yaml'));
    open(c, configured, POLICY);
    open(c, plain, POLICY);
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === configured)), ['egress-blocks-dns:2']);
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === plain)), ['egress-blocks-dns:2', 'policy-without-namespace:3']);
    const status = (await c.connection.sendRequest('netpol/status', { uri: configured })) as { configFile?: string };
    assert.equal(status.configFile, uriOf(join(withConfig, '.netpol.yaml')));
  });

  it('a typo in .netpol.yaml is a diagnostic in that file with a suggestion, and the rest of the file still applies', async () => {
    const dir = repo('typo', { '.netpol.yaml': 'profle: strict\nrules:\n  policy-without-namespace: of\n  egress-blocks-dns: off\n', 'policy.yaml': POLICY });
    const c = await client();
    const policy = uriOf(join(dir, 'policy.yaml'));
    const config = uriOf(join(dir, '.netpol.yaml'));
    open(c, policy, POLICY);
    const published = await c.waitFor((p) => p.uri === config && p.diagnostics.length > 0);
    const byMessage = published.diagnostics.map((d) => ({ line: d.range.start.line, character: d.range.start.character, code: d.code, severity: d.severity, message: String(d.message) }));
    assert.deepEqual(byMessage.map((d) => [d.line, d.character, d.code, d.severity]), [[0, 0, 'netpol-config', 1], [2, 28, 'netpol-config', 1]]);
    assert.match(byMessage[0]!.message, /Unknown setting "profle".*Did you mean "profile"\?/);
    assert.match(byMessage[1]!.message, /Unknown severity "of".*Did you mean "off"\?/);
    // egress-blocks-dns: off still applies; the mistaken entry is left out, so policy-without-namespace keeps its default.
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === policy)), ['policy-without-namespace:3']);
  });

  it('editing .netpol.yaml on disk (a watched-file event) or unsaved in the editor re-checks the open policy without a restart', async () => {
    const dir = repo('edit', { '.netpol.yaml': 'rules:\n  policy-without-namespace: off\n', 'policy.yaml': POLICY });
    const c = await client();
    const policy = uriOf(join(dir, 'policy.yaml'));
    const config = uriOf(join(dir, '.netpol.yaml'));
    open(c, policy, POLICY);
    await c.waitFor((p) => p.uri === policy && codes(p).join() === 'egress-blocks-dns:2');
    const before = c.published.length;
    // Saved: the file changes on disk and the client reports it.
    writeFileSync(join(dir, '.netpol.yaml'), 'rules:\n  policy-without-namespace: error\n');
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: config, type: 2 }] });
    const saved = await c.waitFor((p) => c.published.indexOf(p) >= before && p.uri === policy);
    assert.deepEqual(codes(saved), ['egress-blocks-dns:2', 'policy-without-namespace:1']);
    // Unsaved: the .netpol.yaml is open in the editor and its text changes there (an edit with a typo, then fixed).
    open(c, config, 'rules:\n  policy-without-namespace: error\n');
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: config, version: 2 }, contentChanges: [{ text: 'rules:\n  egress-blocks-dns: offf\n' }] });
    const typo = await c.waitFor((p) => p.uri === config && p.diagnostics.length === 1);
    assert.match(String(typo.diagnostics[0]!.message), /Did you mean "off"\?/);
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === policy && codes(p).join() === 'egress-blocks-dns:2,policy-without-namespace:3')), ['egress-blocks-dns:2', 'policy-without-namespace:3']);
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: config, version: 3 }, contentChanges: [{ text: 'rules:\n  egress-blocks-dns: off\n' }] });
    await c.waitFor((p) => p.uri === config && p.diagnostics.length === 0 && c.published.indexOf(p) > c.published.indexOf(typo));
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === policy && codes(p).join() === 'policy-without-namespace:3')), ['policy-without-namespace:3']);
  });

  it('merges in one order: defaults < editor settings of the document\'s folder (scopeUri) < .netpol.yaml, rules per id', async () => {
    const a = repo('merge-a', { '.netpol.yaml': 'rules:\n  policy-without-namespace: warning\n', 'policy.yaml': POLICY });
    const b = repo('merge-b', { 'policy.yaml': POLICY });
    const requested: (string | undefined)[] = [];
    const c = await client({
      capabilities: { workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } },
      workspaceFolders: [{ uri: uriOf(a), name: 'a' }, { uri: uriOf(b), name: 'b' }],
      // Folder a's editor settings set both rules; folder b's (and the default scope's) only turn egress-blocks-dns up.
      configuration: (item: { scopeUri?: string }) => {
        requested.push(item.scopeUri);
        return item.scopeUri === uriOf(a)
          ? { rules: { 'policy-without-namespace': 'error', 'egress-blocks-dns': 'off' } }
          : { rules: { 'egress-blocks-dns': 'error' } };
      },
    });
    const inA = uriOf(join(a, 'policy.yaml'));
    const inB = uriOf(join(b, 'policy.yaml'));
    open(c, inA, POLICY);
    open(c, inB, POLICY);
    // In a: the file's warning beats the folder's error for policy-without-namespace; the folder's off for DNS stays.
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === inA && codes(p).join() === 'policy-without-namespace:2')), ['policy-without-namespace:2']);
    // In b: no file; b's folder settings apply.
    assert.deepEqual(codes(await c.waitFor((p) => p.uri === inB && codes(p).join() === 'egress-blocks-dns:1,policy-without-namespace:3')), ['egress-blocks-dns:1', 'policy-without-namespace:3']);
    assert.deepEqual(requested.slice(0, 3), [undefined, uriOf(a), uriOf(b)]);
  });
});
