// What the two LSP test clients (the built server over stdio in lsp-client.ts, the server in this process in
// lsp-in-process.ts) do alike: record the published diagnostics and let a test wait for the one it needs (no sleeps),
// answer the requests a server sends its client, and open the session.
import type { ProtocolConnection } from 'vscode-languageserver-protocol/node';
import type { ClientCapabilities, PublishDiagnosticsParams } from 'vscode-languageserver-protocol';

export interface Publications {
  readonly published: PublishDiagnosticsParams[];
  /** Resolves with the first publication (already received or future) that satisfies the predicate. */
  waitFor(predicate: (p: PublishDiagnosticsParams) => boolean, timeoutMs?: number): Promise<PublishDiagnosticsParams>;
}

/** Records every publishDiagnostics of the connection; `inspect` sees each one before any waiter does. */
export function recordPublications(connection: ProtocolConnection, inspect?: (p: PublishDiagnosticsParams) => void): Publications {
  const published: PublishDiagnosticsParams[] = [];
  const waiters: { predicate: (p: PublishDiagnosticsParams) => boolean; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    inspect?.(p);
    for (let i = waiters.length - 1; i >= 0; i--) {
      if (waiters[i]!.predicate(p)) {
        waiters[i]!.resolve(p);
        waiters.splice(i, 1);
      }
    }
  });
  return {
    published,
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
  };
}

export interface SessionOptions {
  /** The answer to one workspace/configuration item (null when there is none). */
  configuration(item: { scopeUri?: string; section?: string }): unknown;
  processId: number | null;
  capabilities?: ClientCapabilities;
  workspaceFolders?: { uri: string; name: string }[];
  initializationOptions?: unknown;
}

/**
 * Answers the server's requests to the client (configuration, capability registrations, applied edits), starts listening
 * and initializes. Handlers of notifications the test wants from the start must be registered before this.
 */
export async function openSession(connection: ProtocolConnection, options: SessionOptions): Promise<void> {
  connection.onRequest('workspace/configuration', (params: { items: { scopeUri?: string; section?: string }[] }) => params.items.map((item) => options.configuration(item) ?? null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('workspace/applyEdit', () => ({ applied: true }));
  connection.listen();
  await connection.sendRequest('initialize', {
    processId: options.processId,
    rootUri: null,
    capabilities: options.capabilities ?? {},
    workspaceFolders: options.workspaceFolders ?? null,
    initializationOptions: options.initializationOptions,
  });
  connection.sendNotification('initialized', {});
}
