// Reads the manifests of the paths `netpol-lint connectivity` is given (files and folders of .yaml, .yml and .json) into
// workspace facts, applying a kustomization's `namespace:` to the manifests of its folder that name none.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { extractFacts, isKustomization } from '../workspace/extract';
import type { FileFacts } from '../workspace/facts';

export interface ReadResult {
  readonly facts: FileFacts[];
  /** Each file's text by path, to turn offsets into lines and columns. */
  readonly texts: ReadonlyMap<string, string>;
  /** Paths that could not be read, with the reason. */
  readonly errors: { readonly path: string; readonly message: string }[];
}

export function readWorkspaceFacts(paths: readonly string[]): ReadResult {
  const files: { path: string; text: string }[] = [];
  const errors: { path: string; message: string }[] = [];
  const visit = (path: string, top: boolean): void => {
    let stat;
    try {
      stat = statSync(path);
    } catch (error) {
      errors.push({ path, message: describe(error) });
      return;
    }
    if (stat.isDirectory()) {
      let entries;
      try {
        entries = readdirSync(path, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      } catch (error) {
        errors.push({ path, message: describe(error) });
        return;
      }
      for (const e of entries) {
        if (e.name === 'node_modules' || e.name === '.git') continue;
        if (e.isDirectory() || /\.(ya?ml|json)$/i.test(e.name) || e.name === 'Kustomization') visit(join(path, e.name), false);
      }
      return;
    }
    if (!top && !stat.isFile()) return;
    try {
      const bytes = readFileSync(path);
      if (bytes.includes(0)) return;
      files.push({ path, text: bytes.toString('utf8').replace(/^\uFEFF/, '') });
    } catch (error) {
      errors.push({ path, message: describe(error) });
    }
  };
  for (const p of paths) visit(p, true);
  const kustomizeNamespace = new Map<string, string>();
  for (const f of files) {
    if (!isKustomization(f.path)) continue;
    const ns = extractFacts(f.path, f.text).kustomizeNamespace;
    if (ns) kustomizeNamespace.set(dirname(f.path), ns);
  }
  const facts = files.map((f) => {
    const defaultNamespace = kustomizeNamespace.get(dirname(f.path));
    return extractFacts(f.path, f.text, defaultNamespace ? { defaultNamespace } : {});
  });
  return { facts, errors, texts: new Map(files.map((f) => [f.path, f.text])) };
}

function describe(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  return e.message ?? String(error);
}

/** A location as `file:line:column` parts (1-based), from the file's text. */
export function locator(texts: ReadonlyMap<string, string>): (location: { uri: string; span: { start: number } }) => { file: string; line: number; column: number } {
  const starts = new Map<string, number[]>();
  return ({ uri, span }) => {
    let lines = starts.get(uri);
    if (!lines) {
      lines = [0];
      const text = texts.get(uri) ?? '';
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.push(i + 1);
      starts.set(uri, lines);
    }
    let lo = 0;
    let hi = lines.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lines[mid]! <= span.start) lo = mid;
      else hi = mid - 1;
    }
    return { file: uri, line: lo + 1, column: span.start - lines[lo]! + 1 };
  };
}
