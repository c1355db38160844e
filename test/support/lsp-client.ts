// A minimal LSP client over stdio for protocol tests: spawns the built server, records published diagnostics and lets a
// test wait for the notification it needs (no sleeps).
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { configDocsUrl, ruleDocsUrl } from '../../server/src/rules/docs-url';

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  published: PublishDiagnosticsParams[];
  /** Resolves with the first publication (already received or future) that satisfies the predicate. */
  waitFor(predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  /** Answers workspace/configuration requests: a value for every item, or a function of the item (its scopeUri). */
  configuration: unknown;
  /** The messages of window/logMessage notifications, in order. */
  logs: string[];
  /** Stops the server; fails if any published diagnostic lacked its rule's documentation link. */
  stop(): Promise<void>;
}

export async function startServer(
  options: { capabilities?: ClientCapabilities; initializationOptions?: unknown; configuration?: unknown; workspaceFolders?: { uri: string; name: string }[]; nodeOptions?: readonly string[] } = {},
): Promise<TestClient> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), join(import.meta.dirname, '../../dist/server.js'), '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  /** Diagnostics published without `codeDescription.href` to their rule's docs: every LSP test checks this on stop(). */
  const undocumented: string[] = [];
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const client: TestClient = {
    connection,
    process: child,
    published,
    configuration: options.configuration,
    logs: [],
    waitFor(predicate, timeoutMs = 10_000) {
      const found = published.find(predicate);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching publishDiagnostics within ${timeoutMs} ms; got ${JSON.stringify(published.map((p) => [p.uri, p.version, p.diagnostics.length]))}`)), timeoutMs);
        waiters.push({
          predicate,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        });
      });
    },
    async stop() {
      const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
      // A server that stopped answering is killed rather than waited for.
      const timer = setTimeout(() => child.kill(), 5000);
      try {
        await Promise.race([connection.sendRequest('shutdown'), exited]);
        await connection.sendNotification('exit');
      } catch {
        // The server may already be gone; the timer kills it otherwise.
      }
      await exited;
      clearTimeout(timer);
      connection.dispose();
      if (undocumented.length > 0) throw new Error(`diagnostics without codeDescription.href to their rule's docs: ${undocumented.slice(0, 5).join('; ')}`);
    },
  };
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (const d of p.diagnostics) {
      const docs = d.code === 'netpol-config' ? configDocsUrl() : ruleDocsUrl(String(d.code));
      if (d.source === 'netpol' && d.codeDescription?.href !== docs) undocumented.push(`${p.uri} ${String(d.code)}: ${JSON.stringify(d.codeDescription)}`);
    }
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.predicate(p)) {
        waiters[i]!.resolve(p);
        waiters.splice(i, 1);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
  });
  // `configuration` answers every item, or, as a function, each item by its scopeUri (per-folder settings).
  connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) =>
    params.items.map((item) => (typeof client.configuration === 'function' ? (client.configuration as (i: typeof item) => unknown)(item) : client.configuration) ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: options.capabilities ?? {},
    workspaceFolders: options.workspaceFolders ?? null,
    initializationOptions: options.initializationOptions,
  });
  connection.sendNotification('initialized', {});
  return client;
}
