// Code actions: quick fixes for diagnostics, insert default-deny, fix-all. (Built in issue 6.)
import type { CodeAction, CodeActionContext, Range } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../service';

export function codeActions(_snapshot: FileSnapshot, _range: Range, _context: CodeActionContext): CodeAction[] {
  return [];
}
