// Forwards LSP feature requests to the language service: one capability and one handler per feature, nothing else.
import { CodeActionKind, type Connection, type ServerCapabilities, type TextDocuments } from 'vscode-languageserver';
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

export function registerFeatures(connection: Connection, service: LanguageService, documents: TextDocuments<TextDocument>): void {
  /** Requests may arrive before the document's latest text reached the service (analysis runs in slices). */
  const sync = (uri: string): boolean => {
    const doc = documents.get(uri);
    if (!doc) return false;
    service.update(uri, doc.getText(), doc.version);
    return true;
  };
  connection.onHover((p) => (sync(p.textDocument.uri) ? service.doHover(p.textDocument.uri, p.position) : null));
  connection.onCompletion((p) => (sync(p.textDocument.uri) ? service.doComplete(p.textDocument.uri, p.position) : null));
  connection.onCodeAction((p) => (sync(p.textDocument.uri) ? service.getCodeActions(p.textDocument.uri, p.range, p.context) : null));
  connection.onDocumentSymbol((p) => (sync(p.textDocument.uri) ? service.getDocumentSymbols(p.textDocument.uri) : null));
  connection.onCodeLens((p) => (sync(p.textDocument.uri) ? service.getCodeLenses(p.textDocument.uri) : null));
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
