// Wires the language service to LSP and does nothing else: document sync, settings, scheduling of diagnostics, and
// forwarding requests. Diagnostics are computed in slices so that other requests and newer edits are never stuck behind
// a long validation; an outdated run is abandoned, and a version older than the newest is never published.
import {
  DidChangeConfigurationNotification,
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
import type { ServerHost } from './host';
import { netpolSection } from './settings-source';

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
  let dynamicConfiguration = false;
  /** The run in progress per uri; a newer edit replaces it. */
  const runs = new Map<string, { version: number; cancelled: boolean }>();
  const published = new Map<string, number>();

  connection.onInitialize((params): InitializeResult => {
    pullConfiguration = Boolean(params.capabilities.workspace?.configuration);
    dynamicConfiguration = Boolean(params.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration);
    const initial = netpolSection(params.initializationOptions);
    const options = params.initializationOptions as { contributesSnippets?: unknown } | undefined;
    service.setClientOptions({
      contributesSnippets: options?.contributesSnippets === true,
      insertReplaceEdits: params.capabilities.textDocument?.completion?.completionItem?.insertReplaceSupport === true,
    });
    if (initial !== undefined) service.setSettings(initial);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...featureCapabilities(),
      },
      serverInfo: { name: 'netpol-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(async () => {
    if (pullConfiguration && dynamicConfiguration) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: 'netpol' });
    }
    await refreshSettings(undefined);
  });

  async function refreshSettings(pushed: unknown): Promise<void> {
    let next: unknown;
    if (pullConfiguration) {
      try {
        next = await connection.workspace.getConfiguration('netpol');
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
    service.setSettings(next);
    for (const doc of documents.all()) schedule(doc);
  }

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
        return;
      }
      if (!result.done) {
        analysed += DOCUMENTS_PER_SLICE;
        host.yieldToEventLoop(step);
        return;
      }
      runs.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current || current.version !== run.version) return;
      const last = published.get(doc.uri);
      if (last !== undefined && last > run.version) return;
      published.set(doc.uri, run.version);
      void connection.sendDiagnostics({ uri: doc.uri, version: run.version, diagnostics: service.getDiagnostics(doc.uri) });
      // After a large analysis (an open), prepare the edit path in idle time, so that the first keystrokes are fast too.
      if (analysed >= PREPARE_AFTER_DOCUMENTS) setTimeout(() => prepareForEdits(doc.uri, run.version), 0);
    };
    // The first slice runs now: a small change is published at once, with no debounce.
    step();
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

  // TextDocuments fires onDidChangeContent on open too.
  documents.onDidChangeContent((e) => schedule(e.document));
  documents.onDidClose((e) => {
    const run = runs.get(e.document.uri);
    if (run) run.cancelled = true;
    runs.delete(e.document.uri);
    published.delete(e.document.uri);
    changes.delete(e.document.uri);
    service.close(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });

  // The VS Code client's language status item: what applies to a document.
  connection.onRequest('netpol/status', () => {
    const { enable, kubernetesVersion, cloud, cni, profile } = service.getSettings();
    return { enable, kubernetesVersion, cloud, cni, profile };
  });

  registerFeatures(connection, service, documents);
  registerConnectivity(connection, documents);
  documents.listen(connection);
  connection.listen();
}
