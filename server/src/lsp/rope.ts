// A text kept as blocks of a few kilobytes, cut after line breaks, whose concatenation is built as a balanced tree of
// string concatenations. V8 represents a concatenation without copying, so replacing a range re-slices one small block and
// re-joins the blocks' strings, and the whole text — a multi-megabyte string — is never copied on a keystroke (splicing a
// flat string would copy all of it and leave a large object for the garbage collector every time).

const TARGET = 4096;
const MAX = 4 * TARGET;

export class Rope {
  private blocks: string[];
  private joined: string | undefined;

  constructor(text: string) {
    this.blocks = cut(text);
  }

  get length(): number {
    let n = 0;
    for (const b of this.blocks) n += b.length;
    return n;
  }

  /** Replaces `[start, end)` by `text`; offsets are clamped to the text. */
  replace(start: number, end: number, text: string): void {
    const blocks = this.blocks;
    // The blocks holding `start` and `end` (a position at a boundary belongs to the block it starts).
    let first = 0;
    let offset = 0;
    while (first < blocks.length - 1 && offset + blocks[first]!.length <= start) offset += blocks[first++]!.length;
    let last = first;
    let lastOffset = offset;
    while (last < blocks.length - 1 && lastOffset + blocks[last]!.length < end) lastOffset += blocks[last++]!.length;
    const head = blocks[first]!.slice(0, Math.max(0, start - offset));
    const tail = blocks[last]!.slice(Math.max(0, end - lastOffset));
    const merged = head + text + tail;
    const replacement = merged.length > MAX ? cut(merged) : [merged];
    blocks.splice(first, last - first + 1, ...replacement);
    if (blocks.length === 0) blocks.push('');
    this.joined = undefined;
  }

  /** The whole text, as a balanced concatenation of the blocks. */
  text(): string {
    return (this.joined ??= join(this.blocks, 0, this.blocks.length));
  }
}

function join(blocks: readonly string[], from: number, to: number): string {
  if (to - from === 1) return blocks[from]!;
  if (to <= from) return '';
  const mid = (from + to) >> 1;
  return join(blocks, from, mid) + join(blocks, mid, to);
}

/** Blocks of about TARGET characters, each ending after a line break where there is one near. */
function cut(text: string): string[] {
  const blocks: string[] = [];
  let start = 0;
  while (text.length - start > MAX / 2) {
    const newline = text.indexOf('\n', start + TARGET);
    const end = newline === -1 || newline - start > MAX / 2 ? start + TARGET : newline + 1;
    blocks.push(text.slice(start, end));
    start = end;
  }
  blocks.push(text.slice(start));
  return blocks;
}
