// `--format gitlab`: GitLab's Code Quality report (a JSON array of issues with `description`, `check_name`, `fingerprint`,
// `severity` and `location.path` / `location.lines.begin`), which merge requests show as a widget and in the diff.
import { ruleById } from '../rules/registry';
import { relativePath } from './paths';
import type { Report } from './report';

const SEVERITY = { error: 'major', warning: 'minor', information: 'info', hint: 'info' } as const;

export function formatGitlab(report: Report): string {
  const issues = report.files.flatMap((r) =>
    r.findings.map((d) => ({
      type: 'issue',
      description: d.message,
      check_name: d.rule,
      categories: [ruleById(d.rule)?.meta.category === 'security' ? 'Security' : 'Bug Risk'],
      fingerprint: d.fingerprint,
      severity: SEVERITY[d.severity],
      location: { path: relativePath(report.cwd, r.file), lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
    })),
  );
  return `${JSON.stringify(issues, null, 2)}\n`;
}
