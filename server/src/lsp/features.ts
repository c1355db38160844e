// Forwards LSP feature requests to the language service: one capability and one handler per feature, nothing else.
import { CodeActionKind, LSPErrorCodes, ResponseError, type CancellationToken, type Connection, type Disposable, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { COMMANDS } from '../features/code-actions/commands';
import type { LanguageService } from '../service';

export function featureCapabilities(): ServerCapabilities {
  return {
    hoverProvider: true,
    completionProvider: { triggerCharacters: [':', ' ', '-', '/'], resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.Source, CodeActionKind.SourceFixAll, `${CodeActionKind.SourceFixAll}.netpol`, CodeActionKind.Refactor] },
    documentSymbolProvider: { label: 'NetworkPolicies' },
    codeLensProvider: { resolveProvider: false },
    executeCommandProvider: { commands: [...COMMANDS] },
  };
}

/**
 * `whenAnalysed` resolves once a file has no analysis in progress. Hover and completion never wait (they run on what is
 * analysed so far); code actions, lenses and symbols need the whole file, so they wait for its analysis in the server's
 * slices instead of analysing it at once. A request cancelled (`$/cancelRequest`) before its answer is ready, whether
 * queued or waiting, answers `RequestCancelled` without being computed.
 */
export function registerFeatures(connection: Connection, service: LanguageService, documents: TextDocuments<TextDocument>, whenAnalysed: (uri: string) => Promise<void>): void {
  /** Requests may arrive before the document's latest text reached the service (analysis runs in slices). */
  const sync = (uri: string): boolean => {
    const doc = documents.get(uri);
    if (!doc) return false;
    service.update(uri, doc.getText(), doc.version);
    return true;
  };
  const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, 'The request was cancelled.');
  const now = <T>(uri: string, token: CancellationToken, answer: () => T): T | null | ResponseError => {
    if (token.isCancellationRequested) return cancelled();
    return sync(uri) ? answer() : null;
  };
  const afterAnalysis = async <T>(uri: string, token: CancellationToken, answer: () => T): Promise<T | null | ResponseError> => {
    if (token.isCancellationRequested) return cancelled();
    let stop: Disposable | undefined;
    await Promise.race([whenAnalysed(uri), new Promise<void>((resolve) => (stop = token.onCancellationRequested(() => resolve())))]);
    stop?.dispose();
    return now(uri, token, answer);
  };
  connection.onHover((p, token) => now(p.textDocument.uri, token, () => service.doHover(p.textDocument.uri, p.position)));
  connection.onCompletion((p, token) => now(p.textDocument.uri, token, () => service.doComplete(p.textDocument.uri, p.position)));
  connection.onCodeAction((p, token) => afterAnalysis(p.textDocument.uri, token, () => service.getCodeActions(p.textDocument.uri, p.range, p.context)));
  connection.onDocumentSymbol((p, token) => afterAnalysis(p.textDocument.uri, token, () => service.getDocumentSymbols(p.textDocument.uri)));
  connection.onCodeLens((p, token) => afterAnalysis(p.textDocument.uri, token, () => service.getCodeLenses(p.textDocument.uri)));
  connection.onExecuteCommand(async (p) => {
    const args = p.arguments ?? [];
    if (typeof args[0] === 'string') sync(args[0]);
    const result = service.executeCommand(p.command, args);
    if (result?.edits && typeof args[0] === 'string') {
      await connection.workspace.applyEdit({ changes: { [args[0]]: [...result.edits] } });
    }
    return result ?? null;
  });
}
