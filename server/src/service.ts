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
import { complete, type CompletionOptions } from './features/completion/completion';
import { hover } from './features/hover/hover';
import { documentSymbols } from './features/symbols';
import { analyzeDocument, type DocumentAnalysis, type DocumentResult, type RuleFinding } from './lint/document';
import { isEnabled, lintAnalyses, newFileRuleCache, placeResults, type FileFindingResult, type FileRuleCache, type PlacedDocument, type UnchangedDocuments } from './lint/file';
import { DEFAULT_SETTINGS, normaliseSettings, type Settings } from './lint/settings';
import { allRules } from './rules/registry';
import type { Rule, Severity } from './rules/types';
import type { NetworkPolicy } from './model/policy';
import { DocumentTable } from './syntax/document-table';
import { FileLines, LineIndex, type Lines } from './syntax/lines';
import { lastAtOrBefore } from './syntax/search';
import type { OffsetEdit } from './syntax/split';

export interface FileSnapshot {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
  readonly lines: Lines;
  readonly documents: readonly PlacedDocument[];
  readonly findings: readonly FileFindingResult[];
  /** The settings the findings were computed with (fixes read them too). */
  readonly settings: Settings;
  /**
   * The documents whose range (end included) holds an offset, in file order, found without building `documents` (which
   * for a large file costs an object per document). Optional: features fall back to filtering `documents`.
   */
  documentsAt?(offset: number): readonly PlacedDocument[];
}

export interface LanguageService {
  /** Replaces the settings; cached findings are recomputed on next use. */
  setSettings(settings: unknown): void;
  getSettings(): Settings;
  /**
   * Stores a file's new text. Cheap: analysis happens on the next query. With `change` (the edits that turned the previous
   * text into this one), only the documents the edits touch are re-split, so the file's text is not even read.
   */
  update(uri: string, text: string, version?: number, change?: FileChange): void;
  close(uri: string): void;
  has(uri: string): boolean;
  /**
   * Idle-time preparation after a large file was analysed: runs what an edit runs (the document table's edit, the lint of
   * the changed documents, line index, diagnostics) for an edit that changes nothing, so that the JavaScript engine has
   * compiled it before the first keystroke. Changes nothing; does nothing unless the file's snapshot is current.
   */
  prepareForEdits(uri: string): void;
  /** The line index of the last analysis, if it was of exactly this text (compared by reference); never analyses. */
  linesOf(uri: string, text: string): Lines | undefined;
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
  /**
   * What the client does itself and accepts: a client that contributes netpol's snippets gets none from completion; one
   * that accepts insert/replace edits gets completion edits that can also replace the rest of the word at the cursor.
   */
  setClientOptions(options: { contributesSnippets: boolean; insertReplaceEdits?: boolean }): void;
}

/** Hover and completion run on a partial snapshot while more documents than this still await analysis. */
const PARTIAL_AFTER_MISSING = 50;

interface FileState {
  uri: string;
  text: string;
  version: number;
  /** The documents of `text` with their analyses so far, kept current by incremental edits; undefined until the next analysis splits it. */
  table: DocumentTable<DocumentAnalysis> | undefined;
  snapshot?: FileSnapshot;
  /** Document analyses made with the current settings, by document text (for documents that come back, e.g. on undo). */
  cache: Map<string, DocumentAnalysis>;
  /** Analyses made with earlier settings, by document text: their parse is reused, their findings are not. */
  stale: Map<string, DocumentAnalysis>;
  /** What the file-wide rules saw and found last time, so that an edit changing none of their facts skips them. */
  rules: FileRuleCache;
}

/** The text a file's edits apply to, and the edits in order (offsets of each edit refer to the text after the previous). */
export interface FileChange {
  readonly from: string;
  readonly edits: readonly OffsetEdit[];
}

export function createLanguageService(options: { settings?: unknown } = {}): LanguageService {
  let settings: Settings = options.settings === undefined ? DEFAULT_SETTINGS : normaliseSettings(options.settings);
  let enabledRules: readonly Rule[] = allRules.filter((r) => isEnabled(r, settings));
  let completionOptions: CompletionOptions = { snippets: true, insertReplace: false };
  const files = new Map<string, FileState>();

  function* analyze(state: FileState, perStep: number): Generator<void, FileSnapshot> {
    if (state.snapshot && state.snapshot.version === state.version && state.snapshot.text === state.text) return state.snapshot;
    // The text may change while this runs in steps; everything below works on the text and table it started with.
    const { text, version } = state;
    const table = (state.table ??= DocumentTable.of<DocumentAnalysis>(text));
    // Untouched documents carry their analysis in the table: only the new ones are looked up or analysed, found with the
    // native `indexOf` (an edit runs this once, too rarely for the engine to optimise a loop over 5,000 documents).
    const analyses = table.values.slice();
    let work = 0;
    for (let i = analyses.indexOf(undefined); i !== -1; i = analyses.indexOf(undefined, i + 1)) {
      const chunkText = table.texts[i]!;
      let analysis = state.cache.get(chunkText);
      if (!analysis) {
        const old = state.stale.get(chunkText);
        analysis = analyzeDocument(chunkText, settings, enabledRules, old ? { parsed: old.parsed, policies: old.policies as NetworkPolicy[] } : undefined);
        state.cache.set(chunkText, analysis);
        if (++work % perStep === 0) yield;
      }
      analyses[i] = analysis;
    }
    const analysed = table.withValues(analyses);
    const complete = analyses as DocumentAnalysis[];
    const results = settings.enable ? lintAnalyses(complete, analysed.starts, settings, enabledRules, state.rules, unchangedSince(table)) : complete.map(() => NO_RESULTS);
    const snapshot = new TableSnapshot(state.uri, text, version, analysed, results, settings);
    if (state.text === text) {
      state.snapshot = snapshot;
      if (state.table === table) state.table = analysed;
      state.stale = new Map();
      // Edits leave analyses of texts that no longer exist behind; drop them once they outnumber the live ones.
      if (state.cache.size > 2 * analyses.length + 64) state.cache = new Map(complete.map((a) => [a.text, a]));
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
        if (state.cache.size > 0) state.stale = state.cache;
        state.cache = new Map();
        state.table = state.table?.withValues(new Array<undefined>(state.table.length).fill(undefined));
        delete state.snapshot;
      }
    },
    getSettings: () => settings,
    update(uri, text, version, change) {
      const state = files.get(uri);
      if (!state) {
        files.set(uri, { uri, text, version: version ?? 0, table: undefined, cache: new Map(), stale: new Map(), rules: newFileRuleCache() });
        return;
      }
      // The edits say what changed; without them, strings compare by reference first, so a request syncing the same
      // version costs nothing (and two long equal-length texts are never compared character by character after an edit).
      if (change && state.table && change.from === state.text) {
        let table = state.table;
        for (const edit of change.edits) table = table.edit(edit);
        state.table = table.textLength === text.length ? table : undefined;
      } else if (text !== state.text) {
        state.table = undefined;
      }
      state.text = text;
      state.version = version ?? state.version + 1;
    },
    close(uri) {
      files.delete(uri);
    },
    has: (uri) => files.has(uri),
    prepareForEdits(uri) {
      const state = files.get(uri);
      const snapshot = state?.snapshot;
      if (!state || !(snapshot instanceof TableSnapshot) || snapshot.text !== state.text || !settings.enable) return;
      // An edit that changes nothing, in the middle of the file, takes the path a keystroke takes: the table's edit, the
      // lint of the changed documents (with the table's lineage), the diagnostics. Its results are thrown away, and its
      // lint runs on a copy of the file's lint cache, which must keep describing this snapshot's analyses.
      const table = snapshot.table;
      const middle = table.starts[table.length >> 1]!;
      for (let i = 0; i < 3; i++) {
        const edited = table.edit({ start: middle, end: middle, text: '' });
        lintAnalyses(edited.values as DocumentAnalysis[], edited.starts, snapshot.settings, enabledRules, { ...state.rules }, unchangedSince(edited));
        snapshot.lines.positionAt(middle);
        toDiagnostics(snapshot);
      }
    },
    linesOf(uri, text) {
      const snapshot = files.get(uri)?.snapshot;
      return snapshot && snapshot.text === text ? snapshot.lines : undefined;
    },
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
      const state = files.get(uri);
      if (!state) return null;
      const { snapshot, offset } = interactiveSnapshot(state, position);
      return hover(snapshot, offset);
    },
    doComplete(uri, position) {
      const state = files.get(uri);
      if (!state) return { isIncomplete: false, items: [] };
      const { snapshot, offset } = interactiveSnapshot(state, position);
      return complete(snapshot, offset, completionOptions);
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
    setClientOptions(options) {
      completionOptions = { snippets: !options.contributesSnippets, insertReplace: options.insertReplaceEdits === true };
    },
    executeCommand(command, args) {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      return executeCommand(uri ? snapshotOf(uri) : undefined, command, args);
    },
  };

  /**
   * What hover and completion run on. When most of the file is analysed (the usual case, or a small edit since), the full
   * snapshot; while a large file is still being analysed in slices, a partial one instead: the documents analysed so far
   * plus the one at the cursor, without file-wide findings. So these requests never wait for the whole file.
   */
  function interactiveSnapshot(state: FileState, position: Position): { snapshot: FileSnapshot; offset: number } {
    const current = state.snapshot && state.snapshot.version === state.version && state.snapshot.text === state.text;
    if (!current) {
      const table = (state.table ??= DocumentTable.of<DocumentAnalysis>(state.text));
      let missing = 0;
      for (let i = 0; i < table.length && missing <= PARTIAL_AFTER_MISSING; i++) if (!table.values[i] && !state.cache.has(table.texts[i]!)) missing++;
      if (missing > PARTIAL_AFTER_MISSING) return partialSnapshot(state, table, position);
    }
    const snapshot = runToEnd(state);
    return { snapshot, offset: snapshot.lines.offsetAt(position) };
  }

  function partialSnapshot(state: FileState, table: DocumentTable<DocumentAnalysis>, position: Position): { snapshot: FileSnapshot; offset: number } {
    const { text, version } = state;
    const lines = new LineIndex(text);
    const offset = lines.offsetAt(position);
    const documents: PlacedDocument[] = [];
    for (let i = 0; i < table.length; i++) {
      const chunkText = table.texts[i]!;
      const start = table.starts[i]!;
      let analysis = table.values[i] ?? state.cache.get(chunkText);
      if (!analysis && start <= offset && offset <= start + chunkText.length) {
        const old = state.stale.get(chunkText);
        analysis = analyzeDocument(chunkText, settings, enabledRules, old ? { parsed: old.parsed, policies: old.policies as NetworkPolicy[] } : undefined);
        state.cache.set(chunkText, analysis);
      }
      if (analysis) documents.push({ analysis, start });
    }
    return { snapshot: { uri: state.uri, text, version, lines, documents, findings: [], settings }, offset };
  }

  function snapshotOf(uri: string): FileSnapshot | undefined {
    const state = files.get(uri);
    return state ? runToEnd(state) : undefined;
  }
}

/** The documents edits left alone since the analysed table they started from: the lint redoes only the others. */
function unchangedSince(table: DocumentTable<DocumentAnalysis>): UnchangedDocuments | undefined {
  const lineage = table.lineage;
  return lineage && { since: lineage.base.values, prefix: lineage.prefix, suffix: lineage.suffix };
}

/**
 * A snapshot made by the service: its documents, line index and absolute findings are assembled on first use from the
 * document table, so that the edit path (analysis, then `toDiagnostics`) never builds them for a large file.
 */
class TableSnapshot implements FileSnapshot {
  private placed?: readonly PlacedDocument[];
  private fileLines?: Lines;
  private placedFindings?: readonly FileFindingResult[];

  constructor(
    readonly uri: string,
    readonly text: string,
    readonly version: number,
    /** Every document with its analysis. */
    readonly table: DocumentTable<DocumentAnalysis>,
    /** Per document, its results (relative spans). */
    readonly results: readonly (readonly DocumentResult[])[],
    readonly settings: Settings,
  ) {}

  get documents(): readonly PlacedDocument[] {
    const { values, starts } = this.table;
    return (this.placed ??= values.map((analysis, i) => ({ analysis: analysis!, start: starts[i]! })));
  }

  get lines(): Lines {
    const table = this.table;
    return (this.fileLines ??= new FileLines(table.starts, table.firstLines, (i) => table.values[i]!.lines, table.lineCount, table.textLength));
  }

  get findings(): readonly FileFindingResult[] {
    return (this.placedFindings ??= placeResults(this.results, this.table.starts));
  }

  documentsAt(offset: number): readonly PlacedDocument[] {
    const { starts, values, texts } = this.table;
    // The last document starting at or before the offset, and the one before it when the offset is its end.
    const low = lastAtOrBefore(starts, offset);
    const found: PlacedDocument[] = [];
    for (let i = Math.max(0, low - 1); i <= low; i++) {
      if (starts[i]! <= offset && offset <= starts[i]! + texts[i]!.length) found.push({ analysis: values[i]!, start: starts[i]! });
    }
    return found;
  }
}

const NO_RESULTS: readonly DocumentResult[] = [];

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/**
 * A document's diagnostics, by its results: reused while the document starts on the same line, so an
 * edit converts only the diagnostics of the documents it changed or moved.
 */
const documentDiagnostics = new WeakMap<readonly DocumentResult[], { firstLine: number; diagnostics: readonly Diagnostic[] }>();

export function toDiagnostics(snapshot: FileSnapshot): Diagnostic[] {
  if (!(snapshot instanceof TableSnapshot)) return snapshot.findings.map((f) => toDiagnostic(f, snapshot.lines.rangeOf(f.span)));
  const { table, results } = snapshot;
  const out: Diagnostic[] = [];
  for (let documentIndex = 0; documentIndex < results.length; documentIndex++) {
    const found = results[documentIndex]!;
    if (found.length === 0) continue;
    const firstLine = table.firstLines[documentIndex]!;
    let known = documentDiagnostics.get(found);
    if (!known || known.firstLine !== firstLine) {
      const analysis = table.values[documentIndex]!;
      const start = table.starts[documentIndex]!;
      const position = (offset: number) => {
        // A span that runs on past its document (a template's) is placed in the file.
        if (offset > analysis.text.length) return snapshot.lines.positionAt(start + offset);
        const p = analysis.lines.positionAt(offset);
        return { line: firstLine + p.line, character: p.character };
      };
      const diagnostics = found.map((f) => toDiagnostic(f, { start: position(f.span.start), end: position(f.span.end) }));
      documentDiagnostics.set(found, (known = { firstLine, diagnostics }));
    }
    for (const d of known.diagnostics) out.push(d);
  }
  return out;
}

/**
 * No `data`: code actions find their findings again by rule id and range, so nothing would read it, and a large file
 * republishes every diagnostic on each keystroke.
 */
function toDiagnostic(f: RuleFinding & { readonly severity: Severity }, range: Range): Diagnostic {
  const diagnostic: Diagnostic = { range, severity: SEVERITY[f.severity], code: f.ruleId, source: 'netpol', message: f.message };
  if (f.tag) diagnostic.tags = [f.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated];
  return diagnostic;
}
