// Where the cursor is in a YAML document, read from the text around it rather than from the parse tree: while a user types,
// the document is often incomplete or briefly invalid YAML (`protocol: ` with nothing after it, a line holding `    po`).
// The indentation of the cursor's line and the keys of the enclosing lines give the path of keys and indices to the cursor.
import type { Span } from './span';

/** One step of a path from a document's root: a map key or a sequence index. */
export type PathSegment = string | number;

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
  /** The partial key typed so far (from its start to the cursor): what an insertion replaces. */
  readonly prefix: Span;
  /** The whole word at the cursor, the partial key and its tail after the cursor: what a replacement replaces. */
  readonly word: Span;
  /** True inside a flow mapping (`{a: 1, pa`): a key goes on the same line, with no indentation below it. */
  readonly flow: boolean;
  /** True when the document holds nothing else (a place for a whole-policy snippet). */
  readonly emptyDocument: boolean;
  /** For a `- partial` line: the scalar items of the same list (when the list turns out to hold scalars). */
  readonly itemSiblings: readonly string[];
  /** For a `- partial` line: the scalar fields beside the list's key (a requirement's `key` beside its `values`). */
  readonly itemOwnerFields: ReadonlyMap<string, string>;
}

export interface ValueContext {
  readonly kind: 'value';
  /** Path (from the document root) of the value: ends with the key, or with an index for a list item. */
  readonly path: readonly PathSegment[];
  /** Items already in the list, for a list item. */
  readonly siblingValues: readonly string[];
  /** The scalar fields beside the value's key, or beside the list's key for a list item (a requirement's `key`). */
  readonly ownerFields: ReadonlyMap<string, string>;
  /** The partial value typed so far (from its start to the cursor): what an insertion replaces. */
  readonly prefix: Span;
  /** The partial value and its tail after the cursor: what a replacement replaces. */
  readonly word: Span;
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

/** Characters of a key being typed, and of a value in a flow collection or a block. */
const KEY_TAIL = /^[^\s:#"'[\]{},]*/;
const FLOW_VALUE_TAIL = /^[^\s,[\]{}#]*/;
const BLOCK_VALUE_TAIL = /^\S*/;

/** The context at `offset` in a document's text; undefined where no completion makes sense (in a comment, a string...). */
export function textContextAt(text: string, offset: number): TextContext | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const before = text.slice(lineStart, offset);
  const lineEnd = text.indexOf('\n', offset);
  const after = text.slice(offset, lineEnd === -1 ? text.length : lineEnd);
  const lines = text.split('\n');
  const lineIndex = text.slice(0, lineStart).split('\n').length - 1;
  if (before.includes('#') || before.startsWith('---')) return undefined;
  const word = (partial: string, tail: RegExp): { prefix: Span; word: Span } => ({
    prefix: { start: offset - partial.length, end: offset },
    word: { start: offset - partial.length, end: offset + tail.exec(after)![0].length },
  });

  // `key: {a: 1, pa`, `key: [a, pa`, `- {key: app, values: [pa` — inside a flow collection opened on this line.
  const flowStart = /^(\s*(?:-\s+)*)(?:("[^"]*"|'[^']*'|[^\s:#"'[\]{},][^:#]*?):\s*)?(?=[[{])/.exec(before);
  if (flowStart) {
    const dashed = flowStart[1]!.includes('-');
    const column = flowStart[1]!.length;
    const parent = enclosingPath(lines, lineIndex, column, dashed ? lastDash(before) : undefined);
    if (!parent) return undefined;
    const key = flowStart[2] === undefined ? undefined : unquote(flowStart[2]);
    // A collection that is a list item has no key of its own: the item's path is the parent's.
    if (key === undefined && !dashed && column > 0) return undefined;
    const stack = scanFlow(before, flowStart[0].length, key === undefined ? parent.path : [...parent.path, key]);
    const top = stack?.[stack.length - 1];
    if (!top || top.nested) return undefined;
    if (top.open === '{' && top.key === undefined) {
      const partial = before.slice(top.entryStart).trimStart();
      if (!PARTIAL.test(partial)) return undefined;
      return {
        kind: 'key',
        path: top.path,
        siblings: [...top.keys, ...flowKeysAfter(after)],
        column: before.length - partial.length,
        ...word(partial, KEY_TAIL),
        flow: true,
        emptyDocument: false,
        itemSiblings: [],
        itemOwnerFields: new Map(),
      };
    }
    const valueStart = top.open === '{' ? top.valueStart : top.entryStart;
    const partial = before.slice(valueStart).trimStart();
    if (!/^[^\s,[\]{}]*$/.test(partial)) return undefined;
    const owner = stack.length > 1 ? stack[stack.length - 2]!.fields : blockFields(lines, lineIndex, column);
    return {
      kind: 'value',
      path: [...top.path, top.open === '{' ? top.key! : top.index],
      siblingValues: top.open === '[' ? top.items : [],
      ownerFields: top.open === '{' ? top.fields : owner,
      ...word(partial, FLOW_VALUE_TAIL),
      needsSpace: top.open === '{' && valueStart === before.length,
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
      ownerFields: blockFields(lines, lineIndex, column),
      ...word(partial, BLOCK_VALUE_TAIL),
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
      ...word(item[3]!, KEY_TAIL),
      flow: false,
      emptyDocument: false,
      itemSiblings: scalarItems(lines, lineIndex, dash),
      itemOwnerFields: parent.owner ? blockFields(lines, parent.owner.line, parent.owner.column) : new Map(),
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
      ...word(plain[2]!, KEY_TAIL),
      flow: false,
      emptyDocument: lines.every((l, i) => i === lineIndex || shape(l) === undefined),
      itemSiblings: [],
      itemOwnerFields: new Map(),
    };
  }
  return undefined;
}

/** An open flow collection while scanning a line up to the cursor. */
interface FlowFrame {
  readonly open: '{' | '[';
  /** Path of the collection from the document root. */
  readonly path: readonly PathSegment[];
  /** A mapping's keys before the current entry, and those of them with a scalar value. */
  readonly keys: string[];
  readonly fields: Map<string, string>;
  /** A sequence's scalar items before the current one, and the index of the current one. */
  readonly items: string[];
  index: number;
  /** Where the current entry starts in the line. */
  entryStart: number;
  /** A mapping's current key once its `:` is read, and where its value starts. */
  key: string | undefined;
  valueStart: number;
  /** The current entry's value is a nested collection (already closed, or open above this frame). */
  nested: boolean;
}

/**
 * The flow collections still open at the end of `line`, innermost last, scanning from `from` (a `{` or `[`) with `path`
 * as the outermost collection's path. Undefined when they all close before the end, or the line is not simple flow YAML
 * (an unterminated string, a collection as a key).
 */
function scanFlow(line: string, from: number, path: readonly PathSegment[]): FlowFrame[] | undefined {
  const stack: FlowFrame[] = [];
  const open = (bracket: '{' | '[', at: number, framePath: readonly PathSegment[]) =>
    stack.push({ open: bracket, path: framePath, keys: [], fields: new Map(), items: [], index: 0, entryStart: at + 1, key: undefined, valueStart: at + 1, nested: false });
  for (let i = from; i < line.length; i++) {
    const c = line[i]!;
    const top = stack[stack.length - 1];
    if (c === '"' || c === "'") {
      const close = closingQuote(line, i);
      if (close === -1) return undefined;
      i = close;
    } else if (c === '{' || c === '[') {
      if (!top) open(c, i, path);
      else if (top.open === '{' && top.key === undefined) return undefined;
      else {
        top.nested = true;
        open(c, i, [...top.path, top.open === '{' ? top.key! : top.index]);
      }
    } else if (!top) {
      return undefined;
    } else if (c === '}' || c === ']') {
      if ((c === '}') !== (top.open === '{')) return undefined;
      stack.pop();
      if (stack.length === 0) return undefined;
    } else if (c === ',') {
      const entry = line.slice(top.open === '{' && top.key !== undefined ? top.valueStart : top.entryStart, i).trim();
      if (top.open === '{') {
        const key = top.key ?? unquote(entry);
        if (key !== '') top.keys.push(key);
        if (top.key !== undefined && !top.nested && entry !== '') top.fields.set(top.key, unquote(entry));
      } else {
        if (!top.nested && entry !== '') top.items.push(unquote(entry));
        top.index++;
      }
      top.entryStart = i + 1;
      top.key = undefined;
      top.nested = false;
    } else if (c === ':' && top.open === '{' && top.key === undefined && /^[\s,[\]{}]?$/.test(line[i + 1] ?? '')) {
      top.key = unquote(line.slice(top.entryStart, i).trim());
      top.valueStart = i + 1;
    }
  }
  return stack;
}

/** The offset of the quote closing the string that opens at `start`, or -1 when it is not closed on this line. */
function closingQuote(line: string, start: number): number {
  const quote = line[start];
  for (let i = start + 1; i < line.length; i++) {
    if (quote === '"' && line[i] === '\\') i++;
    else if (line[i] === quote) {
      if (quote === "'" && line[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

/** The keys of the entries after the current one in a flow mapping, from the text after the cursor up to its `}`. */
function flowKeysAfter(after: string): string[] {
  const keys: string[] = [];
  let depth = 0;
  let entryStart: number | undefined;
  for (let i = 0; i < after.length; i++) {
    const c = after[i]!;
    if (c === '"' || c === "'") {
      const close = closingQuote(after, i);
      if (close === -1) break;
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && c === ',') entryStart = i + 1;
    else if (depth === 0 && c === ':' && entryStart !== undefined && /^[\s,[\]{}]?$/.test(after[i + 1] ?? '')) {
      keys.push(unquote(after.slice(entryStart, i).trim()));
      entryStart = undefined;
    }
  }
  return keys;
}

/**
 * The `key: scalar` fields of the block mapping whose keys are at `column`, one of which is on line `lineIndex`. A line
 * whose `- ` opens the mapping is its first; one below with a `- ` at that column is the next item's.
 */
function blockFields(lines: readonly string[], lineIndex: number, column: number): Map<string, string> {
  const fields = new Map<string, string>();
  for (const step of [-1, 1]) {
    for (let i = step === -1 ? lineIndex : lineIndex + 1; i >= 0 && i < lines.length; i += step) {
      const l = shape(lines[i]!);
      if (!l) {
        if (/^(---|\.\.\.)/.test(lines[i]!)) break;
        continue;
      }
      if (l.content > column) continue;
      if (l.content < column || (step === 1 && l.dashes.length > 0)) break;
      if (l.key !== undefined && l.value && !/^[[{|>&*!]/.test(l.value) && !fields.has(l.key)) fields.set(l.key, unquote(l.value));
      if (l.dashes.length > 0) break;
    }
  }
  return fields;
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
function enclosingPath(
  lines: readonly string[],
  lineIndex: number,
  column: number,
  dash: number | undefined,
): { path: PathSegment[]; siblings: string[]; owner?: { line: number; column: number } } | undefined {
  const path: PathSegment[] = [];
  const siblings: string[] = [];
  /** The line and column of the innermost key on the path: the key whose value holds the cursor. */
  let owner: { line: number; column: number } | undefined;
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
      owner ??= { line: i, column: l.content };
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
    owner ??= { line: i, column: l.content };
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
  return owner ? { path, siblings, owner } : { path, siblings };
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
