// The `netpol/connectivity` request behind the "Show connectivity" view. The client sends the workspace's manifests (it can
// read them in the desktop and the browser alike) the first time and then only what changed; open documents are taken from
// the server's own copies. Until the service keeps the workspace index, this module keeps one; `views.view(index, …)` is
// the one call to point at the service's index then.
import type { Connection, TextDocuments } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { ConnectivityViews, type ConnectivityView } from '../connectivity/view';
import { WorkspaceIndex } from '../workspace/index';

const CONNECTIVITY_REQUEST = 'netpol/connectivity';

export interface ConnectivityParams {
  /** Manifests of the workspace, by uri, with their text (the first request sends all, later ones what changed). */
  readonly files?: readonly { readonly uri: string; readonly text: string }[];
  /** Files deleted since. */
  readonly removed?: readonly string[];
  /** Forget every file sent before (a new view). */
  readonly reset?: boolean;
  /** The namespace the user opened in the view. */
  readonly focus?: string;
}

export function registerConnectivity(connection: Connection, documents: TextDocuments<TextDocument>): void {
  let index = new WorkspaceIndex();
  const views = new ConnectivityViews(() => performance.now());
  let revision = 0;
  /** The text each uri was indexed with, so that an unchanged file costs nothing. */
  const indexed = new Map<string, string>();
  const set = (uri: string, text: string): void => {
    if (indexed.get(uri) === text) return;
    indexed.set(uri, text);
    index.setFile(uri, text);
    revision++;
  };
  connection.onRequest<ConnectivityView, unknown>(CONNECTIVITY_REQUEST, (params: ConnectivityParams | undefined): ConnectivityView => {
    if (params?.reset) {
      index = new WorkspaceIndex();
      indexed.clear();
      revision++;
    }
    for (const uri of params?.removed ?? []) {
      if (!indexed.delete(uri)) continue;
      index.removeFile(uri);
      revision++;
    }
    for (const f of params?.files ?? []) set(f.uri, f.text);
    // What the editor shows wins over what the client read from disk.
    for (const doc of documents.all()) if (/\.(ya?ml|json)$/i.test(doc.uri) || indexed.has(doc.uri)) set(doc.uri, doc.getText());
    return views.view(index, revision, params?.focus !== undefined ? { focus: params.focus } : {});
  });
}
