// What the LSP server needs from the platform it runs on, injected by its entry (main-server.ts for Node,
// main-browser.ts for a Web Worker), so that lsp/ itself uses no global that only one of them has.
import type { FileReader } from './editor-settings';
import type { WorkspaceDisk } from './workspace-files';

export interface ServerHost {
  /**
   * Runs `fn` as a new macrotask, after the messages already received: the server yields between analysis slices with it.
   * Node's `setImmediate`; in a worker a MessageChannel post (not `queueMicrotask`, which would run before incoming
   * requests, and not a nested `setTimeout(0)`, which browsers clamp to 4 ms).
   */
  yieldToEventLoop(fn: () => void): void;
  /** The disk, where the server can read it (Node); in a browser the client sends the `.netpol.yaml` files instead. */
  readonly files?: FileReader;
  /** The workspace folders' manifests, where the server can read the disk (Node); a browser client sends them instead. */
  readonly workspaceDisk?: WorkspaceDisk;
}
