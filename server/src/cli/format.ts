// Output formats of netpol-lint: `stylish` for people, `json` for machines (LSP-style 0-based ranges).
import type { Diagnostic } from 'vscode-languageserver-types';

export interface FileResult {
  file: string;
  diagnostics: Diagnostic[];
}

const SEVERITY_NAMES = ['', 'error', 'warning', 'information', 'hint'] as const;

export function severityName(d: Diagnostic): 'error' | 'warning' | 'information' | 'hint' {
  return (SEVERITY_NAMES[d.severity ?? 1] || 'error') as 'error' | 'warning' | 'information' | 'hint';
}

export function formatJson(results: readonly FileResult[]): string {
  return `${JSON.stringify(
    results.map((r) => ({
      file: r.file,
      diagnostics: r.diagnostics.map((d) => ({
        rule: String(d.code ?? ''),
        severity: severityName(d),
        message: d.message,
        range: { start: { line: d.range.start.line, character: d.range.start.character }, end: { line: d.range.end.line, character: d.range.end.character } },
      })),
    })),
    null,
    2,
  )}\n`;
}

export function formatStylish(results: readonly FileResult[], color: boolean): string {
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const colors = { error: '31', warning: '33', information: '36', hint: '90' } as const;
  const counts = { error: 0, warning: 0, information: 0, hint: 0 };
  const lines: string[] = [];
  for (const r of results) {
    if (r.diagnostics.length === 0) continue;
    lines.push(paint('4', r.file));
    for (const d of r.diagnostics) {
      const severity = severityName(d);
      counts[severity]++;
      lines.push(`${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(colors[severity], severity)} ${d.message} [${String(d.code)}]`);
    }
    lines.push('');
  }
  const total = counts.error + counts.warning + counts.information + counts.hint;
  const files = results.length;
  if (total === 0) {
    lines.push(`No problems in ${files} file${files === 1 ? '' : 's'}.`);
  } else {
    const parts = [`${counts.error} error${counts.error === 1 ? '' : 's'}`, `${counts.warning} warning${counts.warning === 1 ? '' : 's'}`];
    if (counts.information) parts.push(`${counts.information} information`);
    if (counts.hint) parts.push(`${counts.hint} hint${counts.hint === 1 ? '' : 's'}`);
    lines.push(paint(counts.error ? '31' : '33', `✖ ${total} problem${total === 1 ? '' : 's'} (${parts.join(', ')}) in ${files} file${files === 1 ? '' : 's'}`));
  }
  return `${lines.join('\n')}\n`;
}
