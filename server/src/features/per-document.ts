// What a feature computes from each document's policies, kept with the document's analysis: once relative to the
// document, and as last placed at the line the document starts on. A request after an edit then converts only the
// documents that changed or moved; computing it for every policy of a large file on each request is slow.
import type { DocumentAnalysis } from '../lint/document';
import type { FileSnapshot } from '../service';

export class PerDocument<Relative, Placed> {
  private readonly known = new WeakMap<DocumentAnalysis, { relative: Relative; firstLine: number; placed: readonly Placed[] }>();

  constructor(
    private readonly relativeOf: (analysis: DocumentAnalysis) => Relative,
    private readonly place: (relative: Relative, firstLine: number) => readonly Placed[],
  ) {}

  /** Every document's items, placed in the file, in file order; documents without policies give none. */
  collect(snapshot: FileSnapshot): Placed[] {
    const out: Placed[] = [];
    for (const doc of snapshot.documents) {
      if (doc.analysis.policies.length === 0) continue;
      const firstLine = snapshot.lines.positionAt(doc.start).line;
      let entry = this.known.get(doc.analysis);
      if (!entry || entry.firstLine !== firstLine) {
        const relative = entry?.relative ?? this.relativeOf(doc.analysis);
        entry = { relative, firstLine, placed: this.place(relative, firstLine) };
        this.known.set(doc.analysis, entry);
      }
      for (const item of entry.placed) out.push(item);
    }
    return out;
  }
}
