// The one LSP client both servers are measured with: spawns a server over stdio, answers its configuration requests, and
// times initialize, didOpen → diagnostics, an edit → diagnostics, hover and completion, then reads the server's RSS.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ClientCapabilities,
  type Diagnostic,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { KEYSTROKES, type GeneratedFile } from './generate';

export { KEYSTROKES };

export interface ServerSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  /** Answers workspace/configuration for one section; also pushed with didChangeConfiguration. */
  readonly settings: Record<string, unknown>;
}

export interface Measurement {
  readonly initializeMs: number;
  readonly openMs: number;
  readonly editMs: number;
  /** Median latency of the KEYSTROKES characters typed after the first edit. */
  readonly typingMs: number;
  readonly hoverMs: number;
  readonly completionMs: number;
  readonly rssMiB: number;
  readonly diagnostics: number;
  readonly defectsFound: number;
  readonly defectsExpected: number;
  /** Diagnostics on no defect's lines (a clean policy should have none). */
  readonly otherDiagnostics: number;
  readonly hoverEmpty: boolean;
  readonly completionItems: number;
  /** Hover sent right after the file is opened again (closed first), while the server analyses it. */
  readonly hoverDuringOpenMs: number;
  /** Whether that hover was answered before the diagnostics of the reopened file were published. */
  readonly hoverBeforeDiagnostics: boolean;
}

/** The pause between the open's diagnostics and the keystroke. */
export const SETTLE_MS = 250;
/** The pause before each character typed after the first edit (after the previous one's diagnostics). */
export const KEYSTROKE_GAP_MS = 100;
const REOPENED = 100;

const CAPABILITIES: ClientCapabilities = {
  workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: false } },
  textDocument: {
    synchronization: { didSave: false, dynamicRegistration: false },
    publishDiagnostics: { versionSupport: true, relatedInformation: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
  },
};

function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e) => (clearTimeout(timer), reject(e)),
    );
  });
}

/** Spawns a fresh server, runs the whole scenario on one file and shuts the server down. */
export async function measure(spec: ServerSpec, file: GeneratedFile, uri: string, options: { timeoutMs?: number; log?: (line: string) => void } = {}): Promise<Measurement> {
  const { timeoutMs = 120_000, log } = options;
  const t0 = performance.now();
  const child = spawn(spec.command, [...spec.args], { stdio: ['pipe', 'pipe', 'pipe'] });
  if (log) child.stderr.on('data', (d: Buffer) => log(`${spec.name} stderr: ${d.toString().trimEnd()}`));
  else child.stderr.resume();
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const publications: { at: number; params: PublishDiagnosticsParams }[] = [];
  let onPublish: (() => void) | undefined;
  let configured: () => void = () => undefined;
  const configurationAsked = new Promise<void>((resolve) => (configured = resolve));
  connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
    if (params.uri !== uri) return;
    publications.push({ at: performance.now(), params });
    onPublish?.();
  });
  connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
    configured();
    return params.items.map((item) => (item.section ? (spec.settings[item.section] ?? null) : spec.settings));
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  for (const method of ['window/logMessage', 'window/showMessage', 'telemetry/event', '$/progress']) {
    connection.onNotification(method, (params: unknown) => log?.(`${spec.name} sent ${method} ${JSON.stringify(params).slice(0, 200)}`));
  }
  connection.listen();

  /** The first publication at index ≥ `from` that satisfies the predicate, with its arrival time. */
  const nextPublication = (from: number, ok: (p: PublishDiagnosticsParams) => boolean) =>
    within(
      new Promise<{ at: number; params: PublishDiagnosticsParams }>((resolve) => {
        const check = () => {
          for (let i = from; i < publications.length; i++) {
            if (ok(publications[i]!.params)) {
              onPublish = undefined;
              resolve(publications[i]!);
              return;
            }
          }
        };
        onPublish = check;
        check();
      }),
      timeoutMs,
      `${spec.name}: publishDiagnostics`,
    );

  try {
    await within(connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: CAPABILITIES, workspaceFolders: null }), timeoutMs, `${spec.name}: initialize`);
    const initializeMs = performance.now() - t0;
    await connection.sendNotification('initialized', {});
    await connection.sendNotification('workspace/didChangeConfiguration', { settings: spec.settings });
    // Settings must be in place before the file opens; waiting for the server to ask for them (then a short settle) is
    // not part of any measured interval.
    await within(configurationAsked, 10_000, `${spec.name}: workspace/configuration`).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 150));

    let from = publications.length;
    const openedAt = performance.now();
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: file.text } });
    const opened = await nextPublication(from, (p) => p.version === undefined || p.version === 1);
    const openMs = opened.at - openedAt;
    const diagnostics = opened.params.diagnostics;
    // A person starts typing a moment after the file shows, not in the same millisecond: both servers get the same pause,
    // in which a server may finish idle work of the open (a line table, a garbage collection) before the keystroke.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

    const change = (k: number) => {
      const e = file.edits[k]!;
      return { range: { start: { line: e.line, character: e.character }, end: { line: e.line, character: e.character + e.length } }, text: e.text };
    };
    from = publications.length;
    const editedAt = performance.now();
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [change(0)] });
    const edited = await nextPublication(from, (p) => p.version === undefined || p.version === 2);
    const editMs = edited.at - editedAt;


    const hoverAt = performance.now();
    const hover = (await within(connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: file.hover }), timeoutMs, `${spec.name}: hover`)) as { contents?: unknown } | null;
    const hoverMs = performance.now() - hoverAt;
    const completionAt = performance.now();
    const completion = (await within(connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: file.completion }), timeoutMs, `${spec.name}: completion`)) as
      | { items?: unknown[] }
      | unknown[]
      | null;
    const completionMs = performance.now() - completionAt;
    const completionItems = Array.isArray(completion) ? completion.length : (completion?.items?.length ?? 0);

    const rss = rssMiB(child.pid!);

    // Then typing, after the RSS reading (taken where the protocol takes it): the file's next edits, each
    // KEYSTROKE_GAP_MS after the previous one's diagnostics.
    const typing: number[] = [];
    for (let k = 1; k <= KEYSTROKES; k++) {
      await new Promise((resolve) => setTimeout(resolve, KEYSTROKE_GAP_MS));
      const version = 2 + k;
      from = publications.length;
      const typedAt = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change(k)] });
      const typed = await nextPublication(from, (p) => p.version === undefined || p.version === version);
      typing.push(typed.at - typedAt);
    }
    typing.sort((a, b) => a - b);
    const typingMs = typing[typing.length >> 1]!;

    // Reopen the file and hover at once: a server that analyses in slices answers before it publishes.
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    from = publications.length;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: REOPENED, text: file.text } });
    const reopenedAt = performance.now();
    await within(connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: file.hover }), timeoutMs, `${spec.name}: hover during open`);
    const hoverDuringOpenMs = performance.now() - reopenedAt;
    const isReopened = (p: PublishDiagnosticsParams) => (p.version === undefined || p.version === REOPENED) && (p.diagnostics.length > 0 || file.defects.length === 0);
    const answeredFirst = !publications.slice(from).some((p) => isReopened(p.params));
    await nextPublication(from, isReopened);
    if (log) for (const d of diagnostics) log(`${spec.name} line ${d.range.start.line + 1}: [${String(d.code ?? '')}] ${(typeof d.message === 'string' ? d.message : d.message.value).split('\n')[0]!.slice(0, 120)}`);
    const { found, other } = matchDefects(file, diagnostics);
    return {
      initializeMs,
      openMs,
      editMs,
      typingMs,
      hoverMs,
      completionMs,
      rssMiB: rss,
      diagnostics: diagnostics.length,
      defectsFound: found,
      defectsExpected: file.defects.length,
      otherDiagnostics: other,
      hoverEmpty: !hover?.contents,
      completionItems,
      hoverDuringOpenMs,
      hoverBeforeDiagnostics: answeredFirst,
    };
  } finally {
    await stop(connection, child);
  }
}

/** A defect counts as found when some diagnostic starts on one of its lines. */
export function matchDefects(file: GeneratedFile, diagnostics: readonly Diagnostic[]): { found: number; other: number } {
  const starts = new Set(diagnostics.map((d) => d.range.start.line));
  const defectLines = new Set(file.defects.flatMap((d) => d.lines));
  const found = file.defects.filter((d) => d.lines.some((l) => starts.has(l))).length;
  const other = diagnostics.filter((d) => !defectLines.has(d.range.start.line)).length;
  return { found, other };
}

async function stop(connection: ReturnType<typeof createProtocolConnection>, child: ReturnType<typeof spawn>): Promise<void> {
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  try {
    await within(connection.sendRequest('shutdown'), 5000, 'shutdown');
    await connection.sendNotification('exit');
  } catch {
    // A server that does not answer is killed below.
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
  connection.dispose();
}
