// The YAML documents of one file as an immutable table of parallel arrays: each document's text, offset, first line and a
// value computed from its text (its analysis). An edit gives a new table in time proportional to the edit plus a few
// native array copies: the untouched documents keep their text and value (no per-document object is made, no string is
// hashed or compared), and later documents' offsets and first lines are shifted in typed arrays.
import { lineBreakCount } from './lines';
import { planEdit, splitDocuments, type ChunkSequence, type OffsetEdit } from './split';

export class DocumentTable<T> implements ChunkSequence {
  private constructor(
    readonly texts: readonly string[],
    readonly starts: Int32Array,
    /** The line each document starts on (its count of line breaks before it). */
    readonly firstLines: Int32Array,
    /** Per document, the value computed from its text, or undefined while it is still to compute (never a hole: callers find these with `indexOf(undefined)`, which skips holes). */
    readonly values: readonly (T | undefined)[],
    /** Lines of the whole text (line breaks + 1). */
    readonly lineCount: number,
    readonly textLength: number,
    /**
     * The table this one was made from by edits, if any, and how many of its first and last documents are still the
     * same (text and value): whoever computed something from the base's documents redoes only the ones in between.
     */
    readonly lineage?: { readonly base: DocumentTable<T>; readonly prefix: number; readonly suffix: number },
  ) {}

  static of<T>(text: string): DocumentTable<T> {
    const chunks = splitDocuments(text);
    const starts = new Int32Array(chunks.length);
    const firstLines = new Int32Array(chunks.length);
    let line = 0;
    for (let i = 0; i < chunks.length; i++) {
      starts[i] = chunks[i]!.start;
      firstLines[i] = line;
      line += lineBreakCount(chunks[i]!.text);
    }
    return new DocumentTable<T>(
      chunks.map((c) => c.text),
      starts,
      firstLines,
      new Array<T | undefined>(chunks.length).fill(undefined),
      line + 1,
      text.length,
    );
  }

  get length(): number {
    return this.texts.length;
  }

  textAt(index: number): string {
    return this.texts[index]!;
  }

  /**
   * The table of the edited text. The documents the edit touches and their neighbours are re-split; a re-split document
   * whose text did not change keeps its value, so only documents with new text are left to compute.
   */
  edit(edit: OffsetEdit): DocumentTable<T> {
    const { from, to, replaced, delta } = planEdit(this, edit);
    const oldCount = this.texts.length;
    const count = oldCount - (to - from + 1) + replaced.length;
    const removedLines = (to + 1 < oldCount ? this.firstLines[to + 1]! : this.lineCount - 1) - this.firstLines[from]!;

    const texts = this.texts.slice();
    const values = this.values.slice();
    const newTexts = replaced.map((c) => c.text);
    const newValues = newTexts.map((text, k) => this.carried(text, from + k) ?? this.carried(text, to - (replaced.length - 1 - k)));
    texts.splice(from, to - from + 1, ...newTexts);
    values.splice(from, to - from + 1, ...newValues);

    const starts = new Int32Array(count);
    const firstLines = new Int32Array(count);
    starts.set(this.starts.subarray(0, from));
    firstLines.set(this.firstLines.subarray(0, from));
    let line = this.firstLines[from]!;
    for (let k = 0; k < replaced.length; k++) {
      starts[from + k] = replaced[k]!.start;
      firstLines[from + k] = line;
      line += lineBreakCount(replaced[k]!.text);
    }
    const lineDelta = line - this.firstLines[from]! - removedLines;
    const shift = from + replaced.length - (to + 1);
    for (let i = to + 1; i < oldCount; i++) {
      starts[i + shift] = this.starts[i]! + delta;
      firstLines[i + shift] = this.firstLines[i]! + lineDelta;
    }
    const base = this.lineage?.base ?? this;
    let prefix = Math.min(this.lineage?.prefix ?? oldCount, from);
    let suffix = Math.min(this.lineage?.suffix ?? oldCount, count - (from + replaced.length));
    suffix = Math.max(0, Math.min(suffix, Math.min(count, base.length) - prefix));
    prefix = Math.min(prefix, count, base.length);
    return new DocumentTable<T>(texts, starts, firstLines, values, this.lineCount + lineDelta, this.textLength + delta, { base, prefix, suffix });
  }

  /** The same documents with these values (one per document), as a table of its own (no lineage). */
  withValues(values: readonly (T | undefined)[]): DocumentTable<T> {
    return new DocumentTable<T>(this.texts, this.starts, this.firstLines, values, this.lineCount, this.textLength);
  }

  /** The value of old document `index` if its text is `text`. */
  private carried(text: string, index: number): T | undefined {
    return index >= 0 && index < this.texts.length && this.texts[index] === text ? this.values[index] : undefined;
  }
}
