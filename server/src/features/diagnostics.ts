// The file's results as LSP diagnostics, placed per document: a document's diagnostics are reused while its results are
// the same and it starts on the same line, so an edit converts only the diagnostics of the documents it changed or moved.
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type Range } from 'vscode-languageserver-types';
import type { DocumentResult } from '../lint/document';
import type { FileSnapshot } from '../lint/snapshot';
import { ruleDocsUrl } from '../rules/docs-url';
import type { Severity } from '../rules/types';
import { PerDocument } from './per-document';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

const perDocument = new PerDocument(
  (snapshot: FileSnapshot, index: number): readonly DocumentResult[] | undefined => {
    const results = snapshot.results[index]!;
    return results.length > 0 ? results : undefined;
  },
  (results) => results,
  (results, at) => results.map((f) => toDiagnostic(f, at.rangeOf(f.span))),
);

export function toDiagnostics(snapshot: FileSnapshot): Diagnostic[] {
  return perDocument.collect(snapshot);
}

/**
 * No `data`: code actions find their findings again by rule id and range, so nothing would read it, and a large file
 * republishes every diagnostic on each keystroke.
 */
function toDiagnostic(f: DocumentResult, range: Range): Diagnostic {
  const diagnostic: Diagnostic = { range, severity: SEVERITY[f.severity], code: f.ruleId, codeDescription: { href: ruleDocsUrl(f.ruleId) }, source: 'netpol', message: compact(f.message) };
  if (f.tag) diagnostic.tags = [f.tag === 'unnecessary' ? DiagnosticTag.Unnecessary : DiagnosticTag.Deprecated];
  return diagnostic;
}

/**
 * The message as a string read back from JSON, which the engine stores in one byte per character when it can. V8 keeps
 * some strings two bytes wide although every character is ASCII (one made by `[...].join('')`, say), and one of those
 * makes it write the JSON of a whole publication two bytes wide and encode it to UTF-8 the slow way: at 1,275 diagnostics
 * the republication after each keystroke took twice as long to encode for one unknown-field message.
 */
function compact(message: string): string {
  return JSON.parse(JSON.stringify(message)) as string;
}
