// Replacing a scalar or renaming a key in place, keeping how the author quoted it.
import type { Span } from '../syntax/span';
import type { YScalar } from '../syntax/tree';
import { isPlainSafe, keyText } from './render';
import type { TextEdit } from './text-edit';

/** Replaces a scalar's text with `value` in the same quoting style (plain stays plain when it can). */
export function replaceScalar(text: string, node: YScalar, value: string | number | boolean): TextEdit {
  if (node.empty) return { span: node.span, newText: ` ${typeof value === 'string' ? quoteLike('plain', value) : String(value)}` };
  const raw = text.slice(node.span.start, node.span.end);
  // A block scalar's span runs to the end of its content lines; only its text is replaced, never the line break after it.
  const end = node.span.start + raw.trimEnd().length;
  const newText = typeof value === 'string' ? quoteLike(node.style === 'block' ? 'double' : node.style, value) : String(value);
  return { span: { start: node.span.start, end }, newText };
}

/** Renames the key at `keySpan`, keeping its quotes. */
export function renameKey(text: string, keySpan: Span, newKey: string): TextEdit {
  const first = text[keySpan.start];
  const newText = first === '"' ? JSON.stringify(newKey) : first === "'" ? singleQuoted(newKey) : keyText(newKey);
  return { span: keySpan, newText };
}

function quoteLike(style: 'plain' | 'single' | 'double', value: string): string {
  if (style === 'single') return singleQuoted(value);
  if (style === 'double' || !isPlainSafe(value)) return JSON.stringify(value);
  return value;
}

function singleQuoted(value: string): string {
  return /[\n\r\t]/.test(value) ? JSON.stringify(value) : `'${value.replace(/'/g, "''")}'`;
}
