// The transport-free language service: text in, LSP types out. It keeps, per file, its document table and the memory of
// earlier analyses, so an edit re-parses and re-checks only the documents whose text changed; it caches snapshots and
// schedules their analysis, and each feature is called from here. No `connection`, no file I/O: the LSP server, the CLI
// and the tests all use this object.
import type { CodeAction, CodeActionContext, CodeLens, CompletionList, Diagnostic, DocumentSymbol, Hover, Position, Range } from 'vscode-languageserver-types';
import { codeActions } from './features/code-actions/code-actions';
import { codeLenses } from './features/explain/code-lens';
import { executeCommand, type CommandResult } from './features/code-actions/commands';
import { complete, type CompletionOptions } from './features/completion/completion';
import { toDiagnostics } from './features/diagnostics';
import { hover } from './features/hover/hover';
import { workspaceHover, workspaceLenses } from './features/hover/workspace-hover';
import { documentSymbols } from './features/symbols';
import { activeRules, type ActiveRules } from './lint/active-rules';
import { describeError, type FailureSink } from './lint/checks';
import type { DocumentAnalysis } from './lint/document';
import { normaliseSettings, type Settings } from './lint/settings';
import { analyzeFile, FileMemory, partialSnapshot, tableLines, withResults, type FileSnapshot } from './lint/snapshot';
import { NO_WORKSPACE_FINDINGS, WorkspaceLinter } from './lint/workspace';
import type { WorkspaceIndex } from './workspace/index';
import { defaultRegistry, type RuleRegistry } from './rules/registry';
import { runSteps } from './steps';
import { DocumentTable } from './syntax/document-table';
import type { Lines } from './syntax/lines';
import type { OffsetEdit } from './syntax/split';

export interface LanguageService {
  /**
   * Replaces the settings of every file without its own; cached findings are recomputed on next use. Returns a message
   * for each value outside the settings' vocabulary (its default is used instead).
   */
  setSettings(settings: unknown): string[];
  /** The settings a file is analysed with (its own, else the service's); the service's without a uri. */
  getSettings(uri?: string): Settings;
  /**
   * Gives one file its own settings (the LSP server's merge of its folder's editor settings and its `.netpol.yaml`), or
   * with `undefined` returns it to the service's. Equal settings keep the file's analyses.
   */
  setFileSettings(uri: string, settings: unknown): string[];
  /**
   * Stores a file's new text. Cheap: analysis happens on the next query. With `change` (the edits that turned the previous
   * text into this one), only the documents the edits touch are re-split, so the file's text is not even read.
   */
  update(uri: string, text: string, version?: number, change?: FileChange): void;
  close(uri: string): void;
  has(uri: string): boolean;
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
  /**
   * A workspace file's text as on disk (or as the client read it): indexed for the workspace rules, hovers and lenses of
   * other files. While the file is open, its open text is what counts; this copy takes its place when it closes.
   */
  updateWorkspaceFile(uri: string, text: string): void;
  /** The file left the workspace (deleted or excluded). */
  removeWorkspaceFile(uri: string): void;
  /** False stops the workspace pass: no file is judged against others, and open files are not indexed. On by default. */
  setWorkspaceEnabled(enabled: boolean): void;
  /**
   * The open files whose workspace findings may have changed since their diagnostics were last computed, because another
   * file changed (the LSP layer republishes them). Cheap: compares namespace versions.
   */
  staleWorkspaceFiles(except?: string): string[];
  /** The workspace index (read-only for callers): what the connectivity engine and the CLI read. */
  workspaceIndex(): WorkspaceIndex;
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
  /** The snapshot with the workspace pass applied, for the snapshot and workspace result it was made from. */
  withWorkspace?: { base: FileSnapshot; result: unknown; snapshot: FileSnapshot };
  /** What analyses of this file keep between runs. */
  memory: FileMemory;
}

/** The text a file's edits apply to, and the edits in order (offsets of each edit refer to the text after the previous). */
export interface FileChange {
  readonly from: string;
  readonly edits: readonly OffsetEdit[];
}

/**
 * `onFailure` is told about each rule, fix or feature that throws (its name and location, never the text): the failure is
 * contained where it happened (the rule's findings become one internal-error finding, a feature answers as if it had
 * nothing to say) and every other result still arrives.
 */
export function createLanguageService(options: { settings?: unknown; registry?: RuleRegistry; onFailure?: FailureSink } = {}): LanguageService {
  const registry = options.registry ?? defaultRegistry;
  const onFailure = options.onFailure;
  let rules: ActiveRules = activeRules(registry, normaliseSettings(options.settings), onFailure);
  let completionOptions: CompletionOptions = { snippets: true, insertReplace: false };
  const files = new Map<string, FileState>();
  /** Per-file settings, as active rules; files with equal settings share one object (so their analyses stay valid). */
  const fileRules = new Map<string, ActiveRules>();
  const rulesBySettings = new Map<string, ActiveRules>();
  const rulesOf = (state: FileState): ActiveRules => fileRules.get(state.uri) ?? rules;
  const invalidate = (state: FileState): void => {
    // Analyses carried in the table were made under the old settings.
    state.table = state.table?.withValues(new Array<undefined>(state.table.length).fill(undefined));
  };
  const workspace = new WorkspaceLinter();
  let workspaceEnabled = true;

  const isCurrent = (state: FileState): boolean => state.snapshot !== undefined && state.snapshot.version === state.version && state.snapshot.text === state.text && state.snapshot.rules === rulesOf(state);

  function* analyze(state: FileState, perStep: number): Generator<void, FileSnapshot> {
    return applyWorkspace(state, yield* analyzeOwn(state, perStep));
  }

  /**
   * The file's snapshot with the workspace pass: the open file's documents feed the index (facts extracted once per
   * document analysis), then workspace rules judge it against every file. Reused while nothing it read changed.
   */
  function applyWorkspace(state: FileState, base: FileSnapshot): FileSnapshot {
    if (!workspaceEnabled || !base.rules.settings.enable) return base;
    workspace.updateOpenFile(state.uri, base.table.values as DocumentAnalysis[], base.table.starts, base.unchanged);
    const result = workspace.lint({ uri: state.uri, rules: base.rules, starts: base.table.starts, analyses: base.table.values, results: base.results, key: base });
    if (result === NO_WORKSPACE_FINDINGS) return base;
    const known = state.withWorkspace;
    if (known && known.base === base && known.result === result) return known.snapshot;
    const snapshot = withResults(base, result);
    state.withWorkspace = { base, result, snapshot };
    return snapshot;
  }

  function* analyzeOwn(state: FileState, perStep: number): Generator<void, FileSnapshot> {
    if (isCurrent(state)) return state.snapshot!;
    // The text may change while this runs in steps; everything below works on the text and table it started with.
    const { uri, text, version } = state;
    const table = (state.table ??= DocumentTable.of<DocumentAnalysis>(text));
    const snapshot = yield* analyzeFile({ uri, text, version }, table, rulesOf(state), state.memory, perStep);
    if (state.text === text && snapshot.rules === rulesOf(state)) {
      state.snapshot = snapshot;
      if (state.table === table) state.table = snapshot.table;
      state.memory.settle(snapshot.table.values as DocumentAnalysis[]);
    }
    return snapshot;
  }

  function runToEnd(state: FileState): FileSnapshot {
    return runSteps(analyze(state, Number.MAX_SAFE_INTEGER));
  }

  function snapshotOf(uri: string): FileSnapshot | undefined {
    const state = files.get(uri);
    return state ? runToEnd(state) : undefined;
  }

  return {
    setSettings(input) {
      const problems: string[] = [];
      rules = activeRules(registry, normaliseSettings(input, (message) => problems.push(message)), onFailure);
      for (const state of files.values()) if (!fileRules.has(state.uri)) invalidate(state);
      return problems;
    },
    getSettings(uri) {
      return (uri === undefined ? undefined : fileRules.get(uri))?.settings ?? rules.settings;
    },
    setFileSettings(uri, input) {
      const problems: string[] = [];
      const before = fileRules.get(uri);
      if (input === undefined) {
        fileRules.delete(uri);
      } else {
        const settings = normaliseSettings(input, (message) => problems.push(message));
        const key = JSON.stringify(settings);
        let active = rulesBySettings.get(key);
        if (!active) {
          // Each edit of a `.netpol.yaml` may make new settings: keep only the ones files still use.
          if (rulesBySettings.size >= 32) for (const [k, r] of rulesBySettings) if (![...fileRules.values()].includes(r)) rulesBySettings.delete(k);
          rulesBySettings.set(key, (active = activeRules(registry, settings, onFailure)));
        }
        fileRules.set(uri, active);
      }
      const state = files.get(uri);
      if (state && (fileRules.get(uri) ?? rules) !== (before ?? rules)) invalidate(state);
      return problems;
    },
    update(uri, text, version, change) {
      const state = files.get(uri);
      if (!state) {
        files.set(uri, { uri, text, version: version ?? 0, table: undefined, memory: new FileMemory() });
        return;
      }
      // The edits say what changed; without them, strings compare by reference first, so a request syncing the same
      // version costs nothing (and two long equal-length texts are never compared character by character after an edit).
      if (change && state.table && change.from === state.text) {
        let table = state.table;
        for (const edit of change.edits) table = table.edit(edit);
        state.table = table.textLength === text.length ? table : undefined;
        // Even an edit that changes nothing (the LSP layer's warm-up of the edit path) is analysed as an edit.
        if (change.edits.length > 0) delete state.snapshot;
      } else if (text !== state.text) {
        state.table = undefined;
      }
      state.text = text;
      state.version = version ?? state.version + 1;
    },
    close(uri) {
      files.delete(uri);
      fileRules.delete(uri);
      workspace.closeFile(uri);
    },
    updateWorkspaceFile(uri, text) {
      workspace.setWorkspaceFile(uri, text);
    },
    removeWorkspaceFile(uri) {
      workspace.removeWorkspaceFile(uri);
    },
    setWorkspaceEnabled(enabled) {
      workspaceEnabled = enabled;
    },
    staleWorkspaceFiles(except) {
      return workspaceEnabled ? workspace.staleOpenFiles(except) : [];
    },
    workspaceIndex: () => workspace.index,
    has: (uri) => files.has(uri),
    linesOf(uri, text) {
      const snapshot = files.get(uri)?.snapshot;
      return snapshot && snapshot.text === text ? snapshot.lines : undefined;
    },
    snapshot: snapshotOf,
    *analyzeInSteps(uri, documentsPerStep = 50) {
      const state = files.get(uri);
      if (!state) return undefined;
      return yield* analyze(state, Math.max(1, documentsPerStep));
    },
    getDiagnostics(uri) {
      const snapshot = snapshotOf(uri);
      return snapshot ? toDiagnostics(snapshot) : [];
    },
    doHover(uri, position) {
      const state = files.get(uri);
      if (!state) return null;
      return contained('hover', uri, position.line, null, () => {
        const { snapshot, offset } = interactiveSnapshot(state, position);
        const own = hover(snapshot, offset);
        const facts = workspaceEnabled ? workspace.index.file(uri) : undefined;
        const extra = facts && workspaceHover(workspace.index, facts, offset, (l) => `${l.uri}#L${(files.has(l.uri) ? (snapshotOf(l.uri)?.lines.positionAt(l.span.start).line ?? 0) : 0) + 1}`);
        if (!extra) return own;
        const value = own && typeof own.contents === 'object' && 'value' in own.contents ? `${extra.markdown}\n\n---\n\n${own.contents.value}` : extra.markdown;
        return { contents: { kind: 'markdown', value }, range: own?.range ?? snapshot.lines.rangeOf(extra.span) };
      });
    },
    doComplete(uri, position) {
      const state = files.get(uri);
      const none: CompletionList = { isIncomplete: false, items: [] };
      if (!state) return none;
      return contained('completion', uri, position.line, none, () => {
        const { snapshot, offset } = interactiveSnapshot(state, position);
        return complete(snapshot, offset, completionOptions);
      });
    },
    getCodeActions(uri, range, context) {
      const snapshot = snapshotOf(uri);
      return snapshot ? contained('code actions', uri, range.start.line, [], () => codeActions(snapshot, range, context)) : [];
    },
    getDocumentSymbols(uri) {
      const snapshot = snapshotOf(uri);
      return snapshot ? contained('document symbols', uri, undefined, [], () => documentSymbols(snapshot)) : [];
    },
    getCodeLenses(uri) {
      const snapshot = snapshotOf(uri);
      if (!snapshot) return [];
      return contained('code lenses', uri, undefined, [], () => {
        const own = codeLenses(snapshot);
        const facts = workspaceEnabled ? workspace.index.file(uri) : undefined;
        if (!facts) return own;
        // Shown, not run: the title is the information (the hover has the details and links).
        const extra = workspaceLenses(workspace.index, facts).map((l) => ({ range: snapshot.lines.rangeOf(l.span), command: { title: l.title, command: '' } }));
        return [...own, ...extra].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
      });
    },
    setClientOptions(options) {
      completionOptions = { snippets: !options.contributesSnippets, insertReplace: options.insertReplaceEdits === true };
    },
    executeCommand(command, args) {
      const uri = typeof args[0] === 'string' ? args[0] : undefined;
      return executeCommand(uri ? snapshotOf(uri) : undefined, command, args);
    },
  };

  /** Runs a feature; if it throws, `onFailure` hears of it and the request gets `fallback`, as if there were nothing to say. */
  function contained<T>(what: string, uri: string, line: number | undefined, fallback: T, run: () => T): T {
    try {
      return run();
    } catch (error) {
      onFailure?.({ what, uri, ...(line === undefined ? {} : { line }), error: describeError(error) });
      return fallback;
    }
  }

  /**
   * What hover and completion run on. When most of the file is analysed (the usual case, or a small edit since), the full
   * snapshot; while a large file is still being analysed in slices, a partial one instead: the documents analysed so far
   * plus the one at the cursor, without file-wide findings. So these requests never wait for the whole file.
   */
  function interactiveSnapshot(state: FileState, position: Position): { snapshot: FileSnapshot; offset: number } {
    if (!isCurrent(state)) {
      const table = (state.table ??= DocumentTable.of<DocumentAnalysis>(state.text));
      let missing = 0;
      for (let i = 0; i < table.length && missing <= PARTIAL_AFTER_MISSING; i++) if (!table.values[i] && !state.memory.has(table.texts[i]!, rulesOf(state))) missing++;
      if (missing > PARTIAL_AFTER_MISSING) {
        // The table's line index, not one of the whole text: a request during a large file's analysis costs a binary search
        // and at most the line index of the document at the cursor.
        const lines = tableLines(table);
        const offset = lines.offsetAt(position);
        return { snapshot: partialSnapshot(state, table, lines, offset, rulesOf(state), state.memory), offset };
      }
    }
    const snapshot = runToEnd(state);
    return { snapshot, offset: snapshot.lines.offsetAt(position) };
  }
}
