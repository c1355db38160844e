// Finds how a file is written, so that inserted text looks as if its author wrote it: the indentation step (2 or 4
// spaces), whether block sequences are indented under their key, and the line ending. Read from the raw text by looking at
// each `key:` line and the line that opens its nested block; the majority wins, and kubectl's style is the default.

export interface EditStyle {
  /** Spaces per nesting level of block mappings. */
  readonly indent: number;
  /** `key:\n  - item` (true) or `key:\n- item` (false). */
  readonly indentSequences: boolean;
  readonly eol: '\n' | '\r\n';
}

export const DEFAULT_STYLE: EditStyle = { indent: 2, indentSequences: false, eol: '\n' };

const OPENER = /^( *)(?:- +)*([^\s#'"][^#]*?|"[^"]*"|'[^']*'):[ \t]*(?:#.*)?$/;

export function detectStyle(text: string): EditStyle {
  const lines = text.split('\n');
  const crlf = lines.filter((l) => l.endsWith('\r')).length;
  const eol: EditStyle['eol'] = lines.length > 1 && crlf * 2 >= lines.length - 1 ? '\r\n' : '\n';
  const indents = new Map<number, number>();
  let indented = 0;
  let notIndented = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const m = OPENER.exec(line);
    if (!m) continue;
    // The key's column: after the indentation and any `- ` of a sequence item on the same line.
    const keyColumn = line.length - line.trimStart().length + (line.trimStart().match(/^(?:- +)*/)?.[0].length ?? 0);
    const next = nextContentLine(lines, i + 1);
    if (next === undefined) continue;
    const nextIndent = next.length - next.trimStart().length;
    if (next.trimStart().startsWith('- ') || next.trimStart() === '-') {
      if (nextIndent === keyColumn) notIndented++;
      else if (nextIndent > keyColumn) {
        indented++;
        vote(indents, nextIndent - keyColumn);
      }
    } else if (nextIndent > keyColumn) {
      vote(indents, nextIndent - keyColumn);
    }
  }
  let indent = DEFAULT_STYLE.indent;
  let best = 0;
  for (const [step, count] of indents) {
    if (step >= 2 && step <= 8 && (count > best || (count === best && step < indent))) {
      indent = step;
      best = count;
    }
  }
  return { indent, indentSequences: indented > notIndented, eol };
}

function vote(counts: Map<number, number>, step: number): void {
  counts.set(step, (counts.get(step) ?? 0) + 1);
}

function nextContentLine(lines: readonly string[], from: number): string | undefined {
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return undefined;
    return line;
  }
  return undefined;
}
