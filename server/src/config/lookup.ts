// Which `.netpol.yaml` applies to a file: the nearest one in the file's folder or above, up to the repository root (nearest
// wins, as with ESLint and Prettier). Pure: the front ends say what exists — the CLI from the disk, the language server
// from the disk or from the files its client sent — on '/'-separated paths.
import { CONFIG_FILE_NAME } from './netpol-config';

export interface ConfigLookupHost {
  /** Whether a `.netpol.yaml` exists at this path. */
  isFile(path: string): boolean;
  /** Whether the lookup stops in this folder (a repository root); the file system's root always stops it. */
  isRoot(dir: string): boolean;
}

/** The path of the nearest `.netpol.yaml` for a file in folder `dir` (an absolute '/'-separated path), or undefined. */
export function nearestConfigFile(dir: string, host: ConfigLookupHost): string | undefined {
  for (let current = dir.replace(/\/+$/, '') || '/'; ; ) {
    const candidate = current === '/' ? `/${CONFIG_FILE_NAME}` : `${current}/${CONFIG_FILE_NAME}`;
    if (host.isFile(candidate)) return candidate;
    const parent = current.slice(0, current.lastIndexOf('/')) || '/';
    if (host.isRoot(current) || parent === current) return undefined;
    current = parent;
  }
}
