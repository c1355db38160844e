// The LSP server run in this process over a pair of in-memory streams, for protocol tests that need to hand the server
// something (a rule registry) or to count what it sends: published diagnostics and log messages, waited for (no sleeps).
import { PassThrough } from 'node:stream';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { LogMessageParams, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { startServer } from '../../server/src/lsp/server';

export interface InProcessClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[];
  readonly logged: LogMessageParams[];
  /** Resolves with the first publication (already received or future) that satisfies the predicate. */
  waitFor(predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
  open(uri: string, text: string, version?: number): void;
  dispose(): void;
}

export async function startInProcess(options: Parameters<typeof startServer>[2] = {}): Promise<InProcessClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, { yieldToEventLoop: (fn) => setImmediate(fn) }, options);
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const published: PublishDiagnosticsParams[] = [];
  const logged: LogMessageParams[] = [];
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.predicate(p)) {
        waiters[i]!.resolve(p);
        waiters.splice(i, 1);
      }
    }
  });
  connection.onNotification('window/logMessage', (p: LogMessageParams) => {
    logged.push(p);
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  connection.listen();
  await connection.sendRequest('initialize', { processId: null, rootUri: null, capabilities: {} });
  connection.sendNotification('initialized', {});
  return {
    connection,
    published,
    logged,
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
    open(uri, text, version = 1) {
      void connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    },
    dispose() {
      connection.dispose();
      serverConnection.dispose();
      toServer.end();
      toClient.end();
    },
  };
}
