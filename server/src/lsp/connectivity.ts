// The `netpol/connectivity` request behind the "Show connectivity" view. With `fromIndex`, the view is of the service's
// workspace index, the one the workspace rules read (kept current from the disk, or by the browser client, and from the
// open documents); when the workspace index is off (`netpol.workspace.enable: false`) the answer is `{ needsFiles: true }`
// and the client sends the workspace's manifests instead, the first time all and then only what changed, which this module
// indexes on its own (open documents are taken from the server's own copies). The view of a large workspace takes seconds:
// it is computed in slices, so that the keystrokes typed meanwhile get their diagnostics between two slices, and a
// newer request takes over the waiting ones (the answer is then of the newer files).
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
  /** The view of the service's workspace index, if it keeps one (then no files need to be sent). */
  readonly fromIndex?: boolean;
}

/** The answer to `fromIndex` when the service keeps no workspace index: send the files. */
export interface NeedsFiles {
  readonly needsFiles: true;
}

/** What the language server offers the view: its workspace index, when it keeps one, with its open documents up to date. */
export interface WorkspaceSource {
  /** The index, after the open documents' current text was analysed into it; undefined when it keeps none. */
  index(): WorkspaceIndex | undefined;
}

/** A slice of the view's computation runs at most about this long before the server reads its messages again. */
const SLICE_MS = 8;

/** The computation under way and the requests waiting for it. */
interface Job {
  readonly steps: Generator<void, ConnectivityView>;
  readonly waiting: { resolve(view: ConnectivityView): void; reject(error: unknown): void }[];
}

export function registerConnectivity(
  connection: Connection,
  documents: TextDocuments<TextDocument>,
  yieldToEventLoop: (fn: () => void) => void,
  workspace?: WorkspaceSource,
): void {
  let job: Job | undefined;
  /** Runs the steps in slices; a request still waiting for an earlier computation gets this one's answer instead. */
  const answer = (steps: Generator<void, ConnectivityView>): Promise<ConnectivityView> =>
    new Promise((resolve, reject) => {
      const mine: Job = { steps, waiting: [...(job?.waiting ?? []), { resolve, reject }] };
      const started = job === undefined;
      job = mine;
      const slice = (): void => {
        if (job !== mine) return;
        const until = performance.now() + SLICE_MS;
        try {
          for (;;) {
            const r = steps.next();
            if (r.done) {
              job = undefined;
              for (const w of mine.waiting) w.resolve(r.value);
              return;
            }
            if (performance.now() >= until) break;
          }
        } catch (error) {
          job = undefined;
          for (const w of mine.waiting) w.reject(error);
          return;
        }
        yieldToEventLoop(slice);
      };
      // A job already under way has its next slice queued: the new one starts there (one chain of slices at a time).
      if (started) slice();
      else yieldToEventLoop(slice);
    });
  const workspaceViews = new ConnectivityViews(() => performance.now());
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
  connection.onRequest<ConnectivityView | NeedsFiles, unknown>(CONNECTIVITY_REQUEST, (params: ConnectivityParams | undefined): Promise<ConnectivityView> | NeedsFiles => {
    const focus = params?.focus !== undefined ? { focus: params.focus } : {};
    if (params?.fromIndex) {
      const shared = workspace?.index();
      if (!shared) return { needsFiles: true };
      return answer(workspaceViews.viewInSteps(shared, shared.revision, focus));
    }
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
    return answer(views.viewInSteps(index, revision, focus));
  });
}
