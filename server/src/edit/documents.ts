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
  const lastLine = text.trimEnd().split('\n').pop()!.trim();
  const marker = lastLine === '---' ? '' : `---${style.eol}`;
  return { span: end, newText: lead + marker + body };
}

function hasContent(text: string): boolean {
  return text.split('\n').some((line) => {
    const t = line.trim();
    return t !== '' && !t.startsWith('#') && !t.startsWith('%');
  });
}
