// The LSP layer's text document: like vscode-languageserver-textdocument's, except that its line table is optional. The
// positions of a change are resolved through a line index the caller already has (the language service's, assembled from
// per-document indexes), so a keystroke in a large file never scans the file's text; the document's own table is built
// only if something asks it for positions.
import type { Position, Range, TextDocumentContentChangeEvent } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LineIndex, type Lines } from '../syntax/lines';
import type { OffsetEdit } from '../syntax/split';
import { Rope } from './rope';

export class EditableDocument implements TextDocument {
  private ownLines: LineIndex | undefined;
  /** Built on the first edit: afterwards the text is the rope's, so edits never copy the whole text. */
  private rope: Rope | undefined;

  constructor(
    readonly uri: string,
    readonly languageId: string,
    private currentVersion: number,
    private content: string,
  ) {}

  /**
   * Idle-time preparation for edits: cuts the text into the rope's blocks (the text itself stays the same string) and
   * runs a replacement that changes nothing, so that the first keystroke does not pay for compiling the rope's code.
   */
  prepareForEdits(): void {
    const rope = (this.rope ??= new Rope(this.content));
    const middle = rope.length >> 1;
    rope.replace(middle, middle, '');
    rope.text();
  }

  get version(): number {
    return this.currentVersion;
  }

  get lineCount(): number {
    return this.lines().lineCount;
  }

  getText(range?: Range): string {
    if (!range) return this.content;
    return this.content.substring(this.offsetAt(range.start), this.offsetAt(range.end));
  }

  positionAt(offset: number): Position {
    return this.lines().positionAt(offset);
  }

  offsetAt(position: Position): number {
    return this.resolve(this.lines(), position);
  }

  /**
   * The offset of a position as vscode-languageserver-textdocument computes it: a character past the end of its line
   * stops before the line break. The text is read only in that case, so a position in a large file costs no scan.
   */
  private resolve(lines: Lines, position: Position): number {
    if (position.line >= lines.lineCount) return this.content.length;
    if (position.line < 0) return 0;
    const lineStart = lines.lineStart(position.line);
    if (position.character <= 0) return lineStart;
    const next = position.line + 1 < lines.lineCount ? lines.lineStart(position.line + 1) : this.content.length;
    let offset = Math.min(lineStart + position.character, next);
    if (offset < next || offset === lineStart) return offset;
    while (offset > lineStart && (this.content[offset - 1] === '\n' || this.content[offset - 1] === '\r')) offset--;
    return offset;
  }

  getLineRange(line: number): Range {
    const lines = this.lines();
    if (line >= lines.lineCount) {
      const end = lines.positionAt(this.content.length);
      return { start: end, end };
    }
    const start = lines.lineStart(line);
    const next = line + 1 < lines.lineCount ? lines.lineStart(line + 1) : this.content.length;
    const end = next - this.getEOLCharacters(line).length;
    return { start: lines.positionAt(start), end: lines.positionAt(Math.max(start, end)) };
  }

  getEOLCharacters(line: number): string {
    const lines = this.lines();
    if (line < 0 || line + 1 >= lines.lineCount) return '';
    const next = lines.lineStart(line + 1);
    if (this.content[next - 1] === '\r') return '\r';
    return this.content[next - 2] === '\r' ? '\r\n' : '\n';
  }

  /**
   * Applies the changes of one didChange and returns them as offset edits (undefined when one replaces the whole text).
   * `known` must index exactly the current text; it resolves the first change, later ones use the document's own table.
   */
  apply(changes: readonly TextDocumentContentChangeEvent[], version: number, known?: Lines): OffsetEdit[] | undefined {
    let edits: OffsetEdit[] | undefined = [];
    let lines: Lines | undefined = known;
    for (const change of changes) {
      if (!('range' in change)) {
        this.content = change.text;
        this.rope = undefined;
        edits = undefined;
      } else {
        const index = lines ?? this.lines();
        const start = this.resolve(index, change.range.start);
        const end = Math.max(start, this.resolve(index, change.range.end));
        this.rope ??= new Rope(this.content);
        this.rope.replace(start, end, change.text);
        this.content = this.rope.text();
        edits?.push({ start, end, text: change.text });
      }
      // Whatever indexed the text before this change no longer does.
      lines = undefined;
      this.ownLines = undefined;
    }
    this.currentVersion = version;
    return edits;
  }

  private lines(): LineIndex {
    return (this.ownLines ??= new LineIndex(this.content));
  }
}
