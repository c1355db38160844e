// Keeps the workspace index of a language server that cannot read files (the browser build: vscode.dev, github.dev; the
// Node server in a virtual workspace's folders) fed: every manifest of the folders it cannot read after each start of the
// server (`reset`: it forgets the rest of what was sent), then what a file system watcher reports, in batches, over the
// `netpol/workspaceFiles` notification. The Node server reads `file:` folders itself.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { sentFolders, type SentFolders } from './sent-files';
import { findManifests, readManifests, watchManifests } from './workspace-reader';

const NOTIFICATION = 'netpol/workspaceFiles';
/** Changes arriving within this many milliseconds go in one notification (a checkout, a formatter over the folder). */
const BATCH_MS = 200;
/** Files per notification, so that a large workspace's first sync does not build one huge message. */
const FILES_PER_MESSAGE = 200;

function enabled(): boolean {
  return vscode.workspace.getConfiguration('netpol').get<unknown>('workspace.enable') !== false;
}

export class WorkspaceSync implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new Map<string, boolean>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly current: () => BaseLanguageClient | undefined,
    /** The folders whose files this client sends (the server reads the others). */
    private readonly sent: SentFolders,
  ) {
    const touch = (uri: vscode.Uri, deleted: boolean) => {
      if (!sent(uri)) return;
      this.changed.set(uri.toString(), deleted);
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => void this.flush(), BATCH_MS);
    };
    this.disposables.push(
      ...watchManifests(touch),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('netpol.workspace')) void this.sendAll();
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.sendAll()),
    );
  }

  /** Every manifest, replacing whatever the server held (after a start, or when the exclusions changed). */
  async sendAll(): Promise<void> {
    const client = this.current();
    if (!client?.isRunning()) return;
    this.changed.clear();
    const folders = sentFolders(this.sent);
    const files = enabled() && folders?.length !== 0 ? await readManifests((await findManifests(folders)).map((u) => u.toString())) : [];
    // The first message resets; the rest add to it.
    for (let i = 0; i === 0 || i < files.length; i += FILES_PER_MESSAGE) {
      await client.sendNotification(NOTIFICATION, { files: files.slice(i, i + FILES_PER_MESSAGE), ...(i === 0 ? { reset: true } : {}) });
    }
  }

  private async flush(): Promise<void> {
    const client = this.current();
    if (!client?.isRunning() || !enabled()) return;
    const batch = [...this.changed];
    this.changed.clear();
    const read = await readManifests(batch.filter(([, deleted]) => !deleted).map(([uri]) => uri));
    const texts = new Map(read.map((f) => [f.uri, f.text]));
    // A file that could not be read (gone, too large) leaves the index like a deleted one.
    const files = batch.map(([uri]) => ({ uri, text: texts.get(uri) ?? null }));
    if (files.length > 0) await client.sendNotification(NOTIFICATION, { files });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
