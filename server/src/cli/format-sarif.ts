// `--format sarif`: SARIF 2.1.0 as GitHub code scanning ingests it. Every rule that produced a result is described (its
// title, docs as help text and Markdown, default level, category tags, precision and, for security rules, a
// security-severity); results carry 1-based regions in UTF-16 code units relative to %SRCROOT%, the rule's safe fix, and a
// fingerprint of our own (GitHub computes `primaryLocationLineHash` itself and rejects a made-up one). Files that could
// not be checked are tool execution notifications, not results: they are not findings in the file.
import { pathToFileURL } from 'node:url';
import type { Range } from 'vscode-languageserver-types';
import { ruleById } from '../rules/registry';
import type { Category, Severity } from '../rules/types';
import { relativeUri } from './paths';
import { UNUSABLE_RULE, type Report, type SeverityName } from './report';

export interface ToolInfo {
  readonly version: string;
  /** The project's home page: `informationUri`, and the base of each rule's `helpUri`. */
  readonly homepage: string;
}

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '6.5', information: '4.0', hint: '2.0' };
/** Checks of what the API server accepts are exact; the rest judge intent. */
const PRECISION: Record<Category, string> = { syntax: 'very-high', schema: 'very-high', api: 'very-high', security: 'high', semantics: 'high', cni: 'high', workspace: 'medium', meta: 'very-high' };

const SRCROOT = '%SRCROOT%';

function region(range: Range) {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** SARIF's plain-text messages are sentences; ours are, except a rare one ending in a quote or a code span. */
function sentence(s: string): string {
  const t = s.trim();
  return /[.?!]$/.test(t) ? t : `${t}.`;
}

/** The first paragraph of a rule's Markdown docs, as one line of plain text. */
function firstParagraph(docs: string): string {
  return sentence(docs.trim().split(/\n\s*\n/)[0]!.replace(/\s*\n\s*/g, ' ').replace(/`/g, ''));
}

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, _dash: string, c: string) => c.toUpperCase());
}

export function formatSarif(report: Report, tool: ToolInfo): string {
  const ruleIds: string[] = [];
  const index = new Map<string, number>();
  const results: unknown[] = [];
  const notifications: unknown[] = [];
  for (const file of report.files) {
    const uri = relativeUri(report.cwd, file.file);
    const artifactLocation = { uri, uriBaseId: SRCROOT };
    for (const d of file.findings) {
      if (d.rule === UNUSABLE_RULE) {
        notifications.push({ level: 'warning', message: { text: sentence(`${file.file}: ${file.unusable ?? d.message}`) }, locations: [{ physicalLocation: { artifactLocation } }] });
        continue;
      }
      let ruleIndex = index.get(d.rule);
      if (ruleIndex === undefined) {
        ruleIndex = ruleIds.push(d.rule) - 1;
        index.set(d.rule, ruleIndex);
      }
      const result: Record<string, unknown> = {
        ruleId: d.rule,
        ruleIndex,
        level: LEVEL[d.severity as SeverityName],
        message: { text: sentence(d.message) },
        locations: [{ physicalLocation: { artifactLocation, region: region(d.range) } }],
        partialFingerprints: { 'netpolFindingHash/v1': d.fingerprint },
      };
      if (d.fix) {
        result.fixes = [
          {
            description: { text: sentence(d.fix.title) },
            artifactChanges: [{ artifactLocation, replacements: d.fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })) }],
          },
        ];
      }
      results.push(result);
    }
  }
  const rules = ruleIds.map((id) => {
    const meta = ruleById(id)?.meta;
    const helpUri = `${tool.homepage}/blob/main/docs/rules.md#${id}`;
    if (!meta) return { id, name: pascalCase(id), shortDescription: { text: sentence(id) }, helpUri };
    const tags: string[] = [meta.category];
    if (meta.profile) tags.push(`profile-${meta.profile}`);
    const properties: Record<string, unknown> = { tags, precision: PRECISION[meta.category] };
    if (meta.category === 'security') properties['security-severity'] = SECURITY_SEVERITY[meta.severity];
    return {
      id,
      name: pascalCase(id),
      shortDescription: { text: sentence(meta.title) },
      fullDescription: { text: firstParagraph(meta.docs) },
      helpUri,
      help: { text: `${meta.title}.\n\n${meta.docs.trim()}\n\nMore: ${helpUri}`, markdown: `**${meta.title}** (\`${id}\`, category \`${meta.category}\`)\n\n${meta.docs.trim()}\n\n[Rule documentation](${helpUri})` },
      defaultConfiguration: { level: LEVEL[meta.severity] },
      properties,
    };
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'netpol-lint', version: tool.version, semanticVersion: tool.version, informationUri: tool.homepage, rules } },
        invocations: [{ executionSuccessful: true, ...(notifications.length ? { toolExecutionNotifications: notifications } : {}) }],
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith('/') ? report.cwd : `${report.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
