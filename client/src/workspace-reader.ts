// Finds, watches and reads the workspace's manifests through `vscode.workspace`, for a language server that cannot read
// them itself (the browser build; on the desktop, a virtual workspace's folders) and for the connectivity view when the
// server keeps no workspace index: the same files, the same limits.
import * as vscode from 'vscode';

/** The manifests: YAML, and JSON (`kubectl get -o json` dumps), as the server's own discovery of the workspace. */
const MANIFEST_GLOB = '**/*.{yaml,yml,json}';
/** Folders that hold no one's manifests (VCS data, dependencies), as the server's discovery skips them. */
const SKIPPED = ['**/node_modules/**', '**/.git/**', '**/vendor/**', '**/.terraform/**'];
/** Past this many bytes a file is not read: no manifest bundle is that large (the server's own limit). */
const MAX_BYTES = 2 * 1024 * 1024;
/** Reads this many files at once: one at a time, the round trips to the file system dominate a large workspace. */
const READ_CONCURRENCY = 32;

export interface ManifestText {
  readonly uri: string;
  readonly text: string;
}

/** Watches the files matching `glob`: `changed` hears of each one created, changed or deleted (`deleted` true). */
export function watchFiles(glob: string, changed: (uri: vscode.Uri, deleted: boolean) => void): vscode.Disposable[] {
  const watcher = vscode.workspace.createFileSystemWatcher(glob);
  return [watcher, watcher.onDidCreate((u) => changed(u, false)), watcher.onDidChange((u) => changed(u, false)), watcher.onDidDelete((u) => changed(u, true))];
}

/** Watches the workspace's manifests. */
export const watchManifests = (changed: (uri: vscode.Uri, deleted: boolean) => void): vscode.Disposable[] => watchFiles(MANIFEST_GLOB, changed);

/** The files matching `glob` in the workspace, or in these folders only (one search each), less `exclude`. */
export async function findInFolders(glob: string, exclude: string, folders?: readonly vscode.WorkspaceFolder[], max?: number): Promise<vscode.Uri[]> {
  if (!folders) return vscode.workspace.findFiles(glob, exclude, max);
  return (await Promise.all(folders.map((f) => vscode.workspace.findFiles(new vscode.RelativePattern(f, glob), exclude, max)))).flat();
}

/** The workspace's manifests (or those of these folders), less `netpol.workspace.exclude`'s globs. */
export async function findManifests(folders?: readonly vscode.WorkspaceFolder[]): Promise<vscode.Uri[]> {
  const exclude = vscode.workspace.getConfiguration('netpol').get<unknown>('workspace.exclude');
  const user = Array.isArray(exclude) ? exclude.filter((g): g is string => typeof g === 'string' && g !== '') : [];
  return findInFolders(MANIFEST_GLOB, `{${[...SKIPPED, ...user].join(',')}}`, folders);
}

/** The texts of these files; a file too large, binary, gone or unreadable is left out. */
export async function readManifests(uris: readonly string[]): Promise<ManifestText[]> {
  const decoder = new TextDecoder();
  const read = async (s: string): Promise<ManifestText | undefined> => {
    const uri = vscode.Uri.parse(s);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > MAX_BYTES) return undefined;
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.includes(0)) return undefined;
      return { uri: s, text: decoder.decode(bytes) };
    } catch {
      // Gone or unreadable since it was listed: nothing to send.
      return undefined;
    }
  };
  const out: ManifestText[] = [];
  for (let i = 0; i < uris.length; i += READ_CONCURRENCY) {
    for (const f of await Promise.all(uris.slice(i, i + READ_CONCURRENCY).map(read))) if (f) out.push(f);
  }
  return out;
}
