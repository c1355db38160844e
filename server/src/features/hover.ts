// Hover: field documentation and plain-English explanations. (Built in issue 5.)
import type { Hover } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../service';

export function hover(_snapshot: FileSnapshot, _offset: number): Hover | null {
  return null;
}
