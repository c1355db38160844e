// Which files the client reads for a language server that cannot read them itself, and the `.netpol.yaml` files among
// them: the browser build's server reads none (every folder is sent); the desktop server reads `file:` folders, and the
// client sends the folders of a virtual workspace (GitHub's and Azure's Remote Repositories, `vscode-vfs:`, or any other
// file system provider). The manifests go with `workspace-sync.ts`; the `.netpol.yaml` files with the initialization and
// the `netpol/configFiles` notification, at start and whenever one changes.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { findInFolders, watchFiles } from './workspace-reader';

/** Whether the client sends the server the files of a workspace folder (or of the folder holding a file). */
export type SentFolders = (uri: vscode.Uri) => boolean;

/** The browser build: the server reads no file. */
export const EVERY_FOLDER: SentFolders = () => true;
/** The desktop: the server reads `file:` URIs itself. */
export const VIRTUAL_FOLDERS: SentFolders = (uri) => uri.scheme !== 'file';

/** The workspace folders whose files are sent; undefined when that is every folder (one search over the workspace). */
export function sentFolders(sent: SentFolders): readonly vscode.WorkspaceFolder[] | undefined {
  const all = vscode.workspace.workspaceFolders ?? [];
  return all.length > 0 && all.every((f) => sent(f.uri)) ? undefined : all.filter((f) => sent(f.uri));
}

/** A `.netpol.yaml` as the server's `netpol/configFiles` notification carries it; `text: null` when it was deleted. */
interface ConfigFile {
  readonly uri: string;
  readonly text: string | null;
}

async function readConfig(uri: vscode.Uri): Promise<ConfigFile> {
  try {
    return { uri: uri.toString(), text: new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)) };
  } catch {
    return { uri: uri.toString(), text: null };
  }
}

/** The `.netpol.yaml` files of the folders whose files are sent. */
export async function configFiles(sent: SentFolders): Promise<ConfigFile[]> {
  const found = await findInFolders('**/.netpol.yaml', '**/node_modules/**', sentFolders(sent), 1000);
  return Promise.all(found.map(readConfig));
}

/** Sends each created, changed or deleted `.netpol.yaml` of the sent folders to whichever client runs. */
export function forwardConfigChanges(current: () => BaseLanguageClient | undefined, context: vscode.ExtensionContext, sent: SentFolders): void {
  const send = async (uri: vscode.Uri, deleted: boolean) => {
    if (!sent(uri)) return;
    const file = deleted ? { uri: uri.toString(), text: null } : await readConfig(uri);
    const client = current();
    if (client?.isRunning()) await client.sendNotification('netpol/configFiles', { files: [file] });
  };
  context.subscriptions.push(...watchFiles('**/.netpol.yaml', (uri, deleted) => void send(uri, deleted)));
}
