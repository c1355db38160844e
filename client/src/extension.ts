// The desktop (Node) VS Code client: starts the bundled language server (dist/server.js) over IPC for YAML files; the
// rest (settings, commands, rule docs, status) is shared with the web client in common.ts, whose
// error handler (restart-policy.ts) restarts a crashed server and tells the user once; the log is in the "netpol" output channel.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, type ClientHandle } from './common';

let handle: ClientHandle | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
  };
  handle = await activateClient(context, {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
    ],
    create: (options) => new LanguageClient('netpol', 'netpol', serverOptions, options),
  });
}

export async function deactivate(): Promise<void> {
  await handle?.current()?.stop();
  handle = undefined;
}
