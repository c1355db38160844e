// The LSP server run in this process over a pair of in-memory streams, for protocol tests that need to hand the server
// something (a rule registry) or to count what it sends: published diagnostics and log messages, waited for (no sleeps).
import { PassThrough } from 'node:stream';
import { after } from 'node:test';
import { createConnection } from 'vscode-languageserver/node';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { LogMessageParams } from 'vscode-languageserver-protocol';
import { startServer } from '../../server/src/lsp/server';
import { openSession, recordPublications, type Publications } from './lsp-session';

export interface InProcessClient extends Publications {
  readonly connection: ProtocolConnection;
  readonly logged: LogMessageParams[];
  open(uri: string, text: string, version?: number): void;
  dispose(): void;
}

type InProcessOptions = Parameters<typeof startServer>[2];

export async function startInProcess(options: InProcessOptions = {}): Promise<InProcessClient> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  startServer(serverConnection, { yieldToEventLoop: (fn) => setImmediate(fn) }, options);
  const connection = createProtocolConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const publications = recordPublications(connection);
  const logged: LogMessageParams[] = [];
  connection.onNotification('window/logMessage', (p: LogMessageParams) => {
    logged.push(p);
  });
  await openSession(connection, { configuration: () => null, processId: null });
  return {
    ...publications,
    connection,
    logged,
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

/** Starts in-process servers for the tests of one file or suite and disposes of every one of them after those tests. */
export function inProcessStarter(): (options?: InProcessOptions) => Promise<InProcessClient> {
  const clients: InProcessClient[] = [];
  after(() => clients.forEach((c) => c.dispose()));
  return async (options = {}) => {
    const c = await startInProcess(options);
    clients.push(c);
    return c;
  };
}
