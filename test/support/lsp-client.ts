// A minimal LSP client over stdio for protocol tests: spawns the built server, records published diagnostics and lets a
// test wait for the notification it needs (no sleeps); `serverStarter` stops a test file's servers after its tests.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { join } from 'node:path';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import { after } from 'node:test';
import type { ClientCapabilities } from 'vscode-languageserver-protocol';
import { configDocsUrl, ruleDocsUrl } from '../../server/src/rules/docs-url';
import { openSession, recordPublications, type Publications } from './lsp-session';

export interface TestClient extends Publications {
  connection: ProtocolConnection;
  process: ChildProcessWithoutNullStreams;
  /** Answers workspace/configuration requests: a value for every item, or a function of the item (its scopeUri). */
  configuration: unknown;
  /** The messages of window/logMessage notifications, in order. */
  logs: string[];
  /** Stops the server; fails if any published diagnostic lacked its rule's documentation link. */
  stop(): Promise<void>;
}

export interface ServerOptions {
  capabilities?: ClientCapabilities;
  initializationOptions?: unknown;
  configuration?: unknown;
  workspaceFolders?: { uri: string; name: string }[];
  nodeOptions?: readonly string[];
}

export async function startServer(options: ServerOptions = {}): Promise<TestClient> {
  const child = spawn(process.execPath, [...(options.nodeOptions ?? []), join(import.meta.dirname, '../../dist/server.js'), '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  /** Diagnostics published without `codeDescription.href` to their rule's docs: every LSP test checks this on stop(). */
  const undocumented: string[] = [];
  const publications = recordPublications(connection, (p) => {
    for (const d of p.diagnostics) {
      const docs = d.code === 'netpol-config' ? configDocsUrl() : ruleDocsUrl(String(d.code));
      if (d.source === 'netpol' && d.codeDescription?.href !== docs) undocumented.push(`${p.uri} ${String(d.code)}: ${JSON.stringify(d.codeDescription)}`);
    }
  });
  const client: TestClient = {
    ...publications,
    connection,
    process: child,
    configuration: options.configuration,
    logs: [],
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
  connection.onNotification('window/logMessage', (p: { message: string }) => {
    client.logs.push(p.message);
  });
  await openSession(connection, {
    // `configuration` answers every item, or, as a function, each item by its scopeUri (per-folder settings).
    configuration: (item) => (typeof client.configuration === 'function' ? (client.configuration as (i: typeof item) => unknown)(item) : client.configuration),
    processId: process.pid,
    capabilities: options.capabilities,
    workspaceFolders: options.workspaceFolders,
    initializationOptions: options.initializationOptions,
  });
  return client;
}

/**
 * Starts servers for the tests of one file or suite and stops every one of them after those tests, so that each stop's
 * check of the docs links runs too.
 */
export function serverStarter(): (options?: ServerOptions) => Promise<TestClient> {
  const clients: TestClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.stop()));
  });
  return async (options = {}) => {
    const c = await startServer(options);
    clients.push(c);
    return c;
  };
}
