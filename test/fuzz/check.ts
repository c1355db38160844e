// The properties every input must satisfy, as one function the fuzz suite, the long mode and the regression fixtures all
// call: every feature answers without throwing and with ranges inside the document (as an LSP client counts lines), no
// rule fails internally, fix-all's result parses no worse and a second fix-all changes nothing, and the fast YAML path
// agrees with `yaml` on every document it accepts. A violation throws an AssertionError saying which property failed.
import assert from 'node:assert/strict';
import { parseAllDocuments, parseDocument } from 'yaml';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, DocumentSymbol, Range, TextEdit } from 'vscode-languageserver-types';
import { FIX_ALL_KIND } from '../../server/src/features/code-actions/code-actions';
import { fixAllText } from '../../server/src/features/code-actions/fix-all';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { parseFast } from '../../server/src/syntax/fast-parse';
import { splitDocuments } from '../../server/src/syntax/split';
import { toTree } from '../../server/src/syntax/tree';

export const URI = 'file:///fuzz.yaml';

/** Quick fixes are asked for at most this many diagnostics per input, to bound the cost of a case. */
const MAX_CODE_ACTION_REQUESTS = 4;

export interface CheckOptions {
  /** Offsets (clamped into the text) where hover and completion are asked. */
  readonly cursors: readonly number[];
  /** Whether to run fix-all twice (the most expensive property); on by default. */
  readonly fixAll?: boolean;
  /** A service to reuse (its file `URI` is replaced); a fresh one otherwise. */
  readonly service?: LanguageService;
}

/** A violated property, with the input that violated it (which the long mode prints as a fixture). */
export class FuzzFailure extends Error {
  constructor(
    readonly text: string,
    readonly reason: unknown,
  ) {
    super(`${reason instanceof Error ? reason.message : String(reason)}\non input ${JSON.stringify(text)}`);
  }
}

/** Runs `check` and turns whatever it throws into a `FuzzFailure` for `text`. */
export function failingOn(text: string, check: () => void): void {
  try {
    check();
  } catch (error) {
    throw error instanceof FuzzFailure ? error : new FuzzFailure(text, error);
  }
}

/** Runs every property on `text`; throws a `FuzzFailure` on the first violation. */
export function checkText(text: string, options: CheckOptions): void {
  failingOn(text, () => {
    const service = options.service ?? createLanguageService();
    service.update(URI, text, 1);
    checkFeatures(service, text, options.cursors);
    if (options.fixAll !== false) checkFixAll(service, text);
    checkFastPath(text);
  });
}

/** Diagnostics, hover and completion at the cursors, symbols, lenses and quick fixes, on the service's current text. */
export function checkFeatures(service: LanguageService, text: string, cursors: readonly number[]): Diagnostic[] {
  const doc = TextDocument.create(URI, 'yaml', 1, text);
  const diagnostics = service.getDiagnostics(URI);
  for (const d of diagnostics) {
    inside(doc, d.range, `diagnostic ${String(d.code)}`);
    const message = typeof d.message === 'string' ? d.message : d.message.value;
    assert.ok(!/internal error/.test(message), `a rule failed internally: ${message}`);
  }
  for (const cursor of cursors) {
    const position = doc.positionAt(Math.max(0, Math.min(text.length, cursor)));
    const h = service.doHover(URI, position);
    if (h?.range) inside(doc, h.range, `hover at ${position.line}:${position.character}`);
    for (const item of service.doComplete(URI, position).items) {
      const edit = item.textEdit;
      if (!edit) continue;
      if ('range' in edit) inside(doc, edit.range, `completion ${item.label}`);
      else {
        inside(doc, edit.insert, `completion ${item.label} (insert)`);
        inside(doc, edit.replace, `completion ${item.label} (replace)`);
      }
      for (const e of item.additionalTextEdits ?? []) inside(doc, e.range, `completion ${item.label} (additional edit)`);
    }
  }
  const symbols = (list: readonly DocumentSymbol[]): void => {
    for (const s of list) {
      inside(doc, s.range, `symbol ${s.name}`);
      inside(doc, s.selectionRange, `symbol ${s.name} (selection)`);
      symbols(s.children ?? []);
    }
  };
  symbols(service.getDocumentSymbols(URI));
  for (const lens of service.getCodeLenses(URI)) inside(doc, lens.range, `code lens ${lens.command?.title ?? ''}`);
  for (const d of diagnostics.slice(0, MAX_CODE_ACTION_REQUESTS)) {
    for (const action of service.getCodeActions(URI, d.range, { diagnostics: [d] })) editsInside(doc, action);
  }
  const whole: Range = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  for (const action of service.getCodeActions(URI, whole, { diagnostics: [] })) editsInside(doc, action);
  return diagnostics;
}

/**
 * Fix-all's result (the service's action, applied as a client applies it) parses with no more YAML errors than the input,
 * and fix-all finds nothing more to do on it (the service offers the action exactly when `fixAllText` applies something).
 */
export function checkFixAll(service: LanguageService, text: string): void {
  const doc = TextDocument.create(URI, 'yaml', 1, text);
  const whole: Range = { start: { line: 0, character: 0 }, end: doc.positionAt(text.length) };
  const action = service.getCodeActions(URI, whole, { diagnostics: [], only: [FIX_ALL_KIND] }).find((a) => a.kind === FIX_ALL_KIND);
  if (!action) return;
  const fixed = TextDocument.applyEdits(doc, editsInside(doc, action));
  assert.ok(yamlErrors(fixed) <= yamlErrors(text), `fix-all's result has more YAML errors than its input:\n${JSON.stringify(fixed)}`);
  const again = fixAllText(fixed, service.getSettings());
  assert.deepEqual(again.applied, [], `a second fix-all changed the text again:\n${JSON.stringify(fixed)}\n→\n${JSON.stringify(again.text)}`);
}

/** For every document the fast path accepts, `yaml` finds no error and builds the same tree. */
export function checkFastPath(text: string): void {
  for (const chunk of splitDocuments(text)) {
    const fast = parseFast(chunk.text, 0);
    if (fast === undefined) continue;
    const slow = parseDocument(chunk.text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
    assert.deepEqual(slow.errors.map((e) => e.code), [], `the fast path accepted a document yaml rejects:\n${JSON.stringify(chunk.text)}`);
    assert.deepStrictEqual(fast, toTree(slow, 0).root, `the fast path differs from yaml on:\n${JSON.stringify(chunk.text)}`);
  }
}

function yamlErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + ('errors' in d ? d.errors.filter((e) => e.code !== 'DUPLICATE_KEY').length : 0), 0);
}

/** The action's edits of the fuzzed file, each checked to lie inside the document. */
function editsInside(doc: TextDocument, action: CodeAction): TextEdit[] {
  const edits: TextEdit[] = [...(action.edit?.changes?.[doc.uri] ?? [])];
  for (const change of action.edit?.documentChanges ?? []) if ('edits' in change && change.textDocument.uri === doc.uri) edits.push(...(change.edits as TextEdit[]));
  for (const e of edits) inside(doc, e.range, `code action ${action.title}`);
  return edits;
}

/** The range is ordered and both ends are positions of the document as an LSP client counts lines and characters. */
function inside(doc: TextDocument, range: Range, what: string): void {
  const ok = (p: Range['start']): boolean => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0 || p.line >= doc.lineCount) return false;
    return p.character <= lineLength(doc, p.line);
  };
  assert.ok(ok(range.start) && ok(range.end), `${what}: range ${JSON.stringify(range)} is outside the document (${doc.lineCount} lines)`);
  assert.ok(doc.offsetAt(range.start) <= doc.offsetAt(range.end), `${what}: range ${JSON.stringify(range)} ends before it starts`);
}

/** The number of characters of a line, its line break excluded. */
function lineLength(doc: TextDocument, line: number): number {
  const start = doc.offsetAt({ line, character: 0 });
  const next = line + 1 < doc.lineCount ? doc.offsetAt({ line: line + 1, character: 0 }) : doc.getText().length;
  const content = doc.getText().slice(start, next);
  return content.replace(/\r?\n$|\r$/, '').length;
}
