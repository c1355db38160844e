// `--format github`: one GitHub Actions workflow command per finding, which the runner turns into an annotation on the
// pull request's diff: `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`; `warning` and
// `notice` for the other severities, hints left out. Values are escaped as the runner unescapes them (actions/toolkit).
import { relativePath } from './paths';
import type { Report } from './report';

const COMMAND = { error: 'error', warning: 'warning', information: 'notice' } as const;

/** The message part: `%`, CR and LF. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value: also `:` and `,`, which end a value. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function formatGithub(report: Report): string {
  const lines: string[] = [];
  for (const r of report.files) {
    const file = relativePath(report.cwd, r.file);
    for (const d of r.findings) {
      if (d.severity === 'hint') continue;
      const line = d.range.start.line + 1;
      const col = d.range.start.character + 1;
      const endLine = d.range.end.line + 1;
      // GitHub's endColumn is the last column of the annotation (inclusive).
      const endColumn = endLine === line ? Math.max(col, d.range.end.character) : Math.max(1, d.range.end.character);
      const props = [`file=${escapeProperty(file)}`, `line=${line}`, `col=${col}`, `endLine=${endLine}`, `endColumn=${endColumn}`, `title=${escapeProperty(d.rule)}`];
      lines.push(`::${COMMAND[d.severity]} ${props.join(',')}::${escapeData(d.message)}`);
    }
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
