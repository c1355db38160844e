// Adding to and removing from mappings and sequences, in block or flow style as the collection is written. New lines take
// the column of their siblings; nothing outside the inserted or removed text changes.
import type { YEntry, YMap, YNode, YSeq } from '../syntax/tree';
import { contentEnd, entryContentEnd } from './find';
import { keyText, renderBlockEntry, renderBlockItem, renderFlow, scalarText, type YamlValue } from './render';
import type { EditStyle } from './style';
import { columnAt, indentationAt, isFirstOnLine, lineStartAt, nextLineStartAt } from './text-lines';
import type { TextEdit } from './text-edit';

export interface InsertEntryOptions {
  /** Insert after the entry with this key when it exists (default: after the last entry). */
  readonly after?: string;
  /** Insert before every other entry. */
  readonly first?: boolean;
}

/** Adds `key: value` to a mapping. Block mappings get new lines at their keys' column; flow mappings get `, key: value`. */
export function insertMapEntry(text: string, map: YMap, key: string, value: YamlValue, style: EditStyle, options: InsertEntryOptions = {}): TextEdit {
  const entries = map.entries;
  const anchor = options.first ? undefined : (options.after !== undefined ? [...entries].reverse().find((e) => e.key === options.after) : undefined) ?? entries[entries.length - 1];
  if (map.flow || entries.length === 0) {
    const quote = entries[0] && text[entries[0].keySpan.start] === '"';
    const entryText = `${quote ? JSON.stringify(key) : keyText(key)}: ${renderFlow(value)}`;
    if (entries.length === 0) return { span: at(map.span.start + 1), newText: entryText };
    if (!anchor) return { span: at(entries[0]!.keySpan.start), newText: `${entryText}, ` };
    return { span: at(entryContentEnd(text, anchor)), newText: flowSeparator(text, map, anchor.keySpan.start, style) + entryText };
  }
  const column = columnAt(text, entries[0]!.keySpan.start);
  const lines = renderBlockEntry(key, value, column, style);
  if (!anchor) return insertLinesBefore(text, entries[0]!.keySpan.start, column, lines, style);
  return insertLinesAfter(text, entryContentEnd(text, anchor), lines, style);
}

/** The longest line a new flow item may make; longer ones are written in block style. */
const MAX_FLOW_LINE = 120;

/** Appends `value` as the last item of a sequence (`- value` lines in block style, `, value` in flow style). */
export function insertSeqItem(text: string, seq: YSeq, value: YamlValue, style: EditStyle): TextEdit {
  const items = seq.items;
  if (seq.flow || items.length === 0) {
    if (items.length === 0) return { span: at(seq.span.start + 1), newText: renderFlow(value) };
    const last = items[items.length - 1]!;
    return { span: at(contentEnd(text, last)), newText: flowSeparator(text, seq, last.span.start, style) + renderFlow(value) };
  }
  const column = columnAt(text, seq.span.start);
  const last = items[items.length - 1]!;
  // Items written as one-line flow mappings (`- {port: 53, protocol: UDP}`) get a sibling written the same way, unless
  // that line would be long (a whole egress rule).
  const dash = text.lastIndexOf('-', last.span.start);
  if (last.kind === 'map' && last.flow && last.entries.length > 0 && isMapping(value) && dash >= lineStartAt(text, last.span.start)) {
    const line = `${' '.repeat(column)}${text.slice(dash, last.span.start)}${renderFlow(value)}`;
    if (line.length <= MAX_FLOW_LINE && !text.slice(last.span.start, last.span.end).includes('\n')) return insertLinesAfter(text, contentEnd(text, seq), [line], style);
  }
  return insertLinesAfter(text, contentEnd(text, seq), renderBlockItem(value, column, style, dashGap(text, last)), style);
}

/**
 * Puts a scalar before the first item of a non-empty sequence (`[Egress]` → `[Ingress, Egress]`), quoted like that item;
 * undefined when the first item does not start its own line in block style.
 */
export function insertSeqItemFirst(text: string, seq: YSeq, value: string, style: EditStyle): TextEdit | undefined {
  const first = seq.items[0];
  if (!first) return undefined;
  const quote = text[first.span.start];
  const written = quote === '"' ? JSON.stringify(value) : quote === "'" ? `'${value.replace(/'/g, "''")}'` : scalarText(value);
  if (seq.flow) {
    const sameLine = lineStartAt(text, first.span.start) === lineStartAt(text, seq.span.start);
    return { span: at(first.span.start), newText: sameLine ? `${written}, ` : `${written},${style.eol}${indentationAt(text, first.span.start)}` };
  }
  const dash = text.lastIndexOf('-', first.span.start);
  if (dash < lineStartAt(text, first.span.start) || !isFirstOnLine(text, dash)) return undefined;
  return { span: at(lineStartAt(text, dash)), newText: `${text.slice(lineStartAt(text, dash), first.span.start)}${written}${style.eol}` };
}

/** Appends several items in one edit (so that they stay in order whatever the client does with inserts at one offset). */
export function insertSeqItems(text: string, seq: YSeq, values: readonly YamlValue[], style: EditStyle): TextEdit {
  if (seq.items.length === 0) return { span: at(seq.span.start + 1), newText: values.map(renderFlow).join(', ') };
  const edits = values.map((v) => insertSeqItem(text, seq, v, style));
  return { span: edits[0]!.span, newText: edits.map((e) => e.newText).join('') };
}

/**
 * Makes `key` of a mapping hold the list `values`: a new entry when the key is missing, the items written into an empty
 * (`[]`) or null value. Undefined when the key holds anything else (a non-empty list, a scalar), which is not a filling-in.
 */
export function setSeqEntry(text: string, map: YMap, key: string, values: readonly YamlValue[], style: EditStyle, options: InsertEntryOptions = {}): TextEdit | undefined {
  const existing = [...map.entries].reverse().find((e) => e.key === key);
  if (!existing) return insertMapEntry(text, map, key, values, style, options);
  const value = existing.value;
  if (value.kind === 'seq' && value.items.length === 0) return insertSeqItems(text, value, values, style);
  if (value.kind === 'scalar' && value.value === null) return replaceEntryValue(text, map, existing, values, style);
  return undefined;
}

/** Removes an entry from a mapping: its lines in block style (its comment lines too), `key: value` and one comma in flow style. */
export function deleteMapEntry(text: string, map: YMap, entry: YEntry): TextEdit {
  const index = map.entries.indexOf(entry);
  const next = map.entries[index + 1];
  const previous = map.entries[index - 1];
  if (map.flow) {
    if (next) return { span: { start: entry.keySpan.start, end: next.keySpan.start }, newText: '' };
    if (previous) return { span: { start: entryContentEnd(text, previous), end: entryContentEnd(text, entry) }, newText: '' };
    return { span: { start: entry.keySpan.start, end: pastTrailingComma(text, entryContentEnd(text, entry)) }, newText: '' };
  }
  if (!next && !previous) return { span: { start: entry.keySpan.start, end: entryContentEnd(text, entry) }, newText: '{}' };
  // The first key of a list item shares its line with the dash: the next key moves up to the dash instead.
  if (!isFirstOnLine(text, entry.keySpan.start)) {
    if (next) return { span: { start: entry.keySpan.start, end: next.keySpan.start }, newText: '' };
  }
  const end = entryContentEnd(text, entry);
  return { span: { start: lineStartAt(text, entry.keySpan.start), end: nextLineStartAt(text, end) }, newText: '' };
}

/** Removes one item of a sequence. */
export function deleteSeqItem(text: string, seq: YSeq, item: YNode): TextEdit {
  const index = seq.items.indexOf(item);
  const next = seq.items[index + 1];
  const previous = seq.items[index - 1];
  if (seq.flow) {
    if (next) return { span: { start: item.span.start, end: next.span.start }, newText: '' };
    if (previous) return { span: { start: contentEnd(text, previous), end: contentEnd(text, item) }, newText: '' };
    return { span: { start: item.span.start, end: pastTrailingComma(text, contentEnd(text, item)) }, newText: '' };
  }
  if (!next && !previous) {
    const dash = text.lastIndexOf('-', item.span.start);
    // `key:\n- x` becomes `key:\n  []`: a flow value on its own line must be indented deeper than its key, which a
    // sequence written at its key's column is not.
    const pad = isFirstOnLine(text, dash) && previousKeyColumn(text, dash) >= columnAt(text, dash) ? '  ' : '';
    return { span: { start: dash, end: contentEnd(text, item) }, newText: `${pad}[]` };
  }
  const dash = text.lastIndexOf('-', item.span.start);
  return { span: { start: lineStartAt(text, dash), end: nextLineStartAt(text, contentEnd(text, item)) }, newText: '' };
}

/**
 * Sets the value of an entry, replacing what is there (typically an empty value or a scalar). In a block mapping a
 * non-empty collection is written in block style below the key; in a flow mapping everything is written in flow style.
 */
export function replaceEntryValue(text: string, map: YMap, entry: YEntry, value: YamlValue, style: EditStyle): TextEdit {
  const colon = text.indexOf(':', entry.keySpan.end);
  const end = entryContentEnd(text, entry);
  const span = { start: colon + 1, end: Math.max(colon + 1, end) };
  const isCollection = typeof value === 'object' && value !== null && Object.keys(value).length > 0;
  if (map.flow || !isCollection) return { span, newText: ` ${renderFlow(value)}` };
  const column = columnAt(text, entry.keySpan.start);
  const lines = renderBlockEntry(entry.key, value, column, style).slice(1);
  return { span, newText: lines.map((l) => style.eol + l).join('') };
}

/**
 * Makes two adjacent mapping items of one sequence a single item, keeping every line (comments included) where it is.
 * Block items: the second item's dash becomes a space, so its keys continue the first item's mapping (only when both
 * put their keys at the same column). Flow items: `}, {` (or `}` line break `- {`) between them becomes `, `. Undefined
 * when the items are written some other way.
 */
export function mergeSeqItems(text: string, first: YMap, second: YMap): TextEdit | undefined {
  const secondKey = second.entries[0]?.keySpan.start;
  const firstKey = first.entries[0]?.keySpan.start;
  if (secondKey === undefined || firstKey === undefined) return undefined;
  if (!first.flow && !second.flow) {
    const dash = text.lastIndexOf('-', secondKey);
    if (dash < lineStartAt(text, secondKey) || !/^-[ ]+$/.test(text.slice(dash, secondKey))) return undefined;
    if (columnAt(text, firstKey) !== columnAt(text, secondKey)) return undefined;
    return { span: { start: dash, end: dash + 1 }, newText: ' ' };
  }
  if (!first.flow || !second.flow) return undefined;
  const start = entryContentEnd(text, first.entries[first.entries.length - 1]!);
  if (!/^\s*,?\s*\}\s*[,-]\s*\{\s*$/.test(text.slice(start, secondKey))) return undefined;
  return { span: { start, end: secondKey }, newText: ', ' };
}

/**
 * Writes `value` in place of a mapping item of a sequence (`- ipBlock: ...` becomes `- namespaceSelector: ...`): block
 * items keep their dash and key column, flow items are rewritten in flow style. Undefined when the item's text holds a
 * comment, which would be lost.
 */
export function replaceMapItem(text: string, item: YMap, value: { readonly [key: string]: YamlValue }, style: EditStyle): TextEdit | undefined {
  const first = item.entries[0];
  if (!first) return undefined;
  const start = item.flow ? item.span.start : first.keySpan.start;
  const end = contentEnd(text, item);
  if (/(^|\s)#/.test(text.slice(start, end))) return undefined;
  if (item.flow) return { span: { start, end }, newText: renderFlow(value) };
  const column = columnAt(text, start);
  const lines = Object.entries(value).flatMap(([k, v]) => renderBlockEntry(k, v, column, style));
  lines[0] = lines[0]!.slice(column);
  return { span: { start, end }, newText: lines.join(style.eol) };
}

/** Columns from the dash of a block sequence item to its mapping's first key (`-   key` is 4); 2 when not a mapping. */
function dashGap(text: string, item: YNode): number {
  if (item.kind !== 'map' || item.flow || item.entries.length === 0) return 2;
  const key = item.entries[0]!.keySpan.start;
  const dash = text.lastIndexOf('-', key);
  const gap = key - dash;
  return dash >= lineStartAt(text, key) && /^-[ ]+$/.test(text.slice(dash, key)) && gap >= 2 && gap <= 8 ? gap : 2;
}

/** After the comma that follows `offset` (JSON-like flow style allows one after the last entry), or `offset` itself. */
function pastTrailingComma(text: string, offset: number): number {
  let i = offset;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return text[i] === ',' ? i + 1 : offset;
}

/** Key column of the closest line above `offset` that has content (not blank, not only a comment). */
function previousKeyColumn(text: string, offset: number): number {
  let lineStart = lineStartAt(text, offset);
  while (lineStart > 0) {
    lineStart = lineStartAt(text, lineStart - 1);
    const line = text.slice(lineStart, text.indexOf('\n', lineStart) === -1 ? text.length : text.indexOf('\n', lineStart));
    // The column of the line's key, after its indentation and any `- ` of list items.
    if (line.trim() !== '' && !line.trim().startsWith('#')) return /^[ \t]*(?:-[ \t]+)*/.exec(line)![0].length;
  }
  return -1;
}

function insertLinesAfter(text: string, contentEndOffset: number, lines: readonly string[], style: EditStyle): TextEdit {
  const offset = nextLineStartAt(text, contentEndOffset);
  const block = lines.join(style.eol);
  // On the last line of a text without a final line break, the new lines need one before them.
  if (offset === text.length && !text.endsWith('\n')) return { span: at(offset), newText: style.eol + block };
  return { span: at(offset), newText: block + style.eol };
}

function insertLinesBefore(text: string, keyStart: number, column: number, lines: readonly string[], style: EditStyle): TextEdit {
  if (isFirstOnLine(text, keyStart)) return { span: at(lineStartAt(text, keyStart)), newText: lines.join(style.eol) + style.eol };
  // The first key shares its line with a dash (`- key:`): the new entry takes the dash's place and the old key moves down.
  const first = lines[0]!.slice(column);
  const rest = lines.slice(1);
  return { span: at(keyStart), newText: [first, ...rest].join(style.eol) + style.eol + ' '.repeat(column) };
}

/** `, ` in a one-line flow collection; `,` plus a line break and the siblings' indentation in a multi-line one. */
function flowSeparator(text: string, collection: YMap | YSeq, siblingStart: number, style: EditStyle): string {
  const multiLine = lineStartAt(text, siblingStart) !== lineStartAt(text, collection.span.start);
  return multiLine ? `,${style.eol}${indentationAt(text, siblingStart)}` : ', ';
}

function isMapping(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function at(offset: number): { start: number; end: number } {
  return { start: offset, end: offset };
}

export { contentEnd, entryContentEnd };
