// Inline suppression comments: `# netpol-disable-next-line a, b` (next non-comment line) and `# netpol-disable a` (whole document).
import type { Suppression } from '../rules/types';
import type { Span } from '../syntax/span';

const COMMENT = /#\s*netpol-disable(-next-line)?(?=\s|$)([^\n]*)/g;

export function findSuppressions(text: string): Suppression[] {
  if (!text.includes('netpol-disable')) return [];
  const result: Suppression[] = [];
  for (const m of text.matchAll(COMMENT)) {
    const start = m.index!;
    const lineStart = text.lastIndexOf('\n', start - 1) + 1;
    // Only whole-line comments or comments after a value; never text inside a quoted string.
    if (!/^[^'"]*$/.test(text.slice(lineStart, start))) continue;
    const idsText = m[2]!.replace(/\s--.*$/, '').replace(/\r$/, '');
    const idsOffset = start + m[0].length - m[2]!.length;
    const ruleIds: string[] = [];
    const idSpans: Span[] = [];
    for (const id of idsText.matchAll(/[a-z0-9][a-z0-9-]*/g)) {
      ruleIds.push(id[0]);
      idSpans.push({ start: idsOffset + id.index!, end: idsOffset + id.index! + id[0].length });
    }
    const span = { start, end: start + m[0].replace(/\r$/, '').length };
    if (m[1]) {
      result.push({ scope: 'next-line', ruleIds, idSpans, span, target: nextCodeLine(text, start) });
    } else {
      result.push({ scope: 'document', ruleIds, idSpans, span });
    }
  }
  return result;
}

function nextCodeLine(text: string, from: number): Span {
  let lineStart = text.indexOf('\n', from) + 1;
  while (lineStart > 0 && lineStart < text.length) {
    const lineEnd = text.indexOf('\n', lineStart);
    const line = text.slice(lineStart, lineEnd === -1 ? text.length : lineEnd);
    if (!/^\s*(#.*)?\r?$/.test(line)) return { start: lineStart, end: lineEnd === -1 ? text.length : lineEnd };
    if (lineEnd === -1) break;
    lineStart = lineEnd + 1;
  }
  return { start: text.length, end: text.length };
}
