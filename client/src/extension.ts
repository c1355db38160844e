// The desktop (Node) VS Code client: starts the bundled language server (dist/server.js) over IPC for YAML files; the
// rest (settings, commands, rule docs, status) is shared with the web client in common.ts, whose
// error handler (restart-policy.ts) restarts a crashed server and tells the user once; the log is in the "netpol" output channel.
// The server reads `file:` folders itself; the folders of a virtual workspace (Remote Repositories' `vscode-vfs:`, any
// other file system provider) it cannot read, so this client sends their manifests and `.netpol.yaml` files, as the
// web client sends every folder's.
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { activateClient, type ClientHandle } from './common';
import { configFiles, forwardConfigChanges, VIRTUAL_FOLDERS } from './sent-files';
import { WorkspaceSync } from './workspace-sync';

let handle: ClientHandle | undefined;
let sync: WorkspaceSync | undefined;

/** Whether some workspace folder is one the server cannot read. */
const hasVirtualFolders = (): boolean => (vscode.workspace.workspaceFolders ?? []).some((f) => VIRTUAL_FOLDERS(f.uri));

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = vscode.Uri.joinPath(context.extensionUri, 'dist', 'server.js').fsPath;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6029'] } },
  };
  // Documents on disk, unsaved, remote, and in the workspace's own file systems (a virtual workspace's folders).
  const schemes = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs', ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.scheme)]);
  const startSync = (current: () => ReturnType<ClientHandle['current']>, context: vscode.ExtensionContext): void => {
    if (sync || !hasVirtualFolders()) return;
    forwardConfigChanges(current, context, VIRTUAL_FOLDERS);
    sync = new WorkspaceSync(current, VIRTUAL_FOLDERS);
    context.subscriptions.push(sync);
    void sync.sendAll();
  };
  handle = await activateClient(context, {
    documentSelector: [...schemes].map((scheme) => ({ scheme, language: 'yaml' })),
    initializationOptions: async () => (hasVirtualFolders() ? { configFiles: await configFiles(VIRTUAL_FOLDERS) } : {}),
    create: (options) => new LanguageClient('netpol', 'netpol', serverOptions, options),
    setup: (current, context) => {
      startSync(current, context);
      // A virtual folder added later is synchronised from then on (the sync itself follows later folder changes).
      context.subscriptions.push(vscode.workspace.onDidChangeWorkspaceFolders(() => startSync(current, context)));
    },
    restarted: () => void sync?.sendAll(),
  });
}

export async function deactivate(): Promise<void> {
  await handle?.current()?.stop();
  handle = undefined;
}
