// Cheap split of a multi-document YAML stream into per-document chunks, so that an edit re-parses only the chunks it touched.
// A line starting with `---` or `...` at column 0 always ends a document in YAML 1.2 (even inside a block scalar, whose
// content must be indented), so splitting on such lines agrees with the parser without parsing.

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
