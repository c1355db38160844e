// The transport-free language service: text in, LSP types out. It keeps, per file, its YAML documents keyed by their text,
// so an edit re-parses and re-checks only the documents whose text changed. No `connection`, no file I/O: the LSP server,
// the CLI and the tests all use this object.
import {
  DiagnosticSeverity,
  DiagnosticTag,
  type CodeAction,
  type CodeActionContext,
  type CodeLens,
  type CompletionList,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import { codeActions } from './features/code-actions/code-actions';
import { codeLenses } from './features/explain/code-lens';
import { executeCommand, type CommandResult } from './features/code-actions/commands';
import { complete } from './features/completion/completion';
import { hover } from './features/hover/hover';
import { documentSymbols } from './features/symbols';
import { analyzeDocument, parseDocumentChunk, type DocumentAnalysis } from './lint/document';
import { isEnabled, lintFile, type FileFindingResult, type PlacedDocument } from './lint/file';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from './lint/settings';
import { allRules } from './rules/registry';
import type { Rule, Severity } from './rules/types';
import { LineIndex } from './syntax/lines';
import { splitDocuments } from './syntax/split';

export interface FileSnapshot {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
  readonly lines: LineIndex;
  readonly documents: readonly PlacedDocument[];
  readonly findings: readonly FileFindingResult[];
  /** The settings the findings were computed with (fixes read them too). */
  readonly settings: Settings;
}

export interface LanguageService {
  /** Replaces the settings; cached findings are recomputed on next use. */
  setSettings(settings: unknown): void;
  getSettings(): Settings;
  /** Stores a file's new text. Cheap: analysis happens on the next query. */
  update(uri: string, text: string, version?: number): void;
  close(uri: string): void;
  has(uri: string): boolean;
  /** Analyses the file (reusing every unchanged document) and returns its snapshot. */
  snapshot(uri: string): FileSnapshot | undefined;
  /**
   * The same analysis in steps: each `next()` analyses a slice of the changed documents, so a caller can yield to other
   * requests in between and abandon the work when a newer version arrives. Returns the snapshot when done.
   */
  analyzeInSteps(uri: string, documentsPerStep?: number): Generator<void, FileSnapshot | undefined>;
  getDiagnostics(uri: string): Diagnostic[];
  doHover(uri: string, position: Position): Hover | null;
  doComplete(uri: string, position: Position): CompletionList;
  getCodeActions(uri: string, range: Range, context: CodeActionContext): CodeAction[];
  getDocumentSymbols(uri: string): DocumentSymbol[];
  getCodeLenses(uri: string): CodeLens[];
  executeCommand(command: string, args: readonly unknown[]): CommandResult | undefined;
}

interface FileState {
  uri: string;
  text: string;
  version: number;
  snapshot?: FileSnapshot;
  /** Document analyses of the last snapshot, by document text. */
  cache: Map<string, DocumentAnalysis>;
}

export function createLanguageService(options: { settings?: unknown } = {}): LanguageService {
  let settings: Settings = options.settings === undefined ? DEFAULT_SETTINGS : normaliseSettings(options.settings);
  let enabledRules: readonly Rule[] = allRules.filter((r) => isEnabled(r, settings));
  const files = new Map<string, FileState>();
  /** Parses are independent of settings, so a settings change re-runs the rules but never re-parses. */
  const parseCacheByFile = new Map<string, Map<string, ReturnType<typeof parseDocumentChunk>>>();

  function* analyze(state: FileState, perStep: number): Generator<void, FileSnapshot> {
    if (state.snapshot && state.snapshot.version === state.version && state.snapshot.text === state.text) return state.snapshot;
    // The text may change while this runs in steps; everything below works on the text it started with.
    const { text, version } = state;
    const chunks = splitDocuments(text);
    const nextCache = new Map<string, DocumentAnalysis>();
    const parseCache = parseCacheByFile.get(state.uri) ?? new Map();
    const nextParseCache = new Map<string, ReturnType<typeof parseDocumentChunk>>();
    const documents: PlacedDocument[] = [];
    let work = 0;
    for (const chunk of chunks) {
      let analysis = state.cache.get(chunk.text) ?? nextCache.get(chunk.text);
      if (!analysis) {
        const parsed = parseCache.get(chunk.text) ?? nextParseCache.get(chunk.text) ?? parseDocumentChunk(chunk.text);
        nextParseCache.set(chunk.text, parsed);
        analysis = analyzeDocument(chunk.text, settings, enabledRules, parsed);
        if (++work % perStep === 0) yield;
      } else {
        const parsed = parseCache.get(chunk.text);
        if (parsed) nextParseCache.set(chunk.text, parsed);
      }
      nextCache.set(chunk.text, analysis);
      documents.push({ analysis, start: chunk.start });
    }
    const findings = settings.enable ? lintFile(text, documents, settings, enabledRules) : [];
    const snapshot: FileSnapshot = { uri: state.uri, text, version, lines: new LineIndex(text), documents, findings, settings };
    if (state.text === text) {
      state.cache = nextCache;
      parseCacheByFile.set(state.uri, nextParseCache);
      state.snapshot = snapshot;
    }
    return snapshot;
  }

  function runToEnd(state: FileState): FileSnapshot {
    const steps = analyze(state, Number.MAX_SAFE_INTEGER);
    for (;;) {
      const r = steps.next();
      if (r.done) return r.value;
    }
  }

  return {
    setSettings(input) {
      settings = normaliseSettings(input);
      enabledRules = allRules.filter((r) => isEnabled(r, settings));
      for (const state of files.values()) {
        state.cache = new Map();
        delete state.snapshot;
      }
    },
    getSettings: () => settings,
    update(uri, text, version) {
      const state = files.get(uri);
      if (state) {
        state.text = text;
        state.version = version ?? state.version + 1;
      } else {
        files.set(uri, { uri, text, version: version ?? 0, cache: new Map() });
      }
    },
    close(uri) {
      files.delete(uri);
      parseCacheByFile.delete(uri);
    },
    has: (uri) => files.has(uri),
    snapshot(uri) {
      const state = files.get(uri);
      return state ? runToEnd(state) : undefined;
    },
    *analyzeInSteps(uri, documentsPerStep = 50) {
      const state = files.get(uri);
      if (!state) return undefined;
      return yield* analyze(state, Math.max(1, documentsPerStep));
    },
    getDiagnostics(uri) {
      const state = files.get(uri);
      return state ? toDiagnostics(runToEnd(state)) : [];
    },
    doHover(uri, position) {
      const snap = snapshotOf(uri);
      return snap ? hover(snap, snap.lines.offsetAt(position)) : null;
    },
    doComplete(uri, position) {
      const snap = snapshotOf(uri);
      return snap ? complete(snap, snap.lines.offsetAt(position)) : { isIncomplete: false, items: [] };
    },
    getCodeActions(uri, range, context) {
      const snap = snapshotOf(uri);
      return snap ? codeActions(snap, range, context) : [];
    },
    getDocumentSymbols(uri) {
      const snap = snapshotOf(uri);
      return snap ? documentSymbols(snap) : [];
    },
    getCodeLenses(uri) {
      const snap = snapshotOf(uri);
      return snap ? codeLenses(snap) : [];
    },
    executeCommand(command, args) {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      return executeCommand(uri ? snapshotOf(uri) : undefined, command, args);
    },
  };

  function snapshotOf(uri: string): FileSnapshot | undefined {
    const state = files.get(uri);
    return state ? runToEnd(state) : undefined;
  }
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export function toDiagnostics(snapshot: FileSnapshot): Diagnostic[] {
  return snapshot.findings.map((f) => {
    const diagnostic: Diagnostic = {
      range: snapshot.lines.rangeOf(f.span),
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      source: 'netpol',
      message: f.message,
      data: { ruleId: f.ruleId, documentIndex: f.documentIndex, ...(f.data ?? {}) },
    };
    if (f.tag) diagnostic.tags = [f.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated];
    return diagnostic;
  });
}
