// The smallest line-level edits that turn one text into another. Fix-all applies fixes in several passes on a copy of
// the text; this turns the result back into edits of the original, so that an editor keeps its cursor, folds and undo
// steps everywhere else.
import type { TextEdit } from './text-edit';

/** Beyond this many changed lines on each side, the changed middle is replaced as a whole (diff cost is quadratic). */
const MAX_DIFF_LINES = 2000;

export function diffEdits(before: string, after: string): TextEdit[] {
  if (before === after) return [];
  const a = splitKeepingBreaks(before);
  const b = splitKeepingBreaks(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const offsets = lineOffsets(a);
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);
  if (midA.length > MAX_DIFF_LINES || midB.length > MAX_DIFF_LINES) {
    return [{ span: { start: offsets[prefix]!, end: offsets[a.length - suffix]! }, newText: midB.join('') }];
  }
  const edits: TextEdit[] = [];
  for (const hunk of lcsHunks(midA, midB)) {
    // A line changed in place (a renamed key, a replaced value) becomes an edit of just the changed characters.
    if (hunk.aEnd - hunk.aStart === hunk.bEnd - hunk.bStart) {
      for (let k = 0; k < hunk.aEnd - hunk.aStart; k++) {
        edits.push(narrow(midA[hunk.aStart + k]!, midB[hunk.bStart + k]!, offsets[prefix + hunk.aStart + k]!));
      }
      continue;
    }
    edits.push({
      span: { start: offsets[prefix + hunk.aStart]!, end: offsets[prefix + hunk.aEnd]! },
      newText: midB.slice(hunk.bStart, hunk.bEnd).join(''),
    });
  }
  return edits;
}

function narrow(before: string, after: string, offset: number): TextEdit {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end++;
  return { span: { start: offset + start, end: offset + before.length - end }, newText: after.slice(start, after.length - end) };
}

function splitKeepingBreaks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function lineOffsets(lines: readonly string[]): number[] {
  const offsets = [0];
  for (const line of lines) offsets.push(offsets[offsets.length - 1]! + line.length);
  return offsets;
}

interface Hunk {
  aStart: number;
  aEnd: number;
  bStart: number;
  bEnd: number;
}

/** Runs of lines that differ, from a longest common subsequence table. */
function lcsHunks(a: readonly string[], b: readonly string[]): Hunk[] {
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      table[i]![j] = a[i] === b[j] ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
    }
  }
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let open: Hunk | undefined;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      if (open) hunks.push(open);
      open = undefined;
      i++;
      j++;
      continue;
    }
    open ??= { aStart: i, aEnd: i, bStart: j, bEnd: j };
    if (j < m && (i === n || table[i]![j + 1]! >= table[i + 1]![j]!)) j++;
    else i++;
    open.aEnd = i;
    open.bEnd = j;
  }
  if (open) hunks.push(open);
  return hunks;
}
