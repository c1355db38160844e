// Appending a YAML document to a file: after a `---` line when the file already has content, in the file's line endings.
import { renderBlockMapping, type YamlValue } from './render';
import type { EditStyle } from './style';
import type { TextEdit } from './text-edit';

/** Appends `value` (a mapping) as a new document at the end of `text`. */
export function appendDocument(text: string, value: { readonly [key: string]: YamlValue }, style: EditStyle): TextEdit {
  const body = renderBlockMapping(value, 0, style).join(style.eol) + style.eol;
  const end = { start: text.length, end: text.length };
  if (!hasContent(text)) {
    // Only blank lines or comments so far: the new document is the file's first, and needs no marker.
    const lead = text.length === 0 || text.endsWith('\n') ? '' : style.eol;
    return { span: end, newText: lead + body };
  }
  const lead = text.endsWith('\n') ? '' : style.eol;
  // A file that already ends with an empty document (`---` last) gets its content, not a second marker.
  const trimmed = text.trimEnd();
  const lastLine = trimmed.slice(trimmed.lastIndexOf('\n') + 1).trim();
  const marker = lastLine === '---' ? '' : `---${style.eol}`;
  return { span: end, newText: lead + marker + body };
}

/** True when some line is neither blank, a comment nor a directive; stops at the first such line (files can be large). */
function hasContent(text: string): boolean {
  for (let start = 0; start <= text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const t = text.slice(start, end).trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith('%')) return true;
    if (newline === -1) return false;
    start = newline + 1;
  }
  return false;
}
