// `--format stylish`, for people: one line per finding as `path:line:col severity message [rule]` (terminals and editors
// make `path:line:col` a link), files apart by a blank line, then one summary line.
import { counts, UNUSABLE_RULE, type Report } from './report';

const COLORS = { error: '31', warning: '33', information: '36', hint: '90' } as const;

export function formatStylish(report: Report, options: { color: boolean }): string {
  const paint = (code: string, s: string) => (options.color ? `\u001b[${code}m${s}\u001b[0m` : s);
  // Files that could not be read are already reported on stderr; stdout lists findings of files that were checked.
  const checked = report.files.filter((f) => f.unusable === undefined);
  const blocks: string[] = [];
  for (const r of checked) {
    if (r.findings.length === 0) continue;
    blocks.push(r.findings.map((d) => `${r.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${paint(COLORS[d.severity], d.severity)} ${d.message} ${paint('90', `[${d.rule}]`)}`).join('\n'));
  }
  if (checked.length === 0) return '';
  const c = counts(checked.map((f) => ({ ...f, findings: f.findings.filter((d) => d.rule !== UNUSABLE_RULE) })));
  const total = c.error + c.warning + c.information + c.hint;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  let summary: string;
  if (total === 0) {
    summary = `No problems in ${plural(checked.length, 'file')}.`;
  } else {
    const parts: string[] = [];
    if (c.error) parts.push(plural(c.error, 'error'));
    if (c.warning) parts.push(plural(c.warning, 'warning'));
    if (c.information) parts.push(`${c.information} information`);
    if (c.hint) parts.push(plural(c.hint, 'hint'));
    const withFindings = checked.filter((f) => f.findings.length > 0).length;
    const line = `${plural(total, 'problem')} (${parts.join(', ')}) in ${plural(withFindings, 'file')} (${checked.length} checked)`;
    summary = c.error ? paint('31', `✖ ${line}`) : c.warning ? paint('33', `✖ ${line}`) : line;
  }
  return `${[...blocks, summary].join('\n\n')}\n`;
}
