// Forwards LSP feature requests to the language service. Each feature is added here as one capability and one handler.
import type { Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LanguageService } from '../service';

export function featureCapabilities(): ServerCapabilities {
  return {};
}

export function registerFeatures(_connection: Connection, _service: LanguageService, _documents: TextDocuments<TextDocument>): void {}
