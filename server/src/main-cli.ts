// Entry of `netpol-lint`: reads files, folders or stdin, runs the same language service as the editor, prints the findings.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseArgs, USAGE, UsageError, type CliOptions } from './cli/args';
import { runConnectivity } from './cli/connectivity';
import { fixFile, formatFixReport } from './cli/fix';
import { formatJson, formatStylish, type FileResult } from './cli/format';
import { createLanguageService } from './service';

declare const NETPOL_VERSION: string;

function main(argv: string[]): number {
  if (argv[0] === 'connectivity') return runConnectivity(argv.slice(1), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) });
  let options: CliOptions;
  try {
    options = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`netpol-lint: ${error.message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${typeof NETPOL_VERSION === 'string' ? NETPOL_VERSION : 'dev'}\n`);
    return 0;
  }
  let settings: Record<string, unknown>;
  try {
    settings = { ...loadConfig(options.config), ...options.settings };
    if (options.settings.rules) settings.rules = { ...((settings.rules as object) ?? {}), ...(options.settings.rules as object) };
  } catch (error) {
    process.stderr.write(`netpol-lint: ${(error as Error).message}\n`);
    return 2;
  }
  const service = createLanguageService({ settings });
  const results: FileResult[] = [];
  let unreadable = false;
  for (const { file, text: input, error, bom } of collectInputs(options.paths)) {
    if (error !== undefined) {
      process.stderr.write(`netpol-lint: ${file}: ${error}\n`);
      unreadable = true;
      continue;
    }
    let text = input!;
    if (options.fix && file === '-') process.stderr.write('netpol-lint: --fix does not apply to stdin; checking it as is\n');
    if (options.fix && file !== '-') {
      // The fix report goes to stderr with --format json, so that stdout stays one JSON document.
      const report = fixFile(file, text, service.getSettings(), { bom: bom === true });
      const line = formatFixReport(report);
      if (line) (options.format === 'json' || report.error !== undefined ? process.stderr : process.stdout).write(`${line}\n`);
      if (report.error !== undefined) unreadable = true;
      text = report.result.text;
    }
    service.update(file, text);
    results.push({ file, diagnostics: service.getDiagnostics(file) });
    service.close(file);
  }
  process.stdout.write(options.format === 'json' ? formatJson(results) : formatStylish(results, process.stdout.isTTY === true && !process.env.NO_COLOR));
  if (unreadable) return 2;
  return results.some((r) => r.diagnostics.some((d) => d.severity === 1)) ? 1 : 0;
}

function loadConfig(explicit: string | undefined): Record<string, unknown> {
  const path = explicit ?? '.netpol.yaml';
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (explicit === undefined) return {};
    throw new Error(`cannot read config ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  try {
    const value = parseYaml(text) ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new Error('expected a mapping');
    return value as Record<string, unknown>;
  } catch (error) {
    throw new Error(`invalid config ${path}: ${(error as Error).message}`);
  }
}

interface Input {
  file: string;
  text?: string;
  error?: string;
  /** The file started with a byte order mark (kept when --fix writes it back). */
  bom?: boolean;
}

function* collectInputs(paths: readonly string[]): Generator<Input> {
  for (const path of paths) {
    if (path === '-') {
      yield readInput('-', () => readFileSync(0));
      continue;
    }
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      yield { file: path, error: describeError(error) };
      continue;
    }
    if (stat.isDirectory()) yield* walk(path);
    else yield readInput(path, () => readFileSync(path));
  }
}

function* walk(dir: string): Generator<Input> {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (error) {
    yield { file: dir, error: describeError(error) };
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === '.git') continue;
      yield* walk(path);
    } else if (/\.ya?ml$/i.test(entry.name)) {
      yield readInput(path, () => readFileSync(path));
    }
  }
}

function readInput(file: string, read: () => Buffer): Input {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { file, error: describeError(error) };
  }
  if (bytes.includes(0)) return { file, error: 'binary file (contains NUL bytes), not checked' };
  const text = bytes.toString('utf8');
  return { file, text: text.replace(/^\uFEFF/, ''), bom: text.startsWith('\uFEFF') };
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(error);
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`netpol-lint: internal error: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 2;
}
