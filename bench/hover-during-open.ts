// Issue 18's figure: a hover sent 200 ms after opening a 10 MB file of ~6,000 policies (the generated bench policies,
// each with a comment block as exported manifests carry), answered while the server still analyses the file. Ten runs,
// each against a fresh `dist/server.js` over stdio; prints the median, range, the analysis time and the peak RSS.
//   npm run build && node --import tsx bench/hover-during-open.ts [runs] [policies] [--server=PATH (another build, to compare)]
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generate } from './generate';
import { median } from './report';

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const runs = Number(positional[0] ?? 10);
const policies = Number(positional[1] ?? 6000);
const server = process.argv.find((a) => a.startsWith('--server='))?.slice('--server='.length) ?? join(import.meta.dirname, '..', 'dist', 'server.js');
const NOTE = Array.from({ length: 10 }, (_, i) => `# change ${i + 1}: reviewed by the platform team; allows only what the service's owners listed in the runbook.`).join('\n');
const text = generate(policies)
  .text.split(/^---\n/m)
  .map((p) => `${NOTE}\n${p}`)
  .join('---\n');
const doc = TextDocument.create('file:///bench-hover-during-open.yaml', 'yaml', 1, text);
// The podSelector key of the policy in the middle of the file.
const position = doc.positionAt(text.indexOf('podSelector:', text.indexOf(`\n---\n`, text.length >> 1)) + 3);

interface Run {
  hoverMs: number;
  hoverEmpty: boolean;
  /** Whether diagnostics arrived before the hover's answer (then the hover did not run during the analysis). */
  analysedFirst: boolean;
  openToDiagnosticsMs: number;
  peakRssMiB: number;
}

async function once(): Promise<Run> {
  const child = spawn(process.execPath, [server, '--stdio'], { stdio: 'pipe' });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  let diagnosticsAt = 0;
  const published = new Promise<void>((resolve) =>
    connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
      if (p.uri === doc.uri && !diagnosticsAt) {
        diagnosticsAt = performance.now();
        resolve();
      }
    }),
  );
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {} });
  connection.sendNotification('initialized', {});
  const openedAt = performance.now();
  connection.sendNotification('textDocument/didOpen', { textDocument: { uri: doc.uri, languageId: 'yaml', version: 1, text } });
  await sleep(200);
  const sent = performance.now();
  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri: doc.uri }, position });
  const hoverMs = performance.now() - sent;
  const analysedFirst = diagnosticsAt !== 0;
  await published;
  const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
  const peakKiB = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  await new Promise((resolve) => child.once('exit', resolve));
  connection.dispose();
  return { hoverMs, hoverEmpty: hover === null, analysedFirst, openToDiagnosticsMs: diagnosticsAt - openedAt, peakRssMiB: peakKiB / 1024 };
}

async function main(): Promise<void> {
  const results: Run[] = [];
  for (let i = 0; i < runs; i++) results.push(await once());
  const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
  console.log(`file: ${(text.length / 1e6).toFixed(1)} MB, ${policies} policies, ${doc.lineCount} lines; hover at ${position.line}:${position.character}, 200 ms after didOpen`);
  console.log(`hover during the analysis, ms: ${fmt(results.map((r) => r.hoverMs))}; empty answers: ${results.filter((r) => r.hoverEmpty).length}; answered after the diagnostics: ${results.filter((r) => r.analysedFirst).length}`);
  console.log(`didOpen → diagnostics, ms: ${fmt(results.map((r) => r.openToDiagnosticsMs))}`);
  console.log(`peak RSS of the server, MiB: ${fmt(results.map((r) => r.peakRssMiB))}`);
}

void main();
