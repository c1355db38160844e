// "NetworkPolicy: Show connectivity": a webview panel that draws the server's connectivity view. The view is of the
// server's workspace index (the one its workspace rules read), asked for with the namespace the user opened; only when
// the server keeps none (`netpol.workspace.enable: false`) does the extension read the workspace's manifests
// (vscode.workspace.fs, so the browser build works too) and send them, once and then only what changed. Each new view is
// posted to the page; the page only draws.
// Clicking an edge shows the rules that allow it, each opening the rule.
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { findManifests, readManifests, watchManifests } from '../workspace-reader';

const REQUEST = 'netpol/connectivity';

interface Location {
  readonly uri: string;
  readonly span: { readonly start: number; readonly end: number };
}

/** What the page last drew, for the tests (the command `netpol.connectivityViewState`). */
export interface RenderedState {
  readonly revision: number;
  readonly level: 'workloads' | 'namespaces' | 'groups';
  readonly focus?: string;
  readonly nodes: readonly string[];
  readonly edges: readonly { readonly src: string; readonly dst: string; readonly conns: string }[];
  readonly millis: number;
  readonly zoom: number;
}

export function registerConnectivityView(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  let panel: ConnectivityPanel | undefined;
  context.subscriptions.push(
    vscode.commands.registerCommand('netpol.showConnectivity', async () => {
      const client = getClient();
      if (!client) {
        void vscode.window.showErrorMessage('netpol: the language server is not running.');
        return;
      }
      if (panel) panel.reveal();
      else {
        panel = new ConnectivityPanel(context, client, () => (panel = undefined));
        await panel.refresh(true);
      }
    }),
    vscode.commands.registerCommand('netpol.connectivityViewState', () => panel?.rendered),
  );
}

class ConnectivityPanel {
  private readonly panel: vscode.WebviewPanel;
  private readonly disposables: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly dirty = new Set<string>();
  private readonly removed = new Set<string>();
  private pending: Promise<void> = Promise.resolve();
  /** An update queued behind the running one and not started yet. */
  private waiting: Promise<void> | undefined;
  /** The namespace the user opened in the page (the server summarises large workspaces per namespace). */
  private focus: string | undefined;
  /** Whether the server answers from its own workspace index; false once it said it keeps none (then files are sent). */
  private fromIndex = true;
  rendered: RenderedState | undefined;

  constructor(
    context: vscode.ExtensionContext,
    private readonly client: LanguageClient,
    onDispose: () => void,
  ) {
    const dist = vscode.Uri.joinPath(context.extensionUri, 'dist');
    this.panel = vscode.window.createWebviewPanel('netpol.connectivity', 'Connectivity', vscode.ViewColumn.Beside, {
      enableScripts: true,
      retainContextWhenHidden: true,
      localResourceRoots: [dist],
    });
    this.panel.webview.html = this.html(dist);
    this.panel.onDidDispose(() => {
      for (const d of this.disposables) d.dispose();
      if (this.timer) clearTimeout(this.timer);
      onDispose();
    });
    this.panel.webview.onDidReceiveMessage((m: { type: string; rules?: RuleLocation[]; state?: RenderedState; focus?: string; namespace?: string }) => {
      if (m.type === 'open' && m.rules) void openRule(m.rules);
      if (m.type === 'rendered' && m.state) this.rendered = m.state;
      if (m.type === 'ready') {
        // A reloaded page says which namespace it had open.
        this.focus = m.focus;
        void this.refresh(false);
      }
      if (m.type === 'focus') {
        this.focus = m.namespace;
        void this.refresh(false);
      }
    });
    const touch = (uri: vscode.Uri, gone: boolean): void => {
      if (/[/\\](node_modules|\.git)[/\\]/.test(uri.path)) return;
      if (gone) {
        this.removed.add(uri.toString());
        this.dirty.delete(uri.toString());
      } else {
        this.dirty.add(uri.toString());
        this.removed.delete(uri.toString());
      }
      this.schedule();
    };
    this.disposables.push(
      ...watchManifests(touch),
      // The server reads open documents itself; a change only needs a new request.
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (/\.(ya?ml|json)$/i.test(e.document.uri.path)) this.schedule();
      }),
    );
  }

  reveal(): void {
    this.panel.reveal();
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    // A burst of keystrokes makes one request.
    this.timer = setTimeout(() => void this.refresh(false), 250);
  }

  /** Asks the server for the report (with every manifest on the first call) and posts it to the page. */
  refresh(all: boolean): Promise<void> {
    // While a large workspace's view is being computed, the edits that come in need one more request, not one each: an
    // update that has not started yet will read whatever changed by then.
    if (!all && this.waiting) return this.waiting;
    const run = this.pending.then(async () => {
      if (!all) this.waiting = undefined;
      try {
        const started = Date.now();
        const focus = this.focus !== undefined ? { focus: this.focus } : {};
        if (this.fromIndex) {
          const answer = await this.client.sendRequest<unknown>(REQUEST, { fromIndex: true, ...focus });
          if (!(answer && typeof answer === 'object' && 'needsFiles' in answer)) {
            await this.panel.webview.postMessage({ type: 'data', view: answer, timing: { files: 0, readMs: 0, requestMs: Date.now() - started } });
            return;
          }
          // The server keeps no workspace index: from now on this panel sends the files, all of them this time.
          this.fromIndex = false;
          all = true;
        }
        const files = all ? await readManifests((await findManifests()).map((u) => u.toString())) : await readManifests([...this.dirty]);
        const removed = all ? [] : [...this.removed];
        this.dirty.clear();
        this.removed.clear();
        const read = Date.now();
        const view = await this.client.sendRequest(REQUEST, { files, removed, reset: all, ...focus });
        // Where a slow first view spends its time (reading the files here, the request with the server's work), for the page's status line.
        const timing = { files: files.length, readMs: read - started, requestMs: Date.now() - read };
        await this.panel.webview.postMessage({ type: 'data', view, timing });
      } catch (error) {
        void vscode.window.showErrorMessage(`netpol: connectivity failed: ${String(error)}`);
      }
    });
    if (!all) this.waiting = run;
    this.pending = run;
    return run;
  }

  private html(dist: vscode.Uri): string {
    const webview = this.panel.webview;
    const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
    const script = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'connectivity-view.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(dist, 'connectivity-view.css'));
    // Only our bundled script (by nonce) and stylesheet run; no inline code, no remote content.
    const csp = [`default-src 'none'`, `img-src ${webview.cspSource} data:`, `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Connectivity</title>
</head>
<body>
<header>
  <button id="back" type="button" hidden>All namespaces</button>
  <input id="filter" type="search" placeholder="Filter by namespace or workload" aria-label="Filter">
  <button id="mode" type="button">Table</button>
  <button id="fit" type="button">Fit</button>
  <span id="summary"></span>
  <span class="legend"><span class="key iso">isolated</span><span class="key half">isolated one way</span><span class="key open">not isolated</span><span class="key ext">external range</span></span>
</header>
<main>
  <div id="graph" role="img" aria-label="Connectivity graph"></div>
  <div id="table" hidden></div>
  <aside id="details" hidden aria-live="polite"></aside>
</main>
<pre id="state" hidden></pre>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
  }
}

interface RuleLocation extends Location {
  readonly policy: string;
  readonly direction: string;
  readonly index: number;
  readonly conns: string;
}

async function openRule(rules: readonly RuleLocation[]): Promise<void> {
  let rule: RuleLocation | undefined = rules[0];
  if (rules.length > 1) {
    const picked = await vscode.window.showQuickPick(
      rules.map((r) => ({ label: `${r.policy} ${r.direction} rule ${r.index + 1}`, description: r.conns, rule: r })),
      { placeHolder: 'Which allowing rule to open' },
    );
    rule = picked?.rule;
  }
  if (!rule) return;
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(rule.uri));
  const range = new vscode.Range(doc.positionAt(rule.span.start), doc.positionAt(rule.span.end));
  await vscode.window.showTextDocument(doc, { selection: new vscode.Range(range.start, range.start), viewColumn: vscode.ViewColumn.One });
}
