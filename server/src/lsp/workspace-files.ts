// The workspace's manifests for the service's workspace index: discovered in the workspace folders where the server can
// read the disk (Node: `host.workspaceDisk`, `file:` folders), kept current through workspace/didChangeWatchedFiles
// (registered dynamically), or sent by a client that reads them itself (the browser build; on the desktop, the folders of
// a virtual workspace) with the `netpol/workspaceFiles` notification. The two sources may serve one workspace side by
// side: each file is the source's that gave it, and each source replaces only its own files. Progress is reported with
// window/workDoneProgress while a large workspace is indexed.
import picomatch from 'picomatch';
import type { Connection } from 'vscode-languageserver';
import { WORKSPACE_SETTINGS, type WorkspaceSettings } from '../lint/settings';
import { closestName } from '../schema/suggest';
import type { LanguageService } from '../service';

/** What the server needs of the disk to discover a workspace; absent where it cannot read files. */
export interface WorkspaceDisk {
  /** Whether the URI is one the disk serves (Node: `file:`); a watched-file event of another is the client's to send. */
  reads(uri: string): boolean;
  /** The *.yaml / *.yml / *.json files below a folder (a `file:` URI), skipping `.git`, `node_modules` and vendored folders. */
  list(folderUri: string): readonly { readonly uri: string; readonly size: number }[];
  read(uri: string): string | undefined;
}

/** `netpol/workspaceFiles`: manifests a client read for the server; `text: null` for a deleted file; `reset` forgets the rest. */
export interface WorkspaceFilesParams {
  readonly files: readonly { readonly uri: string; readonly text: string | null }[];
  readonly reset?: boolean;
}

export const WORKSPACE_FILES_NOTIFICATION = 'netpol/workspaceFiles';
/** Files larger than this are not indexed: generated dumps, not manifests someone edits. */
const MAX_WORKSPACE_FILE_BYTES = 2 * 1024 * 1024;
/** The files the workspace index reads: YAML, and JSON (`kubectl get -o json` dumps); others' text is never read. */
export const MANIFEST_FILE = /\.(ya?ml|json)$/i;

/** Workspaces with more files than this report progress while they are indexed. */
const PROGRESS_AFTER_FILES = 200;
const SKIPPED_FOLDERS = /(^|\/)(\.git|node_modules|vendor|\.terraform)(\/|$)/;

type WorkspaceOptions = WorkspaceSettings;

/**
 * `netpol.workspace.{enable, exclude}` from the editor's settings (defaults from `WORKSPACE_SETTINGS`). A value of the wrong
 * type or an unknown key is reported to `problem` (with the closest known key) and the default is used.
 */
export function workspaceOptions(section: unknown, problem: (message: string) => void = () => {}): WorkspaceOptions {
  const raw = section && typeof section === 'object' ? (section as { workspace?: unknown }).workspace : undefined;
  const out = { enable: WORKSPACE_SETTINGS.enable.default, exclude: WORKSPACE_SETTINGS.exclude.default };
  if (raw === undefined || raw === null) return out;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    problem(`netpol.workspace: ${JSON.stringify(raw)} is not an object with enable and exclude; using the defaults.`);
    return out;
  }
  const known = Object.keys(WORKSPACE_SETTINGS);
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    if (key === 'enable') {
      if (typeof value === 'boolean') out.enable = value;
      else if (value !== undefined && value !== null) problem(`netpol.workspace.enable: ${JSON.stringify(value)} is not true or false; using the default true.`);
    } else if (key === 'exclude') {
      const globs = Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string' && g !== '') : undefined;
      if (globs && globs.length === (value as unknown[]).length) out.exclude = globs;
      else if (value !== undefined && value !== null) {
        problem(`netpol.workspace.exclude: ${JSON.stringify(value)} is not a list of globs such as ["charts/**"]; ${globs ? 'using its globs only' : 'excluding nothing more'}.`);
        if (globs) out.exclude = globs;
      }
    } else {
      const suggestion = closestName(key, known);
      problem(`netpol.workspace.${key} is not a setting${suggestion ? `; did you mean netpol.workspace.${suggestion}?` : ''} The workspace settings are ${known.map((k) => `netpol.workspace.${k}`).join(' and ')}.`);
    }
  }
  return out;
}

export class WorkspaceFiles {
  private folders: readonly string[] = [];
  private options: WorkspaceOptions = { enable: true, exclude: [] };
  private excluded: (path: string) => boolean = () => false;
  private configured = false;
  /** The uris given to the service as workspace files, each with the source that gave it. */
  private readonly indexed = new Map<string, 'disk' | 'client'>();

  constructor(
    private readonly connection: Connection,
    private readonly service: LanguageService,
    private readonly disk: WorkspaceDisk | undefined,
    /** Called after the index changed: republish the open files whose workspace findings may have changed. */
    private readonly changed: () => void,
  ) {}

  /** Whether the service's workspace index is kept (`netpol.workspace.enable`). */
  get enabled(): boolean {
    return this.options.enable;
  }

  setFolders(folders: readonly string[]): void {
    this.folders = folders.map((f) => f.replace(/\/+$/, ''));
  }

  /** New settings: turning the workspace off empties the index; other globs re-discover. Nothing happens when they are the same. */
  async configure(options: WorkspaceOptions): Promise<void> {
    const same = options.enable === this.options.enable && JSON.stringify(options.exclude) === JSON.stringify(this.options.exclude);
    if (same && this.configured) return;
    this.configured = true;
    this.options = options;
    const match = options.exclude.length > 0 ? picomatch(options.exclude as string[], { dot: true }) : undefined;
    this.excluded = match ? (path) => match(path) : () => false;
    this.service.setWorkspaceEnabled(options.enable);
    // The disk's files are discovered again; a client's stay (it sends them again when netpol.workspace changes, and
    // may have sent them before the first settings arrived) unless the workspace is turned off.
    for (const [uri, source] of [...this.indexed]) if (source === 'disk' || !options.enable) this.remove(uri);
    if (options.enable) await this.discover();
    this.changed();
  }

  /** True for a file the workspace index should hold. */
  accepts(uri: string): boolean {
    if (!MANIFEST_FILE.test(uri) || !this.options.enable) return false;
    const folder = this.folders.find((f) => uri.startsWith(`${f}/`));
    if (folder === undefined) return false;
    const path = decodeURIComponent(uri.slice(folder.length + 1));
    return !SKIPPED_FOLDERS.test(path) && !this.excluded(path);
  }

  /** Reads every manifest of the workspace folders (Node), with progress for a large workspace. */
  private async discover(): Promise<void> {
    if (!this.disk) return;
    const found = this.folders.flatMap((f) => this.disk!.list(f)).filter((f) => f.size <= MAX_WORKSPACE_FILE_BYTES && this.accepts(f.uri));
    const progress = found.length > PROGRESS_AFTER_FILES ? await this.connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('netpol: indexing the workspace', 0, `${found.length} files`, false);
    found.forEach((f, i) => {
      const text = this.disk!.read(f.uri);
      if (text !== undefined) this.set(f.uri, text, 'disk');
      if (progress && i % 100 === 0) progress.report(Math.round((100 * i) / found.length), `${i} of ${found.length} files`);
    });
    progress?.done();
  }

  /** workspace/didChangeWatchedFiles: files created, changed or deleted on disk. */
  filesChanged(changes: readonly { readonly uri: string; readonly type: number }[]): void {
    let any = false;
    for (const c of changes) {
      if (!this.disk?.reads(c.uri) || (!this.accepts(c.uri) && !this.indexed.has(c.uri))) continue;
      // 3 = Deleted (FileChangeType).
      const text = c.type === 3 ? undefined : this.disk.read(c.uri);
      if (text === undefined || text.length > MAX_WORKSPACE_FILE_BYTES || !this.accepts(c.uri)) this.remove(c.uri);
      else this.set(c.uri, text, 'disk');
      any = true;
    }
    if (any) this.changed();
  }

  /** `netpol/workspaceFiles` from a client that reads the files itself; `reset` forgets the client's other files only. */
  received(params: WorkspaceFilesParams): void {
    if (params.reset) {
      const sent = new Set(params.files.map((f) => f.uri));
      for (const [uri, source] of [...this.indexed]) if (source === 'client' && !sent.has(uri)) this.remove(uri);
    }
    for (const f of params.files) {
      if (f.text === null || f.text.length > MAX_WORKSPACE_FILE_BYTES || !this.options.enable) this.remove(f.uri);
      else this.set(f.uri, f.text, 'client');
    }
    this.changed();
  }

  private set(uri: string, text: string, source: 'disk' | 'client'): void {
    this.indexed.set(uri, source);
    this.service.updateWorkspaceFile(uri, text);
  }

  private remove(uri: string): void {
    if (!this.indexed.delete(uri)) return;
    this.service.removeWorkspaceFile(uri);
  }
}
