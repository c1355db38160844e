// A fast path for the plain block YAML that Kubernetes manifests are made of: it builds the span tree of `tree.ts` directly
// from the text, several times faster than `yaml`'s lexer → CST → AST → tree. It accepts only a strict subset (block maps
// and sequences, single-line plain and quoted scalars, single-line flow collections of scalars, comments) and gives up —
// returns undefined — on anything else (anchors, tags, block scalars, multi-line scalars, escapes, tabs, duplicate keys,
// any indentation it does not expect, a `\r` that is not part of a CRLF line break), so that `yaml` parses that document and
// reports its errors. On what it accepts it produces exactly the tree `toTree(parseDocument(text))` produces, spans
// included (test/core/fast-parse.test.ts checks it). Lines may end in LF or CRLF: like `yaml`, it ends a line's content
// before its `\r` and a line-ending node after its `\n`.
import type { Span } from './span';
import type { YEntry, YMap, YNode, YScalar, YSeq } from './tree';

/** Thrown inside the parser to abandon the fast path; never escapes `parseFast`. */
class Unsupported {}
const UNSUPPORTED = new Unsupported();

const SPACE = 32;
const NEWLINE = 10;
const CARRIAGE_RETURN = 13;
const HASH = 35;
const DASH = 45;
const COLON = 58;

/** Plain keys the fast path accepts: label keys, field names, annotation keys. */
const PLAIN_KEY = /^[A-Za-z0-9_][A-Za-z0-9._/-]*$/;
/** Characters a plain scalar may not start with (YAML's c-indicators, less `-`, `?` and `:`, handled apart). */
const INDICATORS = new Set([',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', "'", '"', '%', '@', '`']);

/**
 * The span tree of one YAML document, `null` for a document with no content, or undefined when the text is outside the
 * subset. Offsets are shifted by `base`.
 */
export function parseFast(text: string, base: number): YNode | null | undefined {
  if (text.includes('\t') || text.includes('\\') || text.charCodeAt(0) === 0xfeff || hasLoneCarriageReturn(text)) return undefined;
  try {
    return new FastParser(text, base).document();
  } catch (error) {
    if (error === UNSUPPORTED) return undefined;
    // A bug in the fast path must not break analysis: `yaml` parses the document instead.
    return undefined;
  }
}

/** True when some `\r` is not the first half of a CRLF line break (`yaml` reads a lone one as part of a scalar). */
function hasLoneCarriageReturn(text: string): boolean {
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 2)) {
    if (text.charCodeAt(i + 1) !== NEWLINE) return true;
  }
  return false;
}

/** True at a line break: `\n`, or the `\r` of a CRLF (`parseFast` has declined every other `\r`). */
function isLineBreak(c: number): boolean {
  return c === NEWLINE || c === CARRIAGE_RETURN;
}

function fail(): never {
  throw UNSUPPORTED;
}

class FastParser {
  /** Start of the next line to consume, or -1 at the end of the text. */
  private pos = 0;
  /** The node end (`yaml`'s range[2]) of the node parsed last: collections end where their last value ends. */
  private lastEnd = 0;
  /** True until the root collection has started (its node end is never seen). */
  private root = false;

  constructor(
    private readonly text: string,
    private readonly base: number,
  ) {}

  document(): YNode | null {
    const { text } = this;
    let line = this.skipTrivia(0);
    let marker = -1;
    if (line !== -1 && text.startsWith('---', line)) {
      marker = this.afterSpaces(line + 3);
      if (!this.isLineEndOrComment(marker, line + 3)) fail();
      line = this.skipTrivia(this.nextLine(line));
    }
    // `---` with nothing after it is a document holding one empty scalar; no marker and no content is no document.
    if (line === -1) return marker === -1 ? null : this.emptyScalar(marker);
    if (text.charCodeAt(line) === 37 /* % */) fail();
    this.pos = line;
    this.root = true;
    const root = this.blockNode(line, -1);
    if (this.pos !== -1) fail();
    return root;
  }

  // ---- lines -------------------------------------------------------------------------------------------------------

  /** The end of the content of the line holding `from`: its `\n`, the `\r` of its CRLF, or the end of the text. */
  private lineEnd(from: number): number {
    const { text } = this;
    const i = text.indexOf('\n', from);
    if (i === -1) return text.length;
    return i > from && text.charCodeAt(i - 1) === CARRIAGE_RETURN ? i - 1 : i;
  }

  /** Just after the line break of the line holding `from`, or the end of the text on its last line. */
  private afterLineBreak(from: number): number {
    const i = this.text.indexOf('\n', from);
    return i === -1 ? this.text.length : i + 1;
  }

  private nextLine(from: number): number {
    const i = this.text.indexOf('\n', from);
    return i === -1 || i + 1 >= this.text.length ? -1 : i + 1;
  }

  /** From a line start, the start of the first line that is neither blank nor a comment, or -1. */
  private skipTrivia(line: number): number {
    const { text } = this;
    while (line !== -1 && line < text.length) {
      const first = this.afterSpaces(line);
      if (first < text.length && !isLineBreak(text.charCodeAt(first)) && text.charCodeAt(first) !== HASH) return line;
      line = this.nextLine(line);
    }
    return -1;
  }

  private afterSpaces(i: number): number {
    const { text } = this;
    while (text.charCodeAt(i) === SPACE) i++;
    return i;
  }

  /** True at the end of a line, or at a comment that whitespace separates from what came before `from`. */
  private isLineEndOrComment(i: number, from: number): boolean {
    const c = this.text.charCodeAt(i);
    return i >= this.text.length || isLineBreak(c) || (c === HASH && i > from);
  }

  /** After a value that ends at `i` on its line: only spaces and a comment may follow. Returns the value's node end. */
  private finishLine(i: number): number {
    const { text } = this;
    const after = this.afterSpaces(i);
    if (after < text.length && !isLineBreak(text.charCodeAt(after))) {
      if (text.charCodeAt(after) !== HASH || after === i) fail();
    }
    return this.afterLineBreak(after);
  }

  private isSeqIndicator(i: number): boolean {
    const { text } = this;
    if (text.charCodeAt(i) !== DASH) return false;
    const next = text.charCodeAt(i + 1);
    return i + 1 >= text.length || next === SPACE || isLineBreak(next);
  }

  private span(start: number, end: number): Span {
    return { start: start + this.base, end: end + this.base };
  }

  // ---- block structure ---------------------------------------------------------------------------------------------

  /** A block map or sequence whose first line starts at `line`, more indented than `parentIndent`. */
  private blockNode(line: number, parentIndent: number): YNode {
    const col = this.afterSpaces(line);
    const indent = col - line;
    if (indent <= parentIndent) fail();
    this.pos = line;
    return this.isSeqIndicator(col) ? this.blockSeq(indent) : this.blockMap(indent, col);
  }

  /**
   * Called when a block collection at `indent` closes. `yaml` gives comment lines that follow it, indented at least as
   * deep, to that collection, which moves the end of every enclosing collection that closes with it; rather than model
   * that, the fast path leaves such documents to `yaml`. Comments more indented than a collection may also extend its
   * last value; only the root's own node end is never used, so comments at its indentation are fine.
   */
  private closeCollection(indent: number, isRoot: boolean): void {
    const { text } = this;
    const deepest = isRoot ? indent + 1 : indent;
    const newline = text.indexOf('\n', Math.max(0, this.lastEnd - 1));
    if (newline === -1) return;
    const stop = this.pos === -1 ? text.length : this.pos;
    for (let line = newline + 1; line < stop; line = this.afterLineBreak(line)) {
      const first = this.afterSpaces(line);
      if (text.charCodeAt(first) === HASH && first - line >= deepest) fail();
    }
  }

  /** Entries at `indent`; the first one starts at `firstCol` (mid-line after `- `, or at the line's indentation). */
  private blockMap(indent: number, firstCol: number): YMap {
    const isRoot = this.takeRoot();
    const entries: YEntry[] = [];
    const keys = new Set<string>();
    let col = firstCol;
    for (;;) {
      const entry = this.entry(col, indent);
      if (keys.has(entry.key)) fail();
      keys.add(entry.key);
      entries.push(entry);
      if (this.pos === -1) break;
      const next = this.afterSpaces(this.pos);
      const nextIndent = next - this.pos;
      if (nextIndent < indent) break;
      if (nextIndent > indent || this.isSeqIndicator(next)) fail();
      col = next;
    }
    this.closeCollection(indent, isRoot);
    return { kind: 'map', span: { start: entries[0]!.keySpan.start, end: this.lastEnd + this.base }, entries, flow: false };
  }

  private takeRoot(): boolean {
    const isRoot = this.root;
    this.root = false;
    return isRoot;
  }

  /** One `key: value` at `col` on the current line; leaves `pos` at the next content line. */
  private entry(col: number, indent: number): YEntry {
    const key = this.key(col);
    const colon = key.end;
    const after = this.afterSpaces(colon + 1);
    let value: YNode;
    if (this.isLineEndOrComment(after, colon + 1)) {
      const next = this.skipTrivia(this.nextLine(colon));
      const nextCol = next === -1 ? -1 : this.afterSpaces(next);
      if (next !== -1 && (nextCol - next > indent || (nextCol - next === indent && this.isSeqIndicator(nextCol)))) {
        this.pos = next;
        value = nextCol - next > indent ? this.blockNode(next, indent) : this.blockSeq(indent);
      } else {
        value = this.emptyScalar(after);
        this.noCommentsBefore(after, next);
        this.pos = next;
      }
    } else {
      value = this.inlineValue(after, indent);
    }
    // Quoted keys keep their quotes in the span, as `yaml`'s ranges do.
    const keySpan = this.span(col, key.rawEnd);
    return { key: key.value, keySpan, value, span: { start: keySpan.start, end: Math.max(keySpan.end, value.span.end) } };
  }

  /** The key at `col` and the offset of its `:`. */
  private key(col: number): { value: string; rawEnd: number; end: number } {
    const { text } = this;
    const c = text[col]!;
    if (c === '"' || c === "'") {
      const q = this.quoted(col);
      if (text.charCodeAt(q.end) !== COLON || !this.colonEndsKey(q.end)) fail();
      return { value: q.value, rawEnd: q.end, end: q.end };
    }
    const lineEnd = this.lineEnd(col);
    let i = text.indexOf(':', col);
    while (i !== -1 && i < lineEnd && !this.colonEndsKey(i)) i = text.indexOf(':', i + 1);
    if (i === -1 || i >= lineEnd) fail();
    const raw = text.slice(col, i);
    if (raw.length > 1000 || !PLAIN_KEY.test(raw) || resolvePlain(raw) !== raw) fail();
    return { value: raw, rawEnd: i, end: i };
  }

  private colonEndsKey(i: number): boolean {
    const next = this.text.charCodeAt(i + 1);
    return i + 1 >= this.text.length || next === SPACE || isLineBreak(next);
  }

  private blockSeq(indent: number): YSeq {
    const isRoot = this.takeRoot();
    const items: YNode[] = [];
    const start = this.afterSpaces(this.pos);
    for (;;) {
      const dash = this.afterSpaces(this.pos);
      const after = this.afterSpaces(dash + 1);
      if (this.isLineEndOrComment(after, dash + 1)) {
        const next = this.skipTrivia(this.nextLine(dash));
        if (next !== -1 && this.afterSpaces(next) - next > indent) {
          items.push(this.blockNode(next, indent));
        } else {
          items.push(this.emptyScalar(after));
          this.noCommentsBefore(after, next);
          this.pos = next;
        }
      } else if (this.isSeqIndicator(after)) {
        fail();
      } else if (this.startsEntry(after)) {
        items.push(this.blockMap(after - this.lineStartOf(after), after));
      } else {
        items.push(this.inlineValue(after, indent));
      }
      if (this.pos === -1) break;
      const next = this.afterSpaces(this.pos);
      const nextIndent = next - this.pos;
      if (nextIndent < indent || (nextIndent === indent && !this.isSeqIndicator(next))) break;
      if (nextIndent > indent) fail();
    }
    this.closeCollection(indent, isRoot);
    return { kind: 'seq', span: this.span(start, this.lastEnd), items, flow: false };
  }

  private lineStartOf(i: number): number {
    return this.text.lastIndexOf('\n', i - 1) + 1;
  }

  /** True when a `key:` starts at `col` (rather than a scalar). */
  private startsEntry(col: number): boolean {
    const { text } = this;
    const c = text[col]!;
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, col + 1);
      return close !== -1 && text.charCodeAt(close + 1) === COLON;
    }
    const lineEnd = this.lineEnd(col);
    for (let i = text.indexOf(':', col); i !== -1 && i < lineEnd; i = text.indexOf(':', i + 1)) {
      if (this.colonEndsKey(i)) return this.commentStart(col, i) === i;
    }
    return false;
  }

  /** The offset of ` #` (a comment) between `from` and `to` on one line, else `to`. */
  private commentStart(from: number, to: number): number {
    const { text } = this;
    for (let i = text.indexOf('#', from + 1); i !== -1 && i < to; i = text.indexOf('#', i + 1)) {
      if (text.charCodeAt(i - 1) === SPACE) return i - 1;
    }
    return to;
  }

  /** A value on the same line as its key or dash; leaves `pos` at the next content line. */
  private inlineValue(at: number, indent: number): YNode {
    const { text } = this;
    const c = text[at]!;
    let node: YNode;
    let end: number;
    if (c === '[' || c === '{') {
      const flow = c === '[' ? this.flowSeq(at) : this.flowMap(at);
      node = flow.node;
      end = flow.end;
    } else if (c === '"' || c === "'") {
      const q = this.quoted(at);
      node = scalarNode(this.span(at, q.end), q.value, c === '"' ? 'double' : 'single');
      end = q.end;
    } else {
      let rawEnd = this.commentStart(at, this.lineEnd(at));
      while (rawEnd > at && text.charCodeAt(rawEnd - 1) === SPACE) rawEnd--;
      const raw = text.slice(at, rawEnd);
      if (!isPlainStart(raw, text.charCodeAt(at + 1)) || raw.includes(': ') || raw.endsWith(':')) fail();
      node = scalarNode(this.span(at, rawEnd), resolvePlain(raw), 'plain');
      end = rawEnd;
    }
    this.lastEnd = this.finishLine(end);
    const next = this.skipTrivia(this.nextLine(end));
    // A more indented line after an inline value would continue a multi-line scalar (or be an error): not ours.
    if (next !== -1 && this.afterSpaces(next) - next > indent) fail();
    this.pos = next;
    return node;
  }

  /** `yaml` ends an empty value after the comments that follow it; the fast path leaves those documents to `yaml`. */
  private noCommentsBefore(from: number, next: number): void {
    const { text } = this;
    if (text.charCodeAt(from) === HASH) fail();
    const stop = next === -1 ? text.length : next;
    for (let line = this.afterLineBreak(from); line < stop; line = this.afterLineBreak(line)) {
      if (text.charCodeAt(this.afterSpaces(line)) === HASH) fail();
    }
  }

  private emptyScalar(at: number): YScalar {
    this.lastEnd = at;
    return { kind: 'scalar', span: this.span(at, at), value: null, style: 'plain', empty: true };
  }

  // ---- scalars and flow collections ----------------------------------------------------------------------------------

  /** A single-line quoted scalar at `at`; `end` is just after the closing quote. */
  private quoted(at: number): { value: string; end: number } {
    const { text } = this;
    const q = text[at]!;
    const lineEnd = this.lineEnd(at);
    let i = at + 1;
    let value = '';
    for (;;) {
      const close = text.indexOf(q, i);
      if (close === -1 || close >= lineEnd) fail();
      value += text.slice(i, close);
      if (q === "'" && text[close + 1] === "'") {
        value += "'";
        i = close + 2;
        continue;
      }
      return { value, end: close + 1 };
    }
  }

  /** A plain or quoted scalar inside a single-line flow collection; stops before `,`, `]`, `}` or `:`. */
  private flowScalar(at: number): { node: YScalar; end: number } {
    const { text } = this;
    const c = text[at]!;
    if (c === '"' || c === "'") {
      const q = this.quoted(at);
      return { node: scalarNode(this.span(at, q.end), q.value, c === '"' ? 'double' : 'single'), end: q.end };
    }
    let i = at;
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (ch === ',' || ch === ']' || ch === '}' || ch === '\n' || ch === '\r' || ch === ':' || ch === '[' || ch === '{' || ch === '#') break;
    }
    let rawEnd = i;
    while (rawEnd > at && text.charCodeAt(rawEnd - 1) === SPACE) rawEnd--;
    const raw = text.slice(at, rawEnd);
    if (raw.length === 0 || !isPlainStart(raw, text.charCodeAt(at + 1))) fail();
    if (text[i] === ':' || text[i] === '[' || text[i] === '{' || text[i] === '#') fail();
    return { node: scalarNode(this.span(at, rawEnd), resolvePlain(raw), 'plain'), end: rawEnd };
  }

  private flowSeq(at: number): { node: YSeq; end: number } {
    const { text } = this;
    const items: YNode[] = [];
    let i = this.afterSpaces(at + 1);
    if (text[i] !== ']') {
      for (;;) {
        const item = this.flowScalar(i);
        items.push(item.node);
        i = this.afterSpaces(item.end);
        if (text[i] === ',') {
          i = this.afterSpaces(i + 1);
          if (text[i] === ']') fail();
          continue;
        }
        if (text[i] === ']') break;
        fail();
      }
    }
    return { node: { kind: 'seq', span: this.span(at, i + 1), items, flow: true }, end: i + 1 };
  }

  private flowMap(at: number): { node: YMap; end: number } {
    const { text } = this;
    const entries: YEntry[] = [];
    const keys = new Set<string>();
    let i = this.afterSpaces(at + 1);
    if (text[i] !== '}') {
      for (;;) {
        const key = this.flowScalar(i);
        if (typeof key.node.value !== 'string' || (key.node.style === 'plain' && !PLAIN_KEY.test(key.node.value))) fail();
        if (text[key.end] !== ':' || text[key.end + 1] !== ' ') fail();
        if (keys.has(key.node.value)) fail();
        keys.add(key.node.value);
        const value = this.flowScalar(this.afterSpaces(key.end + 1));
        entries.push({ key: key.node.value, keySpan: key.node.span, value: value.node, span: { start: key.node.span.start, end: value.node.span.end } });
        i = this.afterSpaces(value.end);
        if (text[i] === ',') {
          i = this.afterSpaces(i + 1);
          if (text[i] === '}') fail();
          continue;
        }
        if (text[i] === '}') break;
        fail();
      }
    }
    return { node: { kind: 'map', span: this.span(at, i + 1), entries, flow: true }, end: i + 1 };
  }
}

function scalarNode(span: Span, value: string | number | boolean | null, style: 'plain' | 'single' | 'double'): YScalar {
  return { kind: 'scalar', span, value, style, empty: false };
}

function isPlainStart(raw: string, second: number): boolean {
  if (raw.length === 0) return false;
  const c = raw[0]!;
  if (INDICATORS.has(c)) return false;
  if (c === '-' || c === '?' || c === ':') return raw.length > 1 && second !== SPACE;
  return true;
}

const NULL = /^(?:~|[Nn]ull|NULL)$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
const MAYBE_NOT_STRING = /^[~nNtTfF0-9+.-]/;

/** A plain scalar's value under the YAML 1.2 core schema, as `yaml` resolves it (same tests, same order). */
function resolvePlain(raw: string): string | number | boolean | null {
  if (!MAYBE_NOT_STRING.test(raw)) return raw;
  if (NULL.test(raw)) return null;
  if (BOOL.test(raw)) return raw[0] === 't' || raw[0] === 'T';
  if (INT_OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (INT_HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (FLOAT_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(raw) || FLOAT.test(raw)) return parseFloat(raw);
  return raw;
}
