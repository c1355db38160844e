// The settings each open document is checked with, in one order: netpol's defaults < the editor's settings (VS Code: user
// < workspace < the document's workspace folder, pulled with its scopeUri) < the nearest `.netpol.yaml` (the same lookup
// and validation as netpol-lint, so the editor reports what CI reports), `rules` merged per rule id. The config files come
// from the disk where the server reads it (Node, `file:` URIs), from what the client sent for the others (the browser,
// a virtual workspace on the desktop), or from the editor when one is open there (its unsaved text counts). Mistakes in
// a `.netpol.yaml` become diagnostics in that file.
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { nearestConfigFile } from '../config/lookup';
import { CONFIG_FILE_NAME, parseConfig, type ParsedConfig } from '../config/netpol-config';
import { configDocsUrl } from '../rules/docs-url';
import { LineIndex } from '../syntax/lines';

/** Reads the disk, where the server can: a file's text by URI, or undefined when it does not exist or cannot be read. */
export interface FileReader {
  /** Whether the URI is one this reader reads (Node: `file:`); others' files come from the client. */
  reads(uri: string): boolean;
  readFile(uri: string): string | undefined;
  exists(uri: string): boolean;
}

export interface ConfigFileText {
  readonly uri: string;
  /** null: the file was deleted. */
  readonly text: string | null;
}

export interface ResolvedSettings {
  readonly settings: Record<string, unknown>;
  /** The `.netpol.yaml` that applies, if any. */
  readonly configFile?: string;
}

/** `scheme://authority` and the path of a hierarchical URI; undefined for others (untitled:…). */
function splitUri(uri: string): { base: string; path: string } | undefined {
  const m = /^([a-zA-Z][\w+.-]*:\/\/[^/]*)(\/.*)$/.exec(uri);
  return m ? { base: m[1]!, path: m[2]! } : undefined;
}

export function isConfigFile(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

const asObject = (value: unknown): Record<string, unknown> => (value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {});

export class EditorSettings {
  private editorDefault: Record<string, unknown> = {};
  /** Per workspace folder URI (without a trailing slash), longest first. */
  private editorByFolder: [string, Record<string, unknown>][] = [];
  private folders: string[] = [];
  /** What the client sent of the files the server cannot read. */
  private readonly pushed = new Map<string, string>();
  /** `.netpol.yaml` documents open in the editor: their text, saved or not. */
  private readonly open = new Map<string, string>();
  /** Disk reads, until a watched-file event says something changed. */
  private readonly disk = new Map<string, string | null>();
  private readonly gitRoots = new Map<string, boolean>();
  private readonly parsed = new Map<string, { text: string; parsed: ParsedConfig }>();

  constructor(private readonly reader: FileReader | undefined) {}

  /** The workspace folders, for the per-folder editor settings and, where files come from the client, where lookups stop. */
  setFolders(folders: readonly string[]): void {
    this.folders = folders.map((f) => f.replace(/\/+$/, ''));
  }

  get workspaceFolders(): readonly string[] {
    return this.folders;
  }

  setEditorSettings(defaults: unknown, byFolder: ReadonlyMap<string, unknown> = new Map()): void {
    this.editorDefault = asObject(defaults);
    this.editorByFolder = [...byFolder].map(([f, s]): [string, Record<string, unknown>] => [f.replace(/\/+$/, ''), asObject(s)]).sort((a, b) => b[0].length - a[0].length);
  }

  /** Files the client sent (all of them at start, or changes later). */
  receive(files: readonly ConfigFileText[]): void {
    for (const f of files) {
      if (typeof f?.uri !== 'string') continue;
      if (typeof f.text === 'string') this.pushed.set(f.uri, f.text);
      else this.pushed.delete(f.uri);
    }
  }

  setOpen(uri: string, text: string | undefined): void {
    if (text === undefined) this.open.delete(uri);
    else this.open.set(uri, text);
  }

  /** A watched-file event: what was read from the disk may be stale. */
  filesChanged(): void {
    this.disk.clear();
    this.gitRoots.clear();
  }

  resolve(documentUri: string): ResolvedSettings {
    const editor = this.editorFor(documentUri);
    const configFile = this.configFileFor(documentUri);
    const config = configFile === undefined ? undefined : this.parse(configFile);
    if (!config) return { settings: editor };
    const fromFile = config.parsed.settings;
    const settings: Record<string, unknown> = { ...editor, ...fromFile };
    if (fromFile.rules !== undefined) settings.rules = { ...asObject(editor.rules), ...asObject(fromFile.rules) };
    if (fromFile.cluster !== undefined) settings.cluster = { ...asObject(editor.cluster), ...asObject(fromFile.cluster) };
    return { settings, configFile };
  }

  /** The diagnostics of a `.netpol.yaml`: its mistakes, each with what to write instead where netpol can tell. */
  diagnostics(configUri: string): Diagnostic[] {
    const config = this.parse(configUri);
    if (!config) return [];
    const lines = new LineIndex(config.text);
    return config.parsed.problems.map((p) => ({
      range: lines.rangeOf(p.span),
      severity: p.severity === 'error' ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning,
      code: 'netpol-config',
      codeDescription: { href: configDocsUrl() },
      source: 'netpol',
      message: p.message,
      ...(p.suggestion !== undefined ? { data: { suggestion: p.suggestion } } : {}),
    }));
  }

  private editorFor(documentUri: string): Record<string, unknown> {
    const folder = this.editorByFolder.find(([f]) => documentUri.startsWith(`${f}/`));
    return folder ? folder[1] : this.editorDefault;
  }

  private configFileFor(documentUri: string): string | undefined {
    const parts = splitUri(documentUri);
    if (!parts) return undefined;
    const dir = parts.path.slice(0, parts.path.lastIndexOf('/')) || '/';
    const found = nearestConfigFile(dir, {
      isFile: (path) => this.textOf(parts.base + path) !== undefined,
      isRoot: (d) => this.isRoot(parts.base + d),
    });
    return found === undefined ? undefined : parts.base + found;
  }

  /** The repository root stops the lookup, as in netpol-lint; where the client supplies the files, the workspace folder does. */
  private isRoot(dirUri: string): boolean {
    if (!this.reader?.reads(dirUri)) return this.folders.includes(dirUri);
    let root = this.gitRoots.get(dirUri);
    if (root === undefined) this.gitRoots.set(dirUri, (root = this.reader.exists(`${dirUri}/.git`)));
    return root;
  }

  private textOf(uri: string): string | undefined {
    const open = this.open.get(uri);
    if (open !== undefined) return open;
    if (!this.reader?.reads(uri)) return this.pushed.get(uri);
    let text = this.disk.get(uri);
    if (text === undefined) this.disk.set(uri, (text = this.reader.readFile(uri) ?? null));
    return text ?? undefined;
  }

  private parse(uri: string): { text: string; parsed: ParsedConfig } | undefined {
    const text = this.textOf(uri)?.replace(/^\uFEFF/, '');
    if (text === undefined) return undefined;
    let entry = this.parsed.get(uri);
    if (!entry || entry.text !== text) this.parsed.set(uri, (entry = { text, parsed: parseConfig(text) }));
    return entry;
  }
}
