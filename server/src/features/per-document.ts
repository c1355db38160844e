// What a feature computes from each document, kept per document: once relative to the document, and as last placed at
// the line the document starts on. A request after an edit then converts only the documents that changed or moved;
// computing it for every policy of a large file on each request is slow. Diagnostics, lenses and the outline all place
// their items through here, over the snapshot's document table (no object per document is built).
import type { Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../lint/document';
import type { FileSnapshot } from '../lint/snapshot';
import { placedRange } from '../syntax/lines';
import type { Span } from '../syntax/span';

/** Where a document is in its file, to place what was computed relative to it. */
export interface Placement {
  /** The line the document starts on. */
  readonly firstLine: number;
  /** The file range of a document-relative span (one that runs on past the document is placed in the file). */
  rangeOf(span: Span): Range;
}

export class PerDocument<Key extends object, Relative, Placed> {
  private readonly known = new WeakMap<Key, { relative: Relative; firstLine: number; placed: readonly Placed[] }>();

  constructor(
    /** What the items of document `index` are computed from (their cache key); undefined for a document without items. */
    private readonly keyOf: (snapshot: FileSnapshot, index: number, analysis: DocumentAnalysis) => Key | undefined,
    private readonly relativeOf: (key: Key, analysis: DocumentAnalysis) => Relative,
    private readonly place: (relative: Relative, at: Placement) => readonly Placed[],
  ) {}

  /** Every document's items, placed in the file, in file order. */
  collect(snapshot: FileSnapshot): Placed[] {
    const { values, firstLines, starts } = snapshot.table;
    const out: Placed[] = [];
    for (let i = 0; i < values.length; i++) {
      const analysis = values[i];
      if (!analysis) continue;
      const key = this.keyOf(snapshot, i, analysis);
      if (key === undefined) continue;
      const firstLine = firstLines[i]!;
      let entry = this.known.get(key);
      if (!entry || entry.firstLine !== firstLine) {
        const relative = entry?.relative ?? this.relativeOf(key, analysis);
        const start = starts[i]!;
        const at: Placement = { firstLine, rangeOf: (span) => placedRange(span, analysis.lines, firstLine, start, analysis.text.length, snapshot.lines) };
        entry = { relative, firstLine, placed: this.place(relative, at) };
        this.known.set(key, entry);
      }
      for (const item of entry.placed) out.push(item);
    }
    return out;
  }
}

/** The key of a document's policies: its analysis, for documents that have any. */
export function withPolicies(_snapshot: FileSnapshot, _index: number, analysis: DocumentAnalysis): DocumentAnalysis | undefined {
  return analysis.policies.length > 0 ? analysis : undefined;
}
