// The edit style of a whole file (indentation, sequence indentation, line ending), for edits that are not inside one
// document (a new default-deny document, a disable comment). Detected once per snapshot, from the file's first 64 KB: a
// code action request comes with every cursor move, and reading a multi-megabyte file for its style each time stalls
// the server.
import { detectStyle, type EditStyle } from '../../edit/index';
import type { FileSnapshot } from '../../lint/snapshot';

const SAMPLE_CHARACTERS = 64 * 1024;

const styles = new WeakMap<FileSnapshot, EditStyle>();

export function fileStyle(snapshot: FileSnapshot): EditStyle {
  let style = styles.get(snapshot);
  if (!style) {
    style = detectStyle(sample(snapshot.text));
    styles.set(snapshot, style);
  }
  return style;
}

/** The text up to the last line break within the first SAMPLE_CHARACTERS (all of it when shorter). */
function sample(text: string): string {
  if (text.length <= SAMPLE_CHARACTERS) return text;
  const cut = text.lastIndexOf('\n', SAMPLE_CHARACTERS);
  return cut === -1 ? text.slice(0, SAMPLE_CHARACTERS) : text.slice(0, cut + 1);
}
