// Wires the language service to LSP and does nothing else: document sync, settings, scheduling of diagnostics, and
// forwarding requests. Diagnostics are computed in slices so that other requests and newer edits are never stuck behind
// a long validation; an outdated run is abandoned, and a version older than the newest is never published.
import {
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeResult,
} from 'vscode-languageserver';
import type { Failure } from '../lint/checks';
import type { RuleRegistry } from '../rules/registry';
import { createLanguageService, type FileChange, type LanguageService } from '../service';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableDocument } from './document';
import { registerConnectivity } from './connectivity';
import { registerFeatures, featureCapabilities } from './features';
import { EditorSettings, isConfigFile, type ConfigFileText } from './editor-settings';
import type { ServerHost } from './host';
import { netpolSection } from './settings-source';
import { WORKSPACE_FILES_NOTIFICATION, WorkspaceFiles, workspaceOptions, type WorkspaceFilesParams } from './workspace-files';

/** package.json's version, set by the build (scripts/build.mjs); absent when the source runs unbundled (tests). */
declare const NETPOL_VERSION: string;
const DOCUMENTS_PER_SLICE = 16;
/** Analyses of at least this many documents are followed by `prepareForEdits`. */
const PREPARE_AFTER_DOCUMENTS = 500;

/** `registry`: the rules to run instead of netpol's (for tests that inject a failing rule). */
export function startServer(connection: Connection, host: ServerHost, options: { registry?: RuleRegistry } = {}): void {
  // A rule or feature that throws is contained by the service; it is logged once per kind of failure, not per keystroke.
  const logged = new Set<string>();
  const onFailure = (f: Failure): void => {
    const key = `${f.what}\0${f.error}`;
    if (logged.has(key)) return;
    logged.add(key);
    connection.console.error(`netpol: ${f.what} failed at ${f.uri}${f.line === undefined ? '' : `:${f.line + 1}`}: ${f.error}`);
  };
  const service: LanguageService = createLanguageService({ ...(options.registry ? { registry: options.registry } : {}), onFailure });
  /** The edits of each document's latest change, as offsets: the service re-splits only the documents they touch. */
  const changes = new Map<string, FileChange>();
  const documents = new TextDocuments<EditableDocument>({
    create: (uri, languageId, version, content) => new EditableDocument(uri, languageId, version, content),
    update(doc, contentChanges, version) {
      const from = doc.getText();
      // The service's line index of this very text resolves the change's positions without reading the text.
      const edits = doc.apply(contentChanges, version, service.linesOf(doc.uri, from));
      if (edits) changes.set(doc.uri, { from, edits });
      else changes.delete(doc.uri);
      return doc;
    },
  });
  let pullConfiguration = false;
  /** The settings from initializationOptions, and whether the workspace index was set up from settings since. */
  let initialSection: unknown;
  let workspaceConfigured = false;
  let dynamicConfiguration = false;
  let dynamicWatchers = false;
  let codeLensRefresh = false;
  const editorSettings = new EditorSettings(host.files);
  /** Republishes the open documents whose workspace findings another file's change may have changed. */
  const republishStale = (except?: string): void => {
    let any = false;
    for (const uri of service.staleWorkspaceFiles(except)) {
      const doc = documents.get(uri);
      if (doc && !runs.has(uri)) schedule(doc);
      any ||= doc !== undefined;
    }
    // The workspace lenses of those files (what a podSelector selects) changed too; editors ask for lenses only on edits.
    if (any && codeLensRefresh) void connection.sendRequest('workspace/codeLens/refresh').catch(() => undefined);
  };
  const workspaceFiles = new WorkspaceFiles(connection, service, host.workspaceDisk, () => republishStale());
  /** `.netpol.yaml` files with published diagnostics. */
  const configsWithDiagnostics = new Set<string>();
  /** The run in progress per uri; a newer edit replaces it. */
  const runs = new Map<string, { version: number; cancelled: boolean }>();
  const published = new Map<string, number>();
  /** Requests waiting for a uri's analysis to finish (code actions, lenses, symbols), woken when no run is left. */
  const waiting = new Map<string, (() => void)[]>();
  const wake = (uri: string): void => {
    const waiters = waiting.get(uri);
    waiting.delete(uri);
    for (const w of waiters ?? []) w();
  };
  /** Resolves once the uri has no analysis in progress (at once if it has none). */
  const whenAnalysed = (uri: string): Promise<void> => {
    if (!runs.has(uri)) return Promise.resolve();
    return new Promise((resolve) => {
      let list = waiting.get(uri);
      if (!list) waiting.set(uri, (list = []));
      list.push(resolve);
    });
  };

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    dynamicConfiguration = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    dynamicWatchers = Boolean(params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    const initial = netpolSection(params.initializationOptions);
    initialSection = initial;
    const options = params.initializationOptions as { contributesSnippets?: unknown; configFiles?: unknown } | undefined;
    editorSettings.setFolders((params.workspaceFolders ?? []).map((f) => f.uri));
    workspaceFiles.setFolders((params.workspaceFolders ?? []).map((f) => f.uri));
    // A client whose server cannot read files (the browser) sends the `.netpol.yaml` files itself.
    if (Array.isArray(options?.configFiles)) editorSettings.receive(options.configFiles as ConfigFileText[]);
    if (initial !== undefined) editorSettings.setEditorSettings(initial);
    service.setClientOptions({
      contributesSnippets: options?.contributesSnippets === true,
      insertReplaceEdits: params.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
    });
    if (initial !== undefined) report(service.setSettings(initial));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...featureCapabilities(),
      },
      serverInfo: { name: 'netpol-language-server', version: typeof NETPOL_VERSION === 'string' ? NETPOL_VERSION : '0.0.0-dev' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration && dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'netpol' });
    }
    if (dynamicWatchers) {
      // The workspace's manifests too, for the workspace index.
      void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/.netpol.yaml' }, { globPattern: '**/*.{yaml,yml,json}' }] });
    }
    await refreshSettings(undefined);
    if (!workspaceConfigured) await workspaceFiles.configure(workspaceOptions(initialSection, (m) => report([m])));
  });

  /** Setting values the service did not accept, logged since the settings last changed (each once: every document repeats them). */
  const reported = new Set<string>();
  function report(problems: readonly string[]): void {
    for (const problem of problems) {
      if (reported.has(problem)) continue;
      reported.add(problem);
      connection.console.warn(`netpol: ${problem}`);
    }
  }

  async function refreshSettings(pushed: unknown): Promise<void> {
    let next: unknown;
    const byFolder = new Map<string, unknown>();
    if (pullConfiguration) {
      // One request: the settings without a scope, then each workspace folder's (VS Code's folder settings win there).
      const folders = editorSettings.workspaceFolders;
      try {
        const all: unknown[] = await connection.workspace.getConfiguration([{ section: 'netpol' }, ...folders.map((scopeUri) => ({ scopeUri, section: 'netpol' }))]);
        next = all[0];
        folders.forEach((f, i) => all[i + 1] !== undefined && all[i + 1] !== null && byFolder.set(f, all[i + 1]));
      } catch {
        next = netpolSection(pushed);
      }
    } else {
      next = netpolSection(pushed);
    }
    if (next === undefined || next === null) {
      if (pushed === undefined) return;
      next = {};
    }
    reported.clear();
    report(service.setSettings(next));
    editorSettings.setEditorSettings(next, byFolder);
    applySettings({ all: true });
    workspaceConfigured = true;
    void workspaceFiles.configure(workspaceOptions(next, (m) => report([m])));
  }

  /**
   * Gives every open document the settings that now apply to it and re-checks those whose settings changed (all of them
   * after a change of the editor's settings, which the service has already applied), and republishes the diagnostics of
   * the `.netpol.yaml` files in use.
   */
  function applySettings(options: { all?: boolean } = {}): void {
    const inUse = new Set<string>();
    for (const doc of documents.all()) {
      if (isConfigFile(doc.uri)) {
        inUse.add(doc.uri);
        continue;
      }
      const before = service.getSettings(doc.uri);
      const { settings, configFile } = editorSettings.resolve(doc.uri);
      if (configFile) inUse.add(configFile);
      report(service.setFileSettings(doc.uri, settings));
      if (options.all || service.getSettings(doc.uri) !== before) schedule(doc);
    }
    for (const uri of new Set([...inUse, ...configsWithDiagnostics])) publishConfigDiagnostics(uri, inUse.has(uri));
  }

  /** A `.netpol.yaml`'s mistakes, when it is in use (or open); an empty list once they are gone. */
  function publishConfigDiagnostics(uri: string, inUse: boolean): void {
    const diagnostics = inUse ? editorSettings.diagnostics(uri) : [];
    if (diagnostics.length === 0 && !configsWithDiagnostics.has(uri)) return;
    if (diagnostics.length > 0) configsWithDiagnostics.add(uri);
    else configsWithDiagnostics.delete(uri);
    void connection.sendDiagnostics({ uri, diagnostics });
  }

  connection.onDidChangeWatchedFiles((params) => {
    workspaceFiles.filesChanged(params.changes.filter((c) => !isConfigFile(c.uri)));
    if (!params.changes.some((c) => isConfigFile(c.uri))) return;
    editorSettings.filesChanged();
    applySettings();
  });
  // From a client that reads the files for the server (the web extension): changed or deleted `.netpol.yaml` files.
  connection.onNotification('netpol/configFiles', (params: { files?: ConfigFileText[] }) => {
    editorSettings.receive(params?.files ?? []);
    applySettings();
  });

  // From a client that reads the workspace's manifests for the server (the browser build): see ARCHITECTURE.md.
  connection.onNotification(WORKSPACE_FILES_NOTIFICATION, (params: WorkspaceFilesParams) => {
    if (params && Array.isArray(params.files)) workspaceFiles.received(params);
  });

  connection.onDidChangeConfiguration((change) => {
    void refreshSettings(change.settings);
  });

  function schedule(doc: TextDocument): void {
    const previous = runs.get(doc.uri);
    if (previous) previous.cancelled = true;
    const run = { version: doc.version, cancelled: false };
    runs.set(doc.uri, run);
    const change = changes.get(doc.uri);
    changes.delete(doc.uri);
    service.update(doc.uri, doc.getText(), doc.version, change);
    // Slices of a few documents (a few milliseconds each) keep a request that arrives mid-analysis waiting for one slice at most.
    const steps = service.analyzeInSteps(doc.uri, DOCUMENTS_PER_SLICE);
    let analysed = 0;
    const step = (): void => {
      if (run.cancelled) return;
      let result: IteratorResult<void, unknown>;
      try {
        result = steps.next();
      } catch (error) {
        connection.console.error(`netpol: analysis of ${doc.uri} failed: ${String(error)}`);
        runs.delete(doc.uri);
        wake(doc.uri);
        return;
      }
      if (!result.done) {
        analysed += DOCUMENTS_PER_SLICE;
        host.yieldToEventLoop(step);
        return;
      }
      runs.delete(doc.uri);
      wake(doc.uri);
      const current = documents.get(doc.uri);
      if (!current || current.version !== run.version) return;
      const last = published.get(doc.uri);
      if (last !== undefined && last > run.version) return;
      published.set(doc.uri, run.version);
      void connection.sendDiagnostics({ uri: doc.uri, version: run.version, diagnostics: service.getDiagnostics(doc.uri) });
      // An edit here may change what other open files' workspace rules find.
      republishStale(doc.uri);
      // After a large analysis (an open), prepare the edit path in idle time, so that the first keystrokes are fast too.
      if (analysed >= PREPARE_AFTER_DOCUMENTS) setTimeout(() => prepareForEdits(doc.uri, run.version), 0);
    };
    // The first slice runs after the messages already received: in a burst of keystrokes each newer edit cancels this run
    // before it starts, so only the newest version is analysed and published (a lone keystroke waits for nothing).
    setTimeout(step, 0);
  }

  /**
   * Idle-time preparation after a large file was analysed, so that the JavaScript engine has compiled the edit path before
   * the first keystroke: a few edits that change nothing, in the middle of the file, each taking the path a keystroke
   * takes (the rope's edit, the service's re-split and lint of the touched documents, the diagnostics), whose results
   * are the ones already published. Skipped when the document moved on meanwhile.
   */
  function prepareForEdits(uri: string, version: number): void {
    const doc = documents.get(uri);
    if (!doc || doc.version !== version || runs.has(uri)) return;
    const text = doc.getText();
    const lines = service.linesOf(uri, text);
    if (!lines) return;
    doc.prepareForEdits();
    const middle = lines.lineStart(lines.lineCount >> 1);
    for (let i = 0; i < 3; i++) {
      service.update(uri, text, version, { from: text, edits: [{ start: middle, end: middle, text: '' }] });
      service.getDiagnostics(uri);
    }
  }

  // A document's settings are resolved when it opens; later only when a setting or a `.netpol.yaml` changes.
  documents.onDidOpen((e) => {
    if (isConfigFile(e.document.uri)) return;
    const { settings, configFile } = editorSettings.resolve(e.document.uri);
    report(service.setFileSettings(e.document.uri, settings));
    if (configFile) publishConfigDiagnostics(configFile, true);
  });
  // TextDocuments fires onDidChangeContent on open too. An open `.netpol.yaml` is the config (saved or not), not a policy file.
  documents.onDidChangeContent((e) => {
    if (!isConfigFile(e.document.uri)) return schedule(e.document);
    editorSettings.setOpen(e.document.uri, e.document.getText());
    applySettings();
  });
  documents.onDidClose((e) => {
    if (isConfigFile(e.document.uri)) {
      editorSettings.setOpen(e.document.uri, undefined);
      applySettings();
      return;
    }
    const run = runs.get(e.document.uri);
    if (run) run.cancelled = true;
    runs.delete(e.document.uri);
    published.delete(e.document.uri);
    changes.delete(e.document.uri);
    wake(e.document.uri);
    service.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // The VS Code client's language status item: what applies to a document.
  connection.onRequest('netpol/status', (params: { uri?: string } | undefined) => {
    const uri = typeof params?.uri === 'string' ? params.uri : undefined;
    const { enable, kubernetesVersion, cloud, cni, profile } = service.getSettings(uri);
    const configFile = uri && !isConfigFile(uri) ? editorSettings.resolve(uri).configFile : undefined;
    return { enable, kubernetesVersion, cloud, cni, profile, ...(configFile ? { configFile } : {}) };
  });

  registerFeatures(connection, service, documents, whenAnalysed);
  registerConnectivity(connection, documents, host.yieldToEventLoop, {
    index() {
      if (!workspaceFiles.enabled) return undefined;
      // The open documents join the index when they are analysed: analyse those that changed since (cheap otherwise).
      for (const doc of documents.all()) if (service.has(doc.uri) && !isConfigFile(doc.uri)) service.snapshot(doc.uri);
      return service.workspaceIndex();
    },
  });
  documents.listen(connection);
  connection.listen();
}
