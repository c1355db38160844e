// CodeLens above each policy with its plain-English summary. (Built in issue 5.)
import type { CodeLens } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../service';

export function codeLenses(_snapshot: FileSnapshot): CodeLens[] {
  return [];
}
