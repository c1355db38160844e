// Document symbols: each policy as namespace/name with its rules. (Built in issue 5.)
import type { DocumentSymbol } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../service';

export function documentSymbols(_snapshot: FileSnapshot): DocumentSymbol[] {
  return [];
}
