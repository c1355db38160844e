// `netpol-lint --fix`: applies every safe fix to a file (the same fix-all as the editor's) and writes the result
// atomically — to a temporary file in the same folder, then renamed over the original — so that a crash or a full disk
// never leaves a half-written policy behind.
import { chmodSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fixAllText, type FixAllResult } from '../features/code-actions/fix-all';
import type { Settings } from '../lint/settings';

/** The file-system calls an atomic write needs; tests replace them to simulate failures. */
export interface WriteOps {
  writeFile(path: string, data: string): void;
  rename(from: string, to: string): void;
  unlink(path: string): void;
  /** The mode of an existing file, to give the new file the same permissions. */
  mode(path: string): number | undefined;
  chmod(path: string, mode: number): void;
}

export const NODE_WRITE_OPS: WriteOps = {
  writeFile: (path, data) => writeFileSync(path, data, { encoding: 'utf8', flag: 'wx' }),
  rename: renameSync,
  unlink: unlinkSync,
  mode: (path) => {
    try {
      return statSync(path).mode & 0o7777;
    } catch {
      return undefined;
    }
  },
  chmod: chmodSync,
};

/** Writes `text` to `path` through a temporary sibling file and a rename; on failure the original is untouched. */
export function writeFileAtomic(path: string, text: string, ops: WriteOps = NODE_WRITE_OPS): void {
  const temp = join(dirname(path), `.${basename(path)}.netpol-fix-${process.pid}-${Date.now().toString(36)}.tmp`);
  try {
    ops.writeFile(temp, text);
    const mode = ops.mode(path);
    if (mode !== undefined) ops.chmod(temp, mode);
    ops.rename(temp, path);
  } catch (error) {
    try {
      ops.unlink(temp);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

export interface FileFixReport {
  readonly file: string;
  readonly result: FixAllResult;
  /** Set when the fixed text could not be written. */
  readonly error?: string;
}

/** Fixes one file's text and writes it back when it changed. `bom` is put back in front if the file had one. */
export function fixFile(file: string, text: string, settings: Settings, options: { bom?: boolean; ops?: WriteOps } = {}): FileFixReport {
  const result = fixAllText(text, settings, { uri: file });
  if (result.text === text) return { file, result };
  try {
    writeFileAtomic(file, (options.bom ? '\uFEFF' : '') + result.text, options.ops);
    return { file, result };
  } catch (error) {
    return { file, result: { ...result, text }, error: (error as Error).message };
  }
}

/** One line per changed file: `file: fixed 3 problems (unknown-field ×2, removed-api-version)`. */
export function formatFixReport(report: FileFixReport): string | undefined {
  if (report.error !== undefined) return `${report.file}: could not write the fixes: ${report.error}`;
  const applied = report.result.applied;
  if (applied.length === 0) return undefined;
  const counts = new Map<string, number>();
  for (const a of applied) counts.set(a.ruleId, (counts.get(a.ruleId) ?? 0) + 1);
  const parts = [...counts].map(([id, n]) => (n > 1 ? `${id} ×${n}` : id));
  const tail = report.result.converged ? '' : ' (stopped after the maximum number of passes)';
  return `${report.file}: fixed ${applied.length} problem${applied.length === 1 ? '' : 's'} (${parts.join(', ')})${tail}`;
}
