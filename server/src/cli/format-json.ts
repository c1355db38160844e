// `--format json`, for scripts: `[{file, diagnostics: [{rule, severity, message, range}]}]` with LSP's 0-based lines and
// characters. A file that could not be checked is an entry with one `netpol-lint` diagnostic saying why.
import type { Report } from './report';

export function formatJson(report: Report): string {
  const files = report.files.map((r) => ({
    file: r.file,
    diagnostics: r.findings.map((d) => ({
      rule: d.rule,
      severity: d.severity,
      message: d.message,
      range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
    })),
  }));
  return `${JSON.stringify(files, null, 2)}\n`;
}
