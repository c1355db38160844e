// `netpol-lint [options] PATH...`: reads the inputs, applies the `.netpol.yaml` that governs each (or --config), runs the
// same language service as the editor, writes the report in the chosen format and says how the run went in its exit status.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { LineIndex } from '../syntax/lines';
import { createLanguageService, type LanguageService } from '../service';
import { parseArgs, USAGE, UsageError, type CliOptions } from './args';
import { ConfigFiles, type LoadedConfig } from './config-files';
import { fixFile, formatFixReport } from './fix';
import { formatGithub } from './format-github';
import { formatGitlab } from './format-gitlab';
import { formatJson } from './format-json';
import { formatSarif, type ToolInfo } from './format-sarif';
import { formatStylish } from './format-stylish';
import { collectInputs } from './inputs';
import { counts, fileReport, unusableReport, type FileReport, type Report } from './report';

export interface CliIo {
  readonly cwd: string;
  readonly stdout: { write(s: string): unknown; isTTY?: boolean };
  readonly stderr: { write(s: string): unknown };
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly tool: ToolInfo;
  readonly readStdin?: () => Buffer;
}

/** Exit status 2: a usage or settings error, or nothing could be checked. */
const EXIT_TROUBLE = 2;

export function runLint(argv: readonly string[], io: CliIo): number {
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`netpol-lint: ${error.message}\n${error.showUsage ? `\n${USAGE}` : "Run 'netpol-lint --help' for the options.\n"}`);
      return EXIT_TROUBLE;
    }
    throw error;
  }
  if (options.help) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    io.stdout.write(`${io.tool.version}\n`);
    return 0;
  }
  const configs = new ConfigFiles(io.cwd, options.config);
  const services = new Map<string, LanguageService>();
  const badConfigs = new Map<string, string[]>();
  const serviceFor = (config: ReturnType<ConfigFiles['forFile']>): LanguageService | undefined => {
    if (config && 'error' in config) {
      badConfigs.set(config.file, [`netpol-lint: ${config.error}`]);
      return undefined;
    }
    if (config && config.parsed.problems.length > 0) {
      if (!badConfigs.has(config.file)) badConfigs.set(config.file, configProblemLines(config));
      return undefined;
    }
    const key = config?.path ?? '';
    let service = services.get(key);
    if (!service) {
      const settings: Record<string, unknown> = { ...config?.parsed.settings, ...options.settings };
      if (options.settings.rules) settings.rules = { ...((config?.parsed.settings.rules as object | undefined) ?? {}), ...(options.settings.rules as object) };
      if (options.settings.cluster) settings.cluster = { ...((config?.parsed.settings.cluster as object | undefined) ?? {}), ...(options.settings.cluster as object) };
      service = createLanguageService({ settings });
      services.set(key, service);
    }
    return service;
  };

  const files: FileReport[] = [];
  let usable = 0;
  const fixReports = options.format !== 'stylish' || options.output !== undefined ? io.stderr : io.stdout;
  const inputs = collectInputs(options.paths, { cwd: io.cwd, ignore: options.ignore, ...(options.stdinFilename !== undefined ? { stdinFilename: options.stdinFilename } : {}), ...(io.readStdin ? { readStdin: io.readStdin } : {}) });
  /** The files to check, each with where its report goes in `files` (reports stay in the order of the inputs). */
  const checks: { file: string; text: string; service: LanguageService; at: number }[] = [];
  for (const input of inputs) {
    if (input.error !== undefined) {
      io.stderr.write(`netpol-lint: ${input.file}: ${input.error}\n`);
      files.push(unusableReport(input.file, input.error));
      continue;
    }
    const service = serviceFor(configs.forFile(input.path ?? resolve(io.cwd, input.file === '-' ? 'stdin' : input.file)));
    if (!service) continue;
    usable++;
    let text = input.text!;
    if (options.fix && input.path === undefined) io.stderr.write('netpol-lint: --fix does not apply to stdin; checking it as is\n');
    if (options.fix && input.path !== undefined) {
      const report = fixFile(input.path, text, service.getSettings(), { bom: input.bom === true });
      const line = formatFixReport({ ...report, file: input.file });
      if (line) (report.error !== undefined ? io.stderr : fixReports).write(`${line}\n`);
      text = report.result.text;
    }
    checks.push({ file: input.file, text, service, at: files.length });
    files.push(unusableReport(input.file, 'not checked'));
  }
  // The files given are one workspace: every service's index holds all of them before any is judged, so a policy meets
  // the workloads of the other files (the workspace rules) as it does in the editor.
  if (options.workspace) for (const service of new Set(checks.map((c) => c.service))) for (const c of checks) service.updateWorkspaceFile(c.file, c.text);
  else for (const service of services.values()) service.setWorkspaceEnabled(false);
  for (const { file, text, service, at } of checks) {
    service.update(file, text);
    const snapshot = service.snapshot(file);
    if (snapshot) files[at] = fileReport(file, snapshot, { fixes: options.format === 'sarif' });
    service.close(file);
  }

  if (badConfigs.size > 0) {
    for (const lines of badConfigs.values()) io.stderr.write(`${lines.join('\n')}\n`);
    io.stderr.write(`netpol-lint: fix the settings above; nothing was checked with them\n`);
    return EXIT_TROUBLE;
  }

  // --quiet drops everything but errors from the report, not from the --max-warnings count.
  const shown = options.quiet ? files.map((f) => ({ ...f, findings: f.findings.filter((d) => d.severity === 'error') })).filter((f) => f.unusable === undefined) : files;
  const report: Report = { files: shown, cwd: io.cwd };
  const color = options.output === undefined && io.stdout.isTTY === true && !io.env.NO_COLOR;
  const text = render(options, report, io.tool, color);
  if (options.output !== undefined) {
    try {
      const out = resolve(io.cwd, options.output);
      mkdirSync(dirname(out), { recursive: true });
      writeFileSync(out, text);
    } catch (error) {
      io.stderr.write(`netpol-lint: cannot write ${options.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}\n`);
      return EXIT_TROUBLE;
    }
  } else {
    io.stdout.write(text);
  }

  if (usable === 0) return EXIT_TROUBLE;
  const checked = files.filter((f) => f.unusable === undefined);
  const c = counts(checked);
  if (c.error > 0) return 1;
  if (options.maxWarnings !== undefined) {
    const warnings = c.warning;
    if (warnings > options.maxWarnings) {
      io.stderr.write(`netpol-lint: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${options.maxWarnings}\n`);
      return 1;
    }
  }
  return 0;
}

function render(options: CliOptions, report: Report, tool: ToolInfo, color: boolean): string {
  switch (options.format) {
    case 'json':
      return formatJson(report);
    case 'sarif':
      return formatSarif(report, tool);
    case 'github':
      return formatGithub(report);
    case 'gitlab':
      return formatGitlab(report);
    case 'stylish':
      return formatStylish(report, { color });
  }
}

/** `file:line:col error message [netpol-config]` for each problem of a `.netpol.yaml`. */
function configProblemLines(config: LoadedConfig): string[] {
  const lines = new LineIndex(config.text);
  return config.parsed.problems.map((p) => {
    const at = lines.positionAt(p.span.start);
    return `${config.file}:${at.line + 1}:${at.character + 1} ${p.severity} ${p.message} [netpol-config]`;
  });
}
