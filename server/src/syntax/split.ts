// Cheap split of a multi-document YAML stream into per-document chunks, so that an edit re-parses only the chunks it touched.
// A line starting with `---` or `...` at column 0 always ends a document in YAML 1.2 (even inside a block scalar, whose
// content must be indented), so splitting on such lines agrees with the parser without parsing.
import { lastAtOrBefore } from './search';

export interface Chunk {
  /** The chunk's text, including its leading `---` line if it has one. */
  readonly text: string;
  /** Offset of the chunk in the file. */
  readonly start: number;
}

const MARKER = /^---(?=[ \t\r\n]|$)/;

export function splitDocuments(text: string): Chunk[] {
  const chunks: Chunk[] = [];
  let chunkStart = 0;
  let hasContent = false;
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    const first = text.charCodeAt(lineStart);
    if (first === 45 /* - */ && MARKER.test(text.slice(lineStart, Math.min(lineEnd + 1, lineStart + 5)))) {
      // Comments, directives and blank lines before the first marker belong to the document the marker opens.
      if (hasContent) {
        chunks.push({ text: text.slice(chunkStart, lineStart), start: chunkStart });
        chunkStart = lineStart;
      }
      hasContent = true;
    } else if (!hasContent && !isTrivia(text, lineStart, lineEnd)) {
      hasContent = true;
    }
    if (newline === -1) break;
    lineStart = newline + 1;
  }
  chunks.push({ text: text.slice(chunkStart), start: chunkStart });
  return chunks;
}

function isTrivia(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13) continue;
    return c === 35 /* # */ || c === 37 /* % */;
  }
  return true;
}

/** A replacement of `[start, end)` of a text by `text`. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** A sequence of chunks, as `applyEdit` and the document table both hold them. */
export interface ChunkSequence {
  readonly length: number;
  /** Each chunk's offset, ascending. */
  readonly starts: ArrayLike<number>;
  textAt(index: number): string;
}

/** What an edit does to a sequence of chunks: chunks `from`…`to` (inclusive) become `replaced`; later ones move by `delta`. */
export interface ChunkEdit {
  readonly from: number;
  readonly to: number;
  readonly replaced: readonly Chunk[];
  readonly delta: number;
}

/**
 * Plans an edit on a sequence of chunks: only the chunks the edit touches, and their neighbours (an edit may add or remove
 * a `---` line), are re-split; the others are kept and later ones shifted. The new chunks' text is built from the old
 * chunks' text, so the edited file's full text is never read (nor flattened) here, and new chunks do not keep it alive.
 */
export function planEdit(chunks: ChunkSequence, edit: OffsetEdit): ChunkEdit {
  const first = lastAtOrBefore(chunks.starts, edit.start);
  const last = lastAtOrBefore(chunks.starts, edit.end);
  const from = Math.max(0, first - 1);
  const to = Math.min(chunks.length - 1, last + 1);
  const regionStart = chunks.starts[from]!;
  let old = '';
  for (let i = from; i <= to; i++) old += chunks.textAt(i);
  const region = old.slice(0, edit.start - regionStart) + edit.text + old.slice(edit.end - regionStart);
  // A region that does not start the file starts with a `---` line the edit did not touch, so splitting it alone cuts
  // it exactly where splitting the whole text would.
  const replaced = splitDocuments(region).map((c) => ({ text: c.text, start: c.start + regionStart }));
  return { from, to, replaced, delta: edit.text.length - (edit.end - edit.start) };
}

/** The chunks of a text after an edit, from the chunks of the text before it; equals `splitDocuments` of the edited text. */
export function applyEdit(chunks: readonly Chunk[], edit: OffsetEdit): Chunk[] {
  const { from, to, replaced, delta } = planEdit({ length: chunks.length, starts: chunks.map((c) => c.start), textAt: (i) => chunks[i]!.text }, edit);
  const out = chunks.slice(0, from);
  for (const c of replaced) out.push(c);
  for (let i = to + 1; i < chunks.length; i++) {
    const c = chunks[i]!;
    out.push(delta === 0 ? c : { text: c.text, start: c.start + delta });
  }
  return out;
}
