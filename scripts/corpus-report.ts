// `npm run corpus-report`: runs the language service over every YAML file of test/corpus/ and prints how many documents and
// NetworkPolicies were checked and how many diagnostics each rule produced, by severity. `--files` also lists, per rule, the
// files it fired in. The figures go into release notes and the issue; the corpus test asserts what must hold.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../server/src/service';
import { ruleById } from '../server/src/rules/registry';

export const CORPUS_ROOT = join(import.meta.dirname, '..', 'test', 'corpus');

const SEVERITIES = ['', 'error', 'warning', 'information', 'hint'] as const;

export interface CorpusFile {
  /** Relative to test/corpus, with forward slashes. */
  readonly path: string;
  readonly documents: number;
  readonly policies: number;
  readonly diagnostics: readonly Diagnostic[];
}

export function corpusFiles(root = CORPUS_ROOT): string[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      return e.isDirectory() ? walk(p) : /\.ya?ml$/.test(e.name) ? [p] : [];
    });
  return walk(root).sort();
}

/** Analyses every corpus file (or only the given paths, relative to the root) with the given settings (defaults when omitted). */
export function analyseCorpus(settings?: unknown, options: { root?: string; only?: readonly string[] } = {}): CorpusFile[] {
  const root = options.root ?? CORPUS_ROOT;
  const service = createLanguageService(settings === undefined ? {} : { settings });
  const files = corpusFiles(root).map((file) => ({ file, path: relative(root, file).split('\\').join('/') }));
  return files.filter(({ path }) => !options.only || options.only.includes(path)).map(({ file, path }) => {
    service.update(path, readFileSync(file, 'utf8'));
    const snapshot = service.snapshot(path)!;
    const result: CorpusFile = {
      path,
      documents: snapshot.documents.length,
      policies: snapshot.documents.reduce((n, d) => n + d.analysis.policies.length, 0),
      diagnostics: service.getDiagnostics(path),
    };
    service.close(path);
    return result;
  });
}

export function severityName(d: Diagnostic): string {
  return SEVERITIES[d.severity ?? 1] ?? 'error';
}

function printTable(title: string, files: readonly CorpusFile[], listFiles: boolean): void {
  const counts = new Map<string, Map<string, number>>();
  const where = new Map<string, Set<string>>();
  for (const f of files) {
    for (const d of f.diagnostics) {
      const id = String(d.code);
      const bySeverity = counts.get(id) ?? new Map<string, number>();
      bySeverity.set(severityName(d), (bySeverity.get(severityName(d)) ?? 0) + 1);
      counts.set(id, bySeverity);
      where.set(id, (where.get(id) ?? new Set()).add(f.path));
    }
  }
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  console.log(`${title}\n`);
  const rows = [...counts.entries()].sort((a, b) => total(b[1]) - total(a[1]) || a[0].localeCompare(b[0]));
  const width = Math.max(30, ...rows.map(([id]) => id.length));
  console.log(`${'rule'.padEnd(width)}  ${'category'.padEnd(10)} ${'total'.padStart(6)}  ${SEVERITIES.slice(1).map((s) => s.padStart(11)).join(' ')}  files`);
  for (const [id, bySeverity] of rows) {
    const category = ruleById(id)?.meta.category ?? '?';
    console.log(
      `${id.padEnd(width)}  ${category.padEnd(10)} ${String(total(bySeverity)).padStart(6)}  ${SEVERITIES.slice(1).map((s) => String(bySeverity.get(s) ?? 0).padStart(11)).join(' ')}  ${where.get(id)!.size}`,
    );
    if (listFiles) for (const p of [...where.get(id)!].sort()) console.log(`    ${p}`);
  }
  const bySeverity = new Map<string, number>();
  for (const m of counts.values()) for (const [sev, n] of m) bySeverity.set(sev, (bySeverity.get(sev) ?? 0) + n);
  console.log(`\nTotal: ${total(bySeverity)} diagnostics (${SEVERITIES.slice(1).map((sev) => `${bySeverity.get(sev) ?? 0} ${sev}`).join(', ')}).\n`);
}

function main(): void {
  const listFiles = process.argv.includes('--files');
  const versionArg = process.argv.find((a) => a.startsWith('--kubernetes-version='));
  const settings = versionArg ? { kubernetesVersion: versionArg.split('=')[1] } : undefined;
  const files = analyseCorpus(settings);
  const withPolicies = files.filter((f) => f.policies > 0);
  const others = files.filter((f) => f.policies === 0);
  console.log(`Corpus: ${files.length} YAML files, ${files.reduce((n, f) => n + f.documents, 0)} YAML documents; ${withPolicies.length} files hold ${files.reduce((n, f) => n + f.policies, 0)} networking.k8s.io NetworkPolicies (${withPolicies.reduce((n, f) => n + f.documents, 0)} documents).`);
  console.log(`Settings: ${settings ? JSON.stringify(settings) : 'defaults'} (flags: --kubernetes-version=1.N, --files)\n`);
  printTable(`Diagnostics in the ${withPolicies.length} files with NetworkPolicies, per rule and severity:`, withPolicies, listFiles);
  printTable(`Diagnostics in the ${others.length} other files (Helm templates, other products' kinds, fragments):`, others, listFiles);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
