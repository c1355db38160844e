// Finds the `.netpol.yaml` that applies to a linted file — the nearest one in its folder or above, up to the repository
// root (nearest wins, as with ESLint and Prettier) — or the one `--config` names, and reads and validates each file once.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { nearestConfigFile } from '../config/lookup';
import { parseConfig, type ParsedConfig } from '../config/netpol-config';

export interface LoadedConfig {
  /** As reported: relative to the working folder when below it. */
  readonly file: string;
  readonly path: string;
  readonly text: string;
  readonly parsed: ParsedConfig;
}

export class ConfigFiles {
  private readonly nearest = new Map<string, string | null>();
  private readonly loaded = new Map<string, LoadedConfig | { readonly file: string; readonly error: string }>();

  constructor(
    private readonly cwd: string,
    private readonly explicit?: string,
  ) {}

  /** The config for a file at `path` (stdin: a path in the folder it is said to be in), or undefined when there is none. */
  forFile(path: string): LoadedConfig | { readonly file: string; readonly error: string } | undefined {
    const found = this.explicit !== undefined ? resolve(this.cwd, this.explicit) : this.lookup(dirname(resolve(this.cwd, path)));
    return found === null ? undefined : this.load(found);
  }

  private lookup(dir: string): string | null {
    const known = this.nearest.get(dir);
    if (known !== undefined) return known;
    const found = nearestConfigFile(dir, { isFile: (p) => existsSync(p), isRoot: (d) => existsSync(join(d, '.git')) }) ?? null;
    this.nearest.set(dir, found);
    return found;
  }

  private load(path: string): LoadedConfig | { readonly file: string; readonly error: string } {
    let config = this.loaded.get(path);
    if (!config) {
      const rel = relative(this.cwd, path);
      const file = rel && !rel.startsWith('..') ? rel : path;
      try {
        const text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
        config = { file, path, text, parsed: parseConfig(text) };
      } catch (error) {
        config = { file, error: `cannot read config ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}` };
      }
      this.loaded.set(path, config);
    }
    return config;
  }
}
