// The thin VS Code client: starts the bundled language server over IPC for YAML files, passes settings, restarts the
// server if it crashes (vscode-languageclient's default error handler), and logs to the "netpol" output channel.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerPolicyCommands } from './policy-commands';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
  };
  const output = vscode.window.createOutputChannel('netpol', { log: true });
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'yaml' },
      { scheme: 'untitled', language: 'yaml' },
      { scheme: 'vscode-remote', language: 'yaml' },
    ],
    synchronize: { configurationSection: 'netpol' },
    outputChannel: output,
    diagnosticCollectionName: 'netpol',
    // package.json contributes the snippets to VS Code, so the server must not offer them a second time.
    initializationOptions: { contributesSnippets: true },
  };
  client = new LanguageClient('netpol', 'netpol', serverOptions, clientOptions);
  context.subscriptions.push(
    output,
    vscode.commands.registerCommand('netpol.restartServer', async () => {
      await client?.restart();
    }),
  );
  registerPolicyCommands(context, () => client);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

/** For the integration tests: the running client. */
export function languageClient(): LanguageClient | undefined {
  return client;
}
