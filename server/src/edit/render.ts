// Writes new YAML values (never existing ones) in block or flow style, in the file's own indentation. Used for the parts a
// fix adds: a list item, a mapping entry, a whole new document.
import type { EditStyle } from './style';

/** A value to write. Object key order is kept. */
export type YamlValue = string | number | boolean | null | readonly YamlValue[] | { readonly [key: string]: YamlValue };

const PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./:@+-]*$/;
const AMBIGUOUS = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|y|Y|n|N|[-+]?(?:\.?[0-9][0-9_.eE+-]*|0x[0-9a-fA-F]+|0o[0-7]+|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN))$/;

/** A scalar as YAML text: plain when that reads back as the same string, double-quoted otherwise. */
export function scalarText(value: string | number | boolean | null): string {
  if (value === null) return 'null';
  if (typeof value !== 'string') return String(value);
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/** True when `value` can be written without quotes and still parse as the same string (in block and flow context). */
export function isPlainSafe(value: string): boolean {
  return PLAIN.test(value) && !AMBIGUOUS.test(value) && !value.endsWith(':');
}

/** A mapping key as YAML text. */
export function keyText(key: string): string {
  return isPlainSafe(key) ? key : JSON.stringify(key);
}

function isMapping(value: YamlValue): value is { readonly [key: string]: YamlValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyCollection(value: YamlValue): boolean {
  return (Array.isArray(value) && value.length === 0) || (isMapping(value) && Object.keys(value).length === 0);
}

/** The value in flow style: `{a: 1, b: [x, y]}`. */
export function renderFlow(value: YamlValue): string {
  if (Array.isArray(value)) return `[${value.map(renderFlow).join(', ')}]`;
  if (isMapping(value)) return `{${Object.entries(value).map(([k, v]) => `${keyText(k)}: ${renderFlow(v)}`).join(', ')}}`;
  return scalarText(value as string | number | boolean | null);
}

/** Lines (no line breaks) of `key: value` at `column`, nested content indented in `style`. */
export function renderBlockEntry(key: string, value: YamlValue, column: number, style: EditStyle): string[] {
  const pad = ' '.repeat(column);
  if (!isBlockCollection(value)) return [`${pad}${keyText(key)}: ${renderFlow(value)}`];
  if (Array.isArray(value)) {
    const itemColumn = column + (style.indentSequences ? style.indent : 0);
    return [`${pad}${keyText(key)}:`, ...value.flatMap((item) => renderBlockItem(item, itemColumn, style))];
  }
  return [`${pad}${keyText(key)}:`, ...renderBlockMapping(value as { readonly [key: string]: YamlValue }, column + style.indent, style)];
}

/** Lines of the entries of a mapping, each at `column`. */
export function renderBlockMapping(value: { readonly [key: string]: YamlValue }, column: number, style: EditStyle): string[] {
  return Object.entries(value).flatMap(([k, v]) => renderBlockEntry(k, v, column, style));
}

/**
 * Lines of one `- item` whose dash is at `column`; a mapping item starts on the dash's line, its keys `dashGap` columns
 * after the dash (2 for `- key`; some files write `-   key`).
 */
export function renderBlockItem(value: YamlValue, column: number, style: EditStyle, dashGap = 2): string[] {
  const pad = ' '.repeat(column);
  if (isMapping(value) && !isEmptyCollection(value)) {
    const lines = renderBlockMapping(value, column + dashGap, style);
    lines[0] = `${pad}-${' '.repeat(dashGap - 1)}${lines[0]!.slice(column + dashGap)}`;
    return lines;
  }
  // A list directly inside a list is rare in policies; flow style keeps it readable.
  return [`${pad}- ${renderFlow(value)}`];
}

function isBlockCollection(value: YamlValue): boolean {
  return (Array.isArray(value) || isMapping(value)) && !isEmptyCollection(value);
}
