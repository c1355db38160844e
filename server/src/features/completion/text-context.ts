// Where the cursor is in a YAML document, read from the text around it rather than from the parse tree: while a user types,
// the document is often incomplete or briefly invalid YAML (`protocol: ` with nothing after it, a line holding `    po`).
// The indentation of the cursor's line and the keys of the enclosing lines give the path of keys and indices to the cursor.
import type { Span } from '../../syntax/span';
import type { PathSegment } from '../cursor';

interface LineShape {
  /** Columns of the `- ` sequence indicators on the line, left to right. */
  readonly dashes: readonly number[];
  /** Column of the first character after the indentation and the dashes. */
  readonly content: number;
  /** The key when the line's content is `key:` or `key: value`. */
  readonly key?: string;
  /** The text after `key:`, without a trailing comment ("" for a key that opens a block). */
  readonly value?: string;
  /** The content when it is a plain scalar (no key). */
  readonly scalar?: string;
}

export interface KeyContext {
  readonly kind: 'key';
  /** Path (from the document root) of the mapping the new key goes into. */
  readonly path: readonly PathSegment[];
  /** Keys the mapping already has. */
  readonly siblings: readonly string[];
  /** Column of the key. */
  readonly column: number;
  /** The partial key typed so far, to be replaced. */
  readonly replace: Span;
  /** True when the document holds nothing else (a place for a whole-policy snippet). */
  readonly emptyDocument: boolean;
  /** For a `- partial` line: the scalar items of the same list (when the list turns out to hold scalars). */
  readonly itemSiblings: readonly string[];
}

export interface ValueContext {
  readonly kind: 'value';
  /** Path (from the document root) of the value: ends with the key, or with an index for a list item. */
  readonly path: readonly PathSegment[];
  /** Items already in the list, for a list item. */
  readonly siblingValues: readonly string[];
  readonly replace: Span;
  /** True when the cursor is right after the colon, so a value needs a space before it. */
  readonly needsSpace: boolean;
  /** Column of the key (or of the `-`) the value belongs to. */
  readonly column: number;
}

export type TextContext = KeyContext | ValueContext;

const KEY = /^("[^"]*"|'[^']*'|[^\s#:"'[\]{},][^:#]*?):(?:\s+|$)/;
const PARTIAL = /^[^\s:#"'[\]{},]*$/;

function shape(line: string): LineShape | undefined {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  if (line.trim() === '' || line[i] === '#' || line.startsWith('---') || line.startsWith('...') || line.startsWith('%')) return undefined;
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 === line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const rest = stripComment(line.slice(i)).trimEnd();
  const m = KEY.exec(rest);
  if (m) return { dashes, content: i, key: unquote(m[1]!.trimEnd()), value: rest.slice(m[0].length).trim() };
  return { dashes, content: i, scalar: rest };
}

function stripComment(text: string): string {
  const at = text.search(/(^|\s)#/);
  return at === -1 ? text : text.slice(0, at);
}

function unquote(key: string): string {
  return (key.startsWith('"') && key.endsWith('"')) || (key.startsWith("'") && key.endsWith("'")) ? key.slice(1, -1) : key;
}

/** The context at `offset` in a document's text; undefined where no completion makes sense (in a comment, a flow map...). */
export function textContextAt(text: string, offset: number): TextContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lines = text.split('\n');
  const lineIndex = text.slice(0, lineStart).split('\n').length - 1;
  if (before.includes('#') || before.startsWith('---')) return undefined;

  // `key: [a, b, pa` — an item of a flow sequence.
  const flow = /^(\s*(?:-\s+)*)([^\s:#][^:#]*?):\s*\[([^\]]*)$/.exec(before);
  if (flow) {
    const column = flow[1]!.length;
    const typed = flow[3]!.split(',');
    const partial = typed[typed.length - 1]!.trimStart();
    const parent = enclosingPath(lines, lineIndex, column, flow[1]!.includes('-') ? lastDash(before) : undefined);
    if (!parent) return undefined;
    return {
      kind: 'value',
      path: [...parent.path, unquote(flow[2]!), 0],
      siblingValues: typed.slice(0, -1).map((t) => t.trim()).filter(Boolean),
      replace: { start: offset - partial.length, end: offset },
      needsSpace: false,
      column,
    };
  }

  // `key: partial` — the value of a key.
  const keyValue = /^(\s*(?:-\s+)*)("[^"]*"|'[^']*'|[^\s:#"'][^:#]*?):( *)([^\s#[{]*)$/.exec(before);
  if (keyValue) {
    const column = keyValue[1]!.length;
    const parent = enclosingPath(lines, lineIndex, column, keyValue[1]!.includes('-') ? lastDash(before) : undefined);
    if (!parent) return undefined;
    const partial = keyValue[4]!;
    return {
      kind: 'value',
      path: [...parent.path, unquote(keyValue[2]!)],
      siblingValues: [],
      replace: { start: offset - partial.length, end: offset },
      needsSpace: keyValue[3]!.length === 0,
      column,
    };
  }

  // `- partial` — a list item: a key of a new mapping or a scalar item; the caller decides from the schema.
  const item = /^(\s*)((?:-\s+)+)(\S*)$/.exec(before);
  if (item && PARTIAL.test(item[3]!)) {
    const dash = lastDash(before)!;
    const column = before.length - item[3]!.length;
    const parent = enclosingPath(lines, lineIndex, column, dash);
    if (!parent) return undefined;
    return {
      kind: 'key',
      path: parent.path,
      siblings: siblingsBelow(lines, lineIndex, column),
      column,
      replace: { start: offset - item[3]!.length, end: offset },
      emptyDocument: false,
      itemSiblings: scalarItems(lines, lineIndex, dash),
    };
  }

  // `partial` alone on its line — a key of the enclosing mapping.
  const plain = /^(\s*)(\S*)$/.exec(before);
  if (plain && PARTIAL.test(plain[2]!)) {
    const column = plain[1]!.length;
    const parent = enclosingPath(lines, lineIndex, column, undefined);
    if (!parent) return undefined;
    return {
      kind: 'key',
      path: parent.path,
      siblings: [...parent.siblings, ...siblingsBelow(lines, lineIndex, column)],
      column,
      replace: { start: offset - plain[2]!.length, end: offset },
      emptyDocument: lines.every((l, i) => i === lineIndex || shape(l) === undefined),
      itemSiblings: [],
    };
  }
  return undefined;
}

function lastDash(before: string): number | undefined {
  const s = shape(before);
  return s && s.dashes.length ? s.dashes[s.dashes.length - 1] : undefined;
}

/**
 * The path of the mapping that holds a key at `column` on line `lineIndex` (or, when `dash` is given, of the list item
 * that the `-` at that column opens). Scans upwards: deeper lines belong to siblings; the first shallower `key:` line is
 * the parent. Undefined when the lines above do not nest (the cursor is inside a multi-line scalar, say).
 */
function enclosingPath(lines: readonly string[], lineIndex: number, column: number, dash: number | undefined): { path: PathSegment[]; siblings: string[] } | undefined {
  const path: PathSegment[] = [];
  const siblings: string[] = [];
  let mode: 'map' | 'seq' = dash === undefined ? 'map' : 'seq';
  let col = dash ?? column;
  let firstLevel = dash === undefined;
  let index = 0;
  for (let i = lineIndex - 1; i >= 0; i--) {
    const l = shape(lines[i]!);
    if (!l) continue;
    const indent = l.dashes[0] ?? l.content;
    if (mode === 'map') {
      if (l.content > col) continue;
      if (l.content === col) {
        if (firstLevel && l.key !== undefined) siblings.push(l.key);
        const d = l.dashes[l.dashes.length - 1];
        if (d !== undefined) {
          mode = 'seq';
          col = d;
          firstLevel = false;
          index = 0;
        }
        continue;
      }
      if (l.key === undefined || l.value !== '') return undefined;
      path.unshift(l.key);
      firstLevel = false;
      const d = l.dashes[l.dashes.length - 1];
      if (d !== undefined) {
        mode = 'seq';
        col = d;
        index = 0;
      } else {
        col = l.content;
      }
      continue;
    }
    // mode === 'seq': we are an item whose `-` is at `col`; earlier items count, the `key:` above owns the list.
    if (l.dashes.includes(col)) {
      index++;
      continue;
    }
    if (indent > col) continue;
    if (l.key === undefined || l.value !== '' || l.content > col) return undefined;
    path.unshift(index);
    path.unshift(l.key);
    const d = l.dashes[l.dashes.length - 1];
    if (d !== undefined) {
      col = d;
      index = 0;
    } else {
      mode = 'map';
      col = l.content;
    }
  }
  if (mode === 'seq') return undefined;
  return { path, siblings };
}

/** Keys at `column` in the lines below, up to the end of the mapping. */
function siblingsBelow(lines: readonly string[], lineIndex: number, column: number): string[] {
  const out: string[] = [];
  for (let i = lineIndex + 1; i < lines.length; i++) {
    const l = shape(lines[i]!);
    if (!l) {
      if (/^(---|\.\.\.)/.test(lines[i]!)) break;
      continue;
    }
    if (l.content > column) continue;
    if (l.content < column || l.dashes.length > 0) break;
    if (l.key !== undefined) out.push(l.key);
  }
  return out;
}

/** The scalar items of the list whose `-` is at `dash`, above and below the cursor's line. */
function scalarItems(lines: readonly string[], lineIndex: number, dash: number): string[] {
  const out: string[] = [];
  for (const step of [-1, 1]) {
    for (let i = lineIndex + step; i >= 0 && i < lines.length; i += step) {
      const l = shape(lines[i]!);
      if (!l) continue;
      const indent = l.dashes[0] ?? l.content;
      if (indent > dash) continue;
      if (indent < dash || l.dashes[0] !== dash) break;
      if (l.dashes.length === 1 && l.scalar) out.push(l.scalar);
    }
  }
  return out;
}
