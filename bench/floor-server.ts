// The publish floor of `npm run bench`: an LSP server that does no work at all and, on every didOpen and didChange,
// publishes the same fixed diagnostics (read once from the JSON file named on its command line). What an edit costs it is
// what the transport and the client cost to carry that many diagnostics, the least any server publishing them can take.
//   node --import tsx bench/floor-server.ts <diagnostics.json> --stdio
import { readFileSync } from 'node:fs';
import { createConnection, TextDocumentSyncKind, type Diagnostic } from 'vscode-languageserver/node';

const diagnostics = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as Diagnostic[];
const connection = createConnection();

connection.onInitialize(() => ({ capabilities: { textDocumentSync: TextDocumentSyncKind.Incremental, hoverProvider: true, completionProvider: {} } }));
// Asks for its settings as netpol's server does, so that the bench client's wait for that question ends the same way.
connection.onInitialized(() => void connection.sendRequest('workspace/configuration', { items: [{ section: 'netpol' }] }).catch(() => undefined));
connection.onDidOpenTextDocument(({ textDocument }) => void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics }));
connection.onDidChangeTextDocument(({ textDocument }) => void connection.sendDiagnostics({ uri: textDocument.uri, version: textDocument.version, diagnostics }));
connection.onDidCloseTextDocument(() => undefined);
connection.onHover(() => null);
connection.onCompletion(() => []);
connection.listen();
