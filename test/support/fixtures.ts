// Rule fixtures carry their expectations inline, under the offending line:
//
//     cidr: 0.0.0.0/0
//   #       ^^^^^^^^^ warning[egress-reaches-metadata-endpoint]
//
// The carets give the columns of the expected range on the nearest line above that is not a marker. A `#` directly followed
// by `^` counts as a caret itself (for ranges starting at column 0). Text after the rule id must appear in the message.
// A header line `# netpol-test: {...}` gives settings (JSON) and optionally "check": ["rule-a", ...] or "all".
import type { Diagnostic } from 'vscode-languageserver-types';

export interface Expectation {
  line: number;
  startCharacter: number;
  endCharacter: number;
  severity: string;
  rule: string;
  messageIncludes?: string;
  markerLine: number;
}

export interface Fixture {
  settings: Record<string, unknown>;
  check: string[] | 'all' | undefined;
  expectations: Expectation[];
}

const MARKER = /^(\s*)#(\s*)(\^+)\s+(error|warning|information|hint)\[([a-z0-9-]+)\](?:\s+(.*?))?\s*$/;
const HEADER = /^#\s*netpol-test:\s*(\{.*\})\s*$/;

export function parseFixture(text: string): Fixture {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const expectations: Expectation[] = [];
  let settings: Record<string, unknown> = {};
  let check: Fixture['check'];
  let target = -1;
  lines.forEach((line, i) => {
    const header = HEADER.exec(line);
    if (header) {
      const parsed = JSON.parse(header[1]!) as Record<string, unknown>;
      const { check: c, ...rest } = parsed;
      settings = rest;
      check = c as Fixture['check'];
      return;
    }
    const m = MARKER.exec(line);
    if (!m) {
      target = i;
      return;
    }
    const hashColumn = m[1]!.length;
    const caretsStart = hashColumn + 1 + m[2]!.length;
    const startCharacter = m[2]!.length === 0 ? hashColumn : caretsStart;
    const endCharacter = caretsStart + m[3]!.length;
    expectations.push({
      line: target,
      startCharacter,
      endCharacter,
      severity: m[4]!,
      rule: m[5]!,
      ...(m[6] ? { messageIncludes: m[6] } : {}),
      markerLine: i,
    });
  });
  return { settings, check, expectations };
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** Compares diagnostics to expectations; returns a list of human-readable mismatches (empty when they agree). */
export function compare(fixture: Fixture, diagnostics: readonly Diagnostic[], text: string, rulesChecked: (rule: string) => boolean): string[] {
  const lines = text.split('\n');
  const relevant = diagnostics.filter((d) => rulesChecked(String(d.code)));
  const unmatched = [...relevant];
  const problems: string[] = [];
  for (const e of fixture.expectations) {
    const index = unmatched.findIndex((d) => {
      if (String(d.code) !== e.rule || SEVERITY[d.severity ?? 1] !== e.severity) return false;
      if (d.range.start.line !== e.line || d.range.start.character !== e.startCharacter) return false;
      const end = d.range.end;
      const sameLineEnd = end.line === e.line && (end.character === e.endCharacter || (end.character === e.startCharacter && e.endCharacter === e.startCharacter + 1));
      const multiLine = end.line > e.line;
      if (!sameLineEnd && !multiLine) return false;
      return e.messageIncludes === undefined || messageText(d).includes(e.messageIncludes);
    });
    if (index === -1) problems.push(`missing: line ${e.line + 1} [${e.startCharacter}, ${e.endCharacter}) ${e.severity}[${e.rule}]${e.messageIncludes ? ` "${e.messageIncludes}"` : ''} (marker on line ${e.markerLine + 1})`);
    else unmatched.splice(index, 1);
  }
  for (const d of unmatched) {
    problems.push(
      `unexpected: line ${d.range.start.line + 1} [${d.range.start.character}, ${d.range.end.line === d.range.start.line ? d.range.end.character : 'eol'}) ${SEVERITY[d.severity ?? 1]}[${String(d.code)}] ${messageText(d)}\n    ${lines[d.range.start.line] ?? ''}`,
    );
  }
  return problems;
}

export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}
