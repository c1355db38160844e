// Which files netpol-lint reads: files, folders (searched for manifests), globs and stdin, with `--ignore` globs,
// `.gitignore` files (from the repository root down) and node_modules skipped; and reading them, with binary and unreadable
// files turned into a reason instead of an exception.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { CONFIG_FILE_NAME } from '../config/netpol-config';

export interface Input {
  /** The path as reported: as given on the command line, or joined to the folder it was found in; `-` (or --stdin-filename) for stdin. */
  readonly file: string;
  /** Where it is on disk; undefined for stdin. */
  readonly path?: string;
  readonly text?: string;
  /** Why the file could not be checked. */
  readonly error?: string;
  /** The file started with a byte order mark (kept when --fix writes it back). */
  readonly bom?: boolean;
}

export interface InputOptions {
  readonly cwd: string;
  readonly ignore: readonly string[];
  readonly stdinFilename?: string;
  readonly readStdin?: () => Buffer;
}

/** A folder's manifests: YAML, and JSON (a `kubectl get -o json` dump is YAML too). */
const MANIFEST = /\.(ya?ml|json)$/i;
const GLOB = /[*?[\]{}]/;

export function* collectInputs(paths: readonly string[], options: InputOptions): Generator<Input> {
  const filter = new IgnoreFilter(options.cwd, options.ignore);
  for (const path of paths) {
    if (path === '-') {
      yield readInput(options.stdinFilename ?? '-', undefined, options.readStdin ?? (() => readFileSync(0)));
      continue;
    }
    let stat;
    try {
      stat = statSync(resolve(options.cwd, path));
    } catch (error) {
      if (GLOB.test(path)) {
        const found = [...expandGlob(path, options.cwd, filter)];
        if (found.length === 0) yield { file: path, error: 'no files match this glob' };
        yield* found;
        continue;
      }
      yield { file: path, error: describeError(error) };
      continue;
    }
    if (stat.isDirectory()) yield* walk(path, options.cwd, filter);
    else if (!filter.ignoredByOption(resolve(options.cwd, path), false)) yield readInput(path, resolve(options.cwd, path), () => readFileSync(resolve(options.cwd, path)));
  }
}

function* expandGlob(pattern: string, cwd: string, filter: IgnoreFilter): Generator<Input> {
  const normalised = pattern.replace(/^\.\//, '');
  const segments = normalised.split('/');
  const firstGlob = segments.findIndex((s) => GLOB.test(s));
  const base = segments.slice(0, firstGlob).join('/') || (normalised.startsWith('/') ? '/' : '.');
  const matches = picomatch(normalised, { dot: false });
  yield* walk(base, cwd, filter, (file) => matches(file));
}

/** Files below `dir` that `accept` takes (by their reported path), in name order; without `accept`, the folder's manifests. */
function* walk(dir: string, cwd: string, filter: IgnoreFilter, accept?: (file: string) => boolean): Generator<Input> {
  let entries;
  try {
    entries = readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch (error) {
    yield { file: dir, error: describeError(error) };
    return;
  }
  for (const entry of entries) {
    const file = dir === '.' ? entry.name : join(dir, entry.name);
    const path = resolve(cwd, file);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === '.git' || filter.ignored(path, true)) continue;
      yield* walk(file, cwd, filter, accept);
    } else if (entry.isFile() || entry.isSymbolicLink()) {
      if (entry.name === CONFIG_FILE_NAME || filter.ignored(path, false)) continue;
      if (accept ? accept(file) : MANIFEST.test(entry.name)) yield readInput(file, path, () => readFileSync(path));
    }
  }
}

/** `--ignore` globs (gitignore syntax, relative to the working folder) and every `.gitignore` from the repository root down. */
class IgnoreFilter {
  private readonly option: Ignore;
  private readonly gitignores = new Map<string, Ignore | null>();
  private readonly roots = new Map<string, string>();

  constructor(
    private readonly cwd: string,
    patterns: readonly string[],
  ) {
    this.option = ignore().add(patterns.map((p) => p.replace(/^\.\//, '')));
  }

  ignoredByOption(path: string, isDir: boolean): boolean {
    const rel = relative(this.cwd, path).split(sep).join('/');
    if (rel === '' || rel.startsWith('../') || isAbsolute(rel)) return false;
    return this.option.ignores(isDir ? `${rel}/` : rel);
  }

  ignored(path: string, isDir: boolean): boolean {
    if (this.ignoredByOption(path, isDir)) return true;
    // From the repository root down: a deeper .gitignore can re-include what a shallower one ignored.
    let state = false;
    for (const dir of this.chain(dirname(path))) {
      const ig = this.gitignoreOf(dir);
      if (!ig) continue;
      const rel = relative(dir, path).split(sep).join('/');
      const r = ig.test(isDir ? `${rel}/` : rel);
      if (r.ignored) state = true;
      else if (r.unignored) state = false;
    }
    return state;
  }

  /** The folders from the repository root (or the file system root outside a repository) down to `dir`. */
  private chain(dir: string): string[] {
    const root = this.rootOf(dir);
    const out: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      out.push(d);
      if (d === root || dirname(d) === d) break;
    }
    return out.reverse();
  }

  private rootOf(dir: string): string {
    const known = this.roots.get(dir);
    if (known !== undefined) return known;
    const parent = dirname(dir);
    const root = existsSync(join(dir, '.git')) || parent === dir ? dir : this.rootOf(parent);
    this.roots.set(dir, root);
    return root;
  }

  private gitignoreOf(dir: string): Ignore | null {
    let ig = this.gitignores.get(dir);
    if (ig === undefined) {
      try {
        ig = ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8'));
      } catch {
        ig = null;
      }
      this.gitignores.set(dir, ig);
    }
    return ig;
  }
}

function readInput(file: string, path: string | undefined, read: () => Buffer): Input {
  let bytes: Buffer;
  try {
    bytes = read();
  } catch (error) {
    return { file, ...(path !== undefined ? { path } : {}), error: describeError(error) };
  }
  if (bytes.includes(0)) return { file, ...(path !== undefined ? { path } : {}), error: 'binary file (contains NUL bytes), not checked' };
  const text = bytes.toString('utf8');
  return { file, ...(path !== undefined ? { path } : {}), text: text.replace(/^\uFEFF/, ''), bom: text.startsWith('\uFEFF') };
}

function describeError(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ENOENT') return 'no such file or folder';
  if (e.code === 'EACCES') return 'permission denied';
  if (e.code === 'EISDIR') return 'is a folder';
  return e.message ?? String(error);
}
