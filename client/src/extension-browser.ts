// The web VS Code client (vscode.dev, github.dev, code-server's web worker extension host): starts the same language
// server, bundled as a classic worker script (dist/web/server.js), in a Web Worker. The server cannot read files there,
// so this client sends it the workspace's `.netpol.yaml` files and its manifests (for the workspace index), at start and
// whenever one changes.
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient, type MessageTransports } from 'vscode-languageclient/browser';
import { activateClient, type ClientHandle } from './common';
import { configFiles, EVERY_FOLDER, forwardConfigChanges } from './sent-files';
import { WorkspaceSync } from './workspace-sync';

let handle: ClientHandle | undefined;
let sync: WorkspaceSync | undefined;

// vscode.dev and github.dev serve extensions over https, so `new Worker(url)` works. When the workbench has a remote
// (code-server, Codespaces in a browser), a web extension is installed on the server, its URI is vscode-remote:, and the
// web worker host refuses to create a worker from it ("Creating workers from remote extensions is currently not
// supported"); the script read through the file system API and started from a blob: URL works there.
async function startWorker(script: vscode.Uri): Promise<Worker> {
  try {
    return new Worker(script.toString(true));
  } catch {
    const bytes = await vscode.workspace.fs.readFile(script);
    return new Worker(URL.createObjectURL(new Blob([new Uint8Array(bytes)], { type: 'text/javascript' })));
  }
}

function transports(worker: Worker): MessageTransports {
  return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const script = vscode.Uri.joinPath(context.extensionUri, 'dist', 'web', 'server.js');
  handle = await activateClient(context, {
    // Documents come from any file system here (github.dev's vscode-vfs, vscode-remote, memfs), so select by language.
    documentSelector: [{ language: 'yaml' }],
    initializationOptions: async () => ({ configFiles: await configFiles(EVERY_FOLDER) }),
    // A function, so that a restart gets a fresh worker. It returns the transports rather than the Worker: the client
    // tells the two apart with `instanceof Worker`, which the web worker host's own Worker class fails.
    create: (options) => new LanguageClient('netpol', 'netpol', () => startWorker(script).then(transports), options),
    setup: (current, context) => {
      forwardConfigChanges(current, context, EVERY_FOLDER);
      // The workspace index's files too: the server cannot list or read them here.
      sync = new WorkspaceSync(current, EVERY_FOLDER);
      context.subscriptions.push(sync);
      void sync.sendAll();
    },
    restarted: () => void sync?.sendAll(),
  });
}

export async function deactivate(): Promise<void> {
  await handle?.current()?.stop();
  handle = undefined;
}
