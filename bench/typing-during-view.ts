// Typing while the connectivity view is computed: the generated workspace of the scale figures (bench/connectivity-workspace.ts,
// 2,000 files and 10,000 Deployments by default) in a temporary folder, a fresh `dist/server.js` over stdio with it as its
// workspace folder, one namespace's policy file open. Each round: an edit (so the view must be computed again), the
// `netpol/connectivity` request, and 30 ms later a keystroke; prints the time from the keystroke to its diagnostics and
// the time the view took, per round and as medians.
//   npm run build && node --import tsx bench/typing-during-view.ts [files] [workloads] [rounds] [--server=PATH (another build)]
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { workspaceFiles } from './connectivity-workspace';
import { median } from './report';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [files, workloads, rounds] = [Number(positional[0] ?? 2000), Number(positional[1] ?? 10000), Number(positional[2] ?? 5)];
const server = process.argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? join(import.meta.dirname, '..', 'dist', 'server.js');

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-bench-typing-'));
  const workspace = workspaceFiles(files, workloads);
  for (const [path, text] of workspace) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  let onPublish = (): void => undefined;
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    onPublish();
  });
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.listen();
  const diagnosticsOf = (uri: string, version: number): Promise<void> =>
    new Promise((resolve) => {
      onPublish = () => {
        if (published.some((p) => p.uri === uri && p.version === version)) resolve();
      };
      onPublish();
    });

  try {
    await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } }, workspaceFolders: [{ uri: pathToFileURL(dir).href, name: 'bench' }] });
    await connection.sendNotification('initialized', {});
    const uri = pathToFileURL(join(dir, 'ns-00', 'policies.yaml')).href;
    let text = workspace.get('ns-00/policies.yaml')!;
    let version = 1;
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version, text } });
    await diagnosticsOf(uri, version);
    // The server reads the folder in the background: the first view with every workload is the baseline.
    for (;;) {
      const view = (await connection.sendRequest('netpol/connectivity', { fromIndex: true })) as { totals: { workloads: number } };
      if (view.totals.workloads === workloads) break;
      await sleep(200);
    }
    /** Changes the namespace's `team` label (a change the view must follow) and returns the new version. */
    const edit = (team: string): number => {
      text = text.replace(/team: [^}]+}/, `team: ${team}}`);
      void connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: ++version }, contentChanges: [{ text }] });
      return version;
    };
    const keystrokes: number[] = [];
    const views: number[] = [];
    for (let k = 0; k < rounds; k++) {
      await diagnosticsOf(uri, edit(`edited-${k}`));
      const requestedAt = performance.now();
      const viewed = connection.sendRequest('netpol/connectivity', { fromIndex: true }).then(() => views.push(performance.now() - requestedAt));
      await sleep(30);
      const typedAt = performance.now();
      await diagnosticsOf(uri, edit(`typed-${k}`));
      keystrokes.push(performance.now() - typedAt);
      await viewed;
      console.log(`round ${k + 1}: keystroke → diagnostics ${keystrokes.at(-1)!.toFixed(0)} ms while the view took ${views.at(-1)!.toFixed(0)} ms`);
    }
    console.log(`${files} files, ${workloads} workloads: keystroke typed during the view → its diagnostics, median ${median(keystrokes).toFixed(0)} ms; the view, median ${median(views).toFixed(0)} ms (${rounds} rounds)`);
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
  } finally {
    child.kill();
    connection.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
