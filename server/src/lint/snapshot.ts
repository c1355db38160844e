// A file's analysis as every feature sees it (`FileSnapshot`), and the one pipeline that makes it (`analyzeFile`): the
// documents of a document table analysed (reusing what a `FileMemory` kept from earlier runs), then linted as a file.
// The language service keeps one `FileMemory` per open file; fix-all and other one-off analyses start from a fresh one.
import type { Settings } from './settings';
import { DocumentTable } from '../syntax/document-table';
import { FileLines, LineIndex, type Lines } from '../syntax/lines';
import { runSteps } from '../steps';
import { lastAtOrBefore } from '../syntax/search';
import type { ActiveRules } from './active-rules';
import { analyzeDocument, type DocumentAnalysis, type DocumentResult } from './document';
import { IncrementalLint, placeResults, type FileFindingResult, type UnchangedDocuments } from './file';

export interface PlacedDocument {
  readonly analysis: DocumentAnalysis;
  /** Offset of the document's chunk in the file. */
  readonly start: number;
}

export interface FileSnapshot {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
  /** The rules and settings the findings were computed with (fixes read them too). */
  readonly rules: ActiveRules;
  readonly settings: Settings;
  readonly lines: Lines;
  /** The file's documents (offsets, first lines) with their analyses; undefined for a document a partial snapshot skipped. */
  readonly table: DocumentTable<DocumentAnalysis>;
  /** Per document, its results (spans relative to the document); none in a partial snapshot. */
  readonly results: readonly (readonly DocumentResult[])[];
  /** The analysed documents in file order (built on first use: for a large file it costs an object per document). */
  readonly documents: readonly PlacedDocument[];
  /** Every result with absolute spans, in file order (built on first use). */
  readonly findings: readonly FileFindingResult[];
  /** The analysed documents whose range (end included) holds an offset, in file order: two at a boundary, else at most one. */
  documentsAt(offset: number): readonly PlacedDocument[];
  /** How many first and last documents edits left alone since the analyses `since` (the previous analysis), if known. */
  readonly unchanged?: UnchangedDocuments;
}

/** The file an analysis is of. */
export interface FileInput {
  readonly uri: string;
  readonly text: string;
  readonly version: number;
}

/**
 * What `analyzeFile` keeps about one file between runs: document analyses by text (documents come back, e.g. on undo),
 * the parses of analyses made under earlier rules, and the file's incremental lint.
 */
export class FileMemory {
  private rules: ActiveRules | undefined;
  /** Analyses made with the current rules, by document text. */
  private current = new Map<string, DocumentAnalysis>();
  /** Analyses made with earlier rules, by document text: their parse is reused, their findings are not. */
  private stale = new Map<string, DocumentAnalysis>();
  readonly lint = new IncrementalLint();
  /**
   * The analysis under way (its table, and its analyses so far by document index), so that a partial snapshot finds the
   * documents analysed so far by index: looking 6,000 document texts up by text would hash megabytes on each request.
   */
  inProgress: { readonly table: DocumentTable<DocumentAnalysis>; readonly analyses: readonly (DocumentAnalysis | undefined)[] } | undefined;

  /** True when a document of this text has been analysed under these rules. */
  has(text: string, rules: ActiveRules): boolean {
    return this.rules === rules && this.current.has(text);
  }

  /** The analysis of a document of this text under these rules; true in `fresh` when it had to be made. */
  analysis(text: string, rules: ActiveRules): { analysis: DocumentAnalysis; fresh: boolean } {
    if (this.rules !== rules) {
      if (this.current.size > 0) this.stale = this.current;
      this.current = new Map();
      this.rules = rules;
    }
    const known = this.current.get(text);
    if (known) return { analysis: known, fresh: false };
    const old = this.stale.get(text);
    const analysis = analyzeDocument(text, rules, old && { parsed: old.parsed, policies: old.policies });
    this.current.set(text, analysis);
    return { analysis, fresh: true };
  }

  /** After a complete analysis: earlier rules' parses are no longer needed, nor (once they pile up) texts that are gone. */
  settle(live: readonly DocumentAnalysis[]): void {
    this.stale = new Map();
    if (this.current.size > 2 * live.length + 64) this.current = new Map(live.map((a) => [a.text, a]));
  }
}

/**
 * Analyses a file: every document of `table` without an analysis gets one (from `memory`, or made now), then the file is
 * linted. Yields after every `perStep` documents analysed, so that a caller can interleave other work and give up on
 * an outdated run. The table's values must have been made under `rules` (or be undefined).
 */
export function* analyzeFile(
  file: FileInput,
  table: DocumentTable<DocumentAnalysis>,
  rules: ActiveRules,
  memory: FileMemory,
  perStep = Number.MAX_SAFE_INTEGER,
): Generator<void, FileSnapshot> {
  // Untouched documents carry their analysis in the table: only the new ones are looked up or analysed, found with the
  // native `indexOf` (an edit runs this once, too rarely for the engine to optimise a loop over 5,000 documents).
  const analyses = table.values.slice();
  memory.inProgress = { table, analyses };
  let work = 0;
  for (let i = analyses.indexOf(undefined); i !== -1; i = analyses.indexOf(undefined, i + 1)) {
    const { analysis, fresh } = memory.analysis(table.texts[i]!, rules);
    analyses[i] = analysis;
    if (fresh && analysis.failed) reportFailures(file.uri, table.firstLines[i]!, analysis, rules);
    if (fresh && ++work % perStep === 0) yield;
  }
  if (memory.inProgress?.analyses === analyses) memory.inProgress = undefined;
  const analysed = table.withValues(analyses);
  const complete = analyses as DocumentAnalysis[];
  const unchanged = unchangedSince(table);
  const results = rules.settings.enable ? memory.lint.lint(complete, analysed.starts, rules, unchanged) : complete.map(() => NO_RESULTS);
  for (const f of memory.lint.takeFailures()) {
    const line = analysed.firstLines[f.documentIndex]! + complete[f.documentIndex]!.lines.positionAt(f.offset).line;
    rules.onFailure?.({ what: `rule ${f.ruleId}`, uri: file.uri, line, error: f.error });
  }
  return new Snapshot(file, rules, analysed, results, undefined, unchanged);
}

/** Tells `rules.onFailure` about each rule that threw on a newly analysed document (which starts on `firstLine`). */
function reportFailures(uri: string, firstLine: number, analysis: DocumentAnalysis, rules: ActiveRules): void {
  for (const f of analysis.findings) {
    if (f.failure !== undefined) rules.onFailure?.({ what: `rule ${f.ruleId}`, uri, line: firstLine + analysis.lines.positionAt(f.span.start).line, error: f.failure });
  }
}

/** `analyzeFile` run to the end at once. */
function analyzeFileNow(file: FileInput, table: DocumentTable<DocumentAnalysis>, rules: ActiveRules, memory: FileMemory): FileSnapshot {
  return runSteps(analyzeFile(file, table, rules, memory));
}

/** The analysis of a text that exists only once (fix-all's passes, a CLI run): a fresh table and memory. */
export function analyzeText(file: FileInput, rules: ActiveRules): FileSnapshot {
  return analyzeFileNow(file, DocumentTable.of<DocumentAnalysis>(file.text), rules, new FileMemory());
}

/**
 * A snapshot of the documents analysed so far plus the one at `offset` (analysed now if need be), without file-wide
 * findings: what hover and completion run on while a large file is still being analysed in slices.
 */
export function partialSnapshot(file: FileInput, table: DocumentTable<DocumentAnalysis>, lines: Lines, offset: number, rules: ActiveRules, memory: FileMemory): FileSnapshot {
  const values: (DocumentAnalysis | undefined)[] = [];
  // During this table's analysis its progress says what is analysed; otherwise (an edit since) the memory, by text.
  const progress = memory.inProgress?.table === table ? memory.inProgress.analyses : undefined;
  for (let i = 0; i < table.length; i++) {
    const text = table.texts[i]!;
    const start = table.starts[i]!;
    let analysis = table.values[i] ?? (progress ? progress[i] : memory.has(text, rules) ? memory.analysis(text, rules).analysis : undefined);
    if (!analysis && start <= offset && offset <= start + text.length) {
      const made = memory.analysis(text, rules);
      analysis = made.analysis;
      if (made.fresh && analysis.failed) reportFailures(file.uri, table.firstLines[i]!, analysis, rules);
    }
    values.push(analysis);
  }
  return new Snapshot(file, rules, table.withValues(values), values.map(() => NO_RESULTS), lines);
}

/**
 * The line index of a file from its document table alone: each document's own index (its analysis', or one made on
 * first use for a document not analysed yet), assembled without a pass over the whole text.
 */
export function tableLines(table: DocumentTable<DocumentAnalysis>): Lines {
  const made = new Map<number, LineIndex>();
  const indexOf = (i: number): LineIndex => {
    const own = table.values[i]?.lines;
    if (own) return own;
    let index = made.get(i);
    if (!index) made.set(i, (index = new LineIndex(table.texts[i]!)));
    return index;
  };
  return new FileLines(table.starts, table.firstLines, indexOf, table.lineCount, table.textLength);
}

/** The same snapshot with other results for some documents (the workspace pass's), sharing everything else. */
export function withResults(base: FileSnapshot, changed: ReadonlyMap<number, readonly DocumentResult[]>): FileSnapshot {
  const results = base.results.slice();
  for (const [i, r] of changed) results[i] = r;
  return new Snapshot(base, base.rules, base.table, results);
}

/** The documents edits left alone since the analysed table they started from: the lint redoes only the others. */
function unchangedSince(table: DocumentTable<DocumentAnalysis>): UnchangedDocuments | undefined {
  const lineage = table.lineage;
  return lineage && { since: lineage.base.values, prefix: lineage.prefix, suffix: lineage.suffix };
}

const NO_RESULTS: readonly DocumentResult[] = [];

/**
 * The one snapshot class: its documents, line index and absolute findings are assembled on first use from the document
 * table, so that the edit path (analysis, then diagnostics) never builds them for a large file.
 */
class Snapshot implements FileSnapshot {
  private placed?: readonly PlacedDocument[];
  private placedFindings?: readonly FileFindingResult[];
  readonly uri: string;
  readonly text: string;
  readonly version: number;

  constructor(
    file: FileInput,
    readonly rules: ActiveRules,
    readonly table: DocumentTable<DocumentAnalysis>,
    readonly results: readonly (readonly DocumentResult[])[],
    private fileLines?: Lines,
    readonly unchanged?: UnchangedDocuments,
  ) {
    this.uri = file.uri;
    this.text = file.text;
    this.version = file.version;
  }

  get settings(): Settings {
    return this.rules.settings;
  }

  get documents(): readonly PlacedDocument[] {
    if (this.placed) return this.placed;
    const { values, starts } = this.table;
    const placed: PlacedDocument[] = [];
    for (let i = 0; i < values.length; i++) if (values[i]) placed.push({ analysis: values[i]!, start: starts[i]! });
    return (this.placed = placed);
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
      const analysis = values[i];
      if (analysis && starts[i]! <= offset && offset <= starts[i]! + texts[i]!.length) found.push({ analysis, start: starts[i]! });
    }
    return found;
  }
}
