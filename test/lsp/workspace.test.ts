// The workspace index in the language server, as an editor uses it: a workspace folder of several files (a Deployment, a
// policy, a Namespace) on disk, discovered by the server. Editing the Deployment's labels in one open file adds and
// removes policy-selects-nothing in the other open file; a closed file changed on disk (workspace/didChangeWatchedFiles)
// updates the diagnostics; hover on a podSelector lists the selected workloads. The folder is a fresh temporary one.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, describe, it } from 'node:test';
import type { Hover, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { workspaceFiles } from '../../bench/connectivity-workspace';
import { serverStarter } from '../support/lsp-client';

const deployment = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 3
  template:
    metadata:
      labels:
        app: ${app}
`;
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: frontend
  ingress:
    - from:
        - podSelector: {}
`;
const NAMESPACE = 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n';
const SERVICE = (app: string) => `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: cache
  namespace: shop
spec:
  template:
    metadata:
      labels:
        app: ${app}
`;

const root = mkdtempSync(join(tmpdir(), 'netpol-workspace-lsp-'));
// Registered first, so the servers are stopped before the folder is removed.
const startServer = serverStarter();
after(() => rmSync(root, { recursive: true, force: true }));

const uriOf = (file: string): string => pathToFileURL(join(root, file)).href;
const selectsNothing = (p: PublishDiagnosticsParams): boolean => p.diagnostics.some((d) => d.code === 'policy-selects-nothing');

describe('the workspace index in the language server', () => {
  it('judges a policy against the workloads of other files, live, on disk changes, and in hover', async () => {
    writeFileSync(join(root, 'deployment.yaml'), deployment('frontend'));
    writeFileSync(join(root, 'policy.yaml'), POLICY);
    writeFileSync(join(root, 'namespace.yaml'), NAMESPACE);
    const c = await startServer({
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      workspaceFolders: [{ uri: pathToFileURL(root).href, name: 'ws' }],
    });
    const policy = uriOf('policy.yaml');
    const deploy = uriOf('deployment.yaml');
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: policy, languageId: 'yaml', version: 1, text: POLICY } });
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: deploy, languageId: 'yaml', version: 1, text: deployment('frontend') } });
    const first = await c.waitFor((p) => p.uri === policy);
    assert.equal(selectsNothing(first), false, 'the Deployment on disk has app=frontend');

    // Hover on the podSelector lists the selected workload and its replicas.
    const hover = (await c.connection.sendRequest('textDocument/hover', { textDocument: { uri: policy }, position: { line: 7, character: 6 } })) as Hover;
    const text = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
    assert.match(text, /selects deployment\/frontend \(1 workload, 3 replicas\)/);

    // Renaming the label in the open Deployment adds the diagnostic to the other open file, and undoing it removes it.
    let mark = c.published.length;
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: deploy, version: 2 }, contentChanges: [{ text: deployment('web') }] });
    const added = await c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && selectsNothing(p));
    assert.match(String(added.diagnostics.find((d) => d.code === 'policy-selects-nothing')!.message), /no workload of namespace "shop" in this workspace has app=frontend/);
    mark = c.published.length;
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: deploy, version: 3 }, contentChanges: [{ text: deployment('frontend') }] });
    await c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && !selectsNothing(p));

    // A closed file changed on disk: the Deployment is closed (its disk copy counts again), then rewritten on disk.
    c.connection.sendNotification('textDocument/didClose', { textDocument: { uri: deploy } });
    mark = c.published.length;
    writeFileSync(join(root, 'deployment.yaml'), deployment('api'));
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: deploy, type: 2 }] });
    await c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && selectsNothing(p));
    // A new file on disk with the label brings the policy's pods back.
    mark = c.published.length;
    writeFileSync(join(root, 'cache.yaml'), SERVICE('frontend'));
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('cache.yaml'), type: 1 }] });
    await c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && !selectsNothing(p));
    // A client that reads files itself sends them: the same seam, without the disk.
    mark = c.published.length;
    c.connection.sendNotification('netpol/workspaceFiles', { files: [{ uri: uriOf('cache.yaml'), text: null }] });
    await c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && selectsNothing(p));
  });
  it('indexes a virtual folder\'s files sent by the client beside the disk folder\'s, and a reset forgets only the sent ones', async () => {
    // A desktop window with a disk folder and a Remote Repositories folder (vscode-vfs:): the server reads the one, the
    // client sends the other's manifests. The disk folder's Deployment is in shop with another label, so shop has workloads
    // (workspace rules judge it) and the policy selects nothing until the sent Deployment arrives.
    const dir = mkdtempSync(join(root, 'mixed-'));
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    writeFileSync(join(dir, 'other.yaml'), deployment('other'));
    const virtual = 'vscode-vfs://github/example/repo';
    const c = await startServer({
      capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
      workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'disk' }, { uri: virtual, name: 'repo' }],
    });
    const policy = pathToFileURL(join(dir, 'policy.yaml')).href;
    const sent = `${virtual}/apps/frontend.yaml`;
    // Sent before the server has its first settings (the client sends at start): kept when they arrive.
    c.connection.sendNotification('netpol/workspaceFiles', { files: [{ uri: sent, text: deployment('frontend') }], reset: true });
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: policy, languageId: 'yaml', version: 1, text: POLICY } });
    await c.waitFor((p) => p.uri === policy && !selectsNothing(p));
    let version = 1;
    /** The policy's diagnostics after the next edit (a blank line more), so that a test reads a fresh publication. */
    const republished = async (): Promise<PublishDiagnosticsParams> => {
      const mark = c.published.length;
      version++;
      c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policy, version }, contentChanges: [{ text: POLICY + '\n'.repeat(version) }] });
      return c.waitFor((p) => c.published.indexOf(p) >= mark && p.uri === policy && p.version === version);
    };
    // A watched-file event for the virtual file (the client's watchers see every file system) leaves it to the client.
    c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: sent, type: 2 }] });
    assert.equal(selectsNothing(await republished()), false, 'the server cannot read the virtual file, so the event does not drop it');
    // A reset from the client forgets what it sent, not the disk's files: shop still has the disk's workload, so the
    // policy is judged again, and selects nothing.
    c.connection.sendNotification('netpol/workspaceFiles', { files: [], reset: true });
    assert.equal(selectsNothing(await republished()), true, 'the disk folder\'s Deployment is still indexed');
    // Sent again, then deleted by the client.
    c.connection.sendNotification('netpol/workspaceFiles', { files: [{ uri: sent, text: deployment('frontend') }] });
    assert.equal(selectsNothing(await republished()), false);
    c.connection.sendNotification('netpol/workspaceFiles', { files: [{ uri: sent, text: null }] });
    assert.equal(selectsNothing(await republished()), true);
  });
  it('answers the connectivity view from the same index (JSON manifests included), and asks for files when it keeps none', async () => {
    const dir = mkdtempSync(join(root, 'view-'));
    writeFileSync(join(dir, 'deployment.yaml'), deployment('frontend'));
    writeFileSync(join(dir, 'policy.yaml'), POLICY);
    // A `kubectl get -o json` dump: a manifest of the workspace too.
    writeFileSync(join(dir, 'db.json'), JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'db', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'db' } } } } }));
    writeFileSync(join(dir, 'package.json'), '{"name": "not a manifest"}');
    const c = await startServer({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
    const policy = pathToFileURL(join(dir, 'policy.yaml')).href;
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: policy, languageId: 'yaml', version: 1, text: POLICY } });
    await c.waitFor((p) => p.uri === policy);
    type View = { peers: { id: string }[]; edges: unknown[]; revision: number };
    const view = (await c.connection.sendRequest('netpol/connectivity', { fromIndex: true })) as View;
    const names = JSON.stringify(view.peers);
    assert.match(names, /frontend/);
    assert.match(names, /\bdb\b/, 'the JSON manifest is in the index');
    // An unsaved edit of the open policy is in the next view.
    c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policy, version: 2 }, contentChanges: [{ text: POLICY.replace('- podSelector: {}', '- podSelector: {matchLabels: {app: db}}') }] });
    const next = (await c.connection.sendRequest('netpol/connectivity', { fromIndex: true })) as View;
    assert.notEqual(next.revision, view.revision);
    assert.notDeepEqual(next.edges, view.edges);
    // With the workspace index off, the client is asked for the files.
    c.connection.sendNotification('workspace/didChangeConfiguration', { settings: { netpol: { workspace: { enable: false } } } });
    for (let i = 0; i < 50; i++) {
      const answer = (await c.connection.sendRequest('netpol/connectivity', { fromIndex: true })) as { needsFiles?: boolean };
      if (answer.needsFiles) return;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.fail('still answered from the index with netpol.workspace.enable false');
  });

  it('computes the view of a large workspace in slices: a keystroke typed meanwhile gets its diagnostics first', async () => {
    // The generated workspace of the scale figures at 200 files and 1,500 Deployments: its view takes 100-200 ms here.
    const dir = mkdtempSync(join(root, 'large-'));
    for (const [path, text] of workspaceFiles(200, 1500)) {
      mkdirSync(join(dir, path, '..'), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const c = await startServer({ workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'ws' }] });
    const policies = pathToFileURL(join(dir, 'ns-00', 'policies.yaml')).href;
    let text = workspaceFiles(200, 1500).get('ns-00/policies.yaml')!;
    c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: policies, languageId: 'yaml', version: 1, text } });
    await c.waitFor((p) => p.uri === policies);
    type View = { totals: { workloads: number }; revision: number };
    // Discovery reads the folder in the background: wait until every workload is in the view.
    for (let i = 0; ; i++) {
      const view = (await c.connection.sendRequest('netpol/connectivity', { fromIndex: true })) as View;
      if (view.totals.workloads === 1500) break;
      assert.ok(i < 100, `the view holds ${view.totals.workloads} workloads`);
      await new Promise((r) => setTimeout(r, 50));
    }
    let version = 1;
    const edit = (from: string, to: string): void => {
      text = text.replace(from, to);
      c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: policies, version: ++version }, contentChanges: [{ text }] });
    };
    // An edit, the view of it (computed from scratch), and a keystroke right behind the request.
    edit('ports: [{port: grpc}]', 'ports: [{port: grpc}, {port: 8443}]');
    const events: string[] = [];
    const viewed = c.connection.sendRequest('netpol/connectivity', { fromIndex: true }).then((v) => events.push(`view ${(v as View).revision}`));
    edit('team: team-0', 'team: team-x');
    const typed = version;
    await c.waitFor((p) => p.uri === policies && p.version === typed);
    events.push('diagnostics of the keystroke');
    await viewed;
    assert.deepEqual(events.map((e) => e.replace(/\d+/, 'N')), ['diagnostics of the keystroke', 'view N']);
    // A request made while an earlier one is computed takes it over: both get the view of the newer text.
    edit('team: team-x', 'team: team-y');
    const earlier = c.connection.sendRequest('netpol/connectivity', { fromIndex: true }) as Promise<View>;
    edit('team: team-y', 'team: team-z');
    const later = c.connection.sendRequest('netpol/connectivity', { fromIndex: true }) as Promise<View>;
    const [first, second] = await Promise.all([earlier, later]);
    assert.equal(first.revision, second.revision);
  });
});

