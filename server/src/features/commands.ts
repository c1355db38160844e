// Commands the server executes for the client (workspace/executeCommand). (Built in issue 6.)
import type { FileSnapshot } from '../service';

export const COMMANDS: readonly string[] = [];

export interface CommandResult {
  /** A new document to open (e.g. generated test commands). */
  readonly document?: { readonly language: string; readonly content: string };
  /** Text edits to apply to the file. */
  readonly edits?: readonly { readonly range: import('vscode-languageserver-types').Range; readonly newText: string }[];
}

export function executeCommand(_snapshot: FileSnapshot | undefined, _command: string, _args: readonly unknown[]): CommandResult | undefined {
  return undefined;
}
