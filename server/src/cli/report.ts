// What netpol-lint found, as plain data that every output format renders: per file its findings with LSP ranges (0-based),
// the safe fix of each where there is one, and, for a file that could not be checked, why.
import { createHash } from 'node:crypto';
import type { Range } from 'vscode-languageserver-types';
import { ruleFixes } from '../features/code-actions/fixes';
import type { FileSnapshot } from '../lint/snapshot';

export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

/** The rule id of the finding that says a file could not be checked. */
export const UNUSABLE_RULE = 'netpol-lint';

export interface ReportFinding {
  readonly rule: string;
  readonly severity: SeverityName;
  readonly message: string;
  readonly range: Range;
  /** A stable id of the finding across runs and unrelated edits: rule, file, the flagged line's text and its occurrence. */
  readonly fingerprint: string;
  /** The rule's safe fix (the one `--fix` applies), as text edits on the file. */
  readonly fix?: { readonly title: string; readonly edits: readonly { readonly range: Range; readonly newText: string }[] };
}

export interface FileReport {
  readonly file: string;
  readonly findings: readonly ReportFinding[];
  /** Set when the file could not be checked; `findings` then holds one `netpol-lint` warning saying so. */
  readonly unusable?: string;
}

export interface Report {
  readonly files: readonly FileReport[];
  /** The folder paths are reported relative to (SARIF's %SRCROOT%, GitHub's and GitLab's paths). */
  readonly cwd: string;
}

export function fileReport(file: string, snapshot: FileSnapshot, options: { fixes: boolean }): FileReport {
  const seen = new Map<string, number>();
  const findings: ReportFinding[] = [];
  for (const f of snapshot.findings) {
    const range = snapshot.lines.rangeOf(f.span);
    const lineStart = snapshot.lines.lineStart(range.start.line);
    const lineEnd = snapshot.text.indexOf('\n', lineStart);
    const line = snapshot.text.slice(lineStart, lineEnd === -1 ? snapshot.text.length : lineEnd).trim();
    const key = `${f.ruleId}\0${file}\0${line}`;
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    let fix: ReportFinding['fix'];
    if (options.fixes) {
      const safe = ruleFixes(snapshot, f).find((x) => x.safe);
      if (safe) fix = { title: safe.title, edits: safe.edits.map((e) => ({ range: snapshot.lines.rangeOf(e.span), newText: e.newText })) };
    }
    findings.push({ rule: f.ruleId, severity: f.severity, message: f.message, range, fingerprint: fingerprint(`${key}\0${occurrence}`), ...(fix ? { fix } : {}) });
  }
  return { file, findings };
}

export function unusableReport(file: string, reason: string): FileReport {
  const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const message = `Not checked: ${reason}.`;
  return { file, unusable: reason, findings: [{ rule: UNUSABLE_RULE, severity: 'warning', message, range, fingerprint: fingerprint(`${UNUSABLE_RULE}\0${file}`) }] };
}

function fingerprint(key: string): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 32);
}

export function counts(files: readonly FileReport[]): Record<SeverityName, number> {
  const c = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const f of files) for (const d of f.findings) c[d.severity]++;
  return c;
}
