// The web extension's bundles hold no Node built-in, and the worker server runs with nothing but what a Web Worker has:
// the bundle built by scripts/build.mjs is evaluated in a bare `vm` context (no process, require, Buffer or
// setImmediate) whose postMessage stands in for the worker's port, and answers initialize, didOpen, hover and the
// connectivity view as the Node server does.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { workspaceFiles } from '../../bench/connectivity-workspace';
import { ruleDocsUrl } from '../../server/src/rules/docs-url';

const root = join(import.meta.dirname, '../..');
const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

async function bundle(entry: string, format: 'iife' | 'cjs') {
  const result = await build({
    entryPoints: [join(root, entry)], bundle: true, platform: 'browser', format, target: 'es2022', write: false, metafile: true,
    external: ['vscode'], logLevel: 'silent', define: { NETPOL_VERSION: '"test"' },
  });
  return { inputs: Object.keys(result.metafile.inputs), text: result.outputFiles[0]!.text };
}

/** A dedicated worker's global scope, as far as the server uses it, around a bundle evaluated in its own realm. */
function startWorker(script: string) {
  const toServer: ((e: { data: unknown }) => void)[] = [];
  const fromServer: unknown[] = [];
  const waiters: { test: (m: unknown) => boolean; resolve: (m: unknown) => void }[] = [];
  // Node's MessagePorts keep the process alive while they listen; the ones the server opens are closed at the end.
  const channels: InstanceType<typeof MessageChannel>[] = [];
  class TrackedMessageChannel extends MessageChannel {
    constructor() {
      super();
      channels.push(this);
    }
  }
  const scope: Record<string, unknown> = {
    console, setTimeout, clearTimeout, queueMicrotask, TextEncoder, TextDecoder, MessageChannel: TrackedMessageChannel, URL, performance,
    addEventListener: () => undefined,
    postMessage(raw: unknown) {
      // Into this realm, so that deepEqual compares plain values.
      const message: unknown = JSON.parse(JSON.stringify(raw));
      fromServer.push(message);
      for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!.test(message)) waiters.splice(i, 1)[0]!.resolve(message);
    },
  };
  Object.defineProperty(scope, 'onmessage', { set: (fn: (e: { data: unknown }) => void) => toServer.push(fn) });
  scope.self = scope;
  runInNewContext(script, scope, { filename: 'dist/web/server.js' });
  let id = 0;
  const send = (message: object) => toServer.forEach((fn) => fn({ data: { jsonrpc: '2.0', ...message } }));
  const next = (test: (m: unknown) => boolean) => {
    const found = fromServer.find(test);
    if (found) return Promise.resolve(found);
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the worker did not answer within 10 s; it sent ${JSON.stringify(fromServer).slice(0, 500)}`)), 10_000);
      waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  };
  return {
    scope,
    notify: (method: string, params: unknown) => send({ method, params }),
    request: (method: string, params: unknown) => {
      const n = ++id;
      send({ id: n, method, params });
      return next((m) => (m as { id?: number }).id === n) as Promise<{ result: unknown }>;
    },
    next,
    close: () => channels.forEach((c) => c.port1.close()),
  };
}

describe('web build', () => {
  it('the worker server and the browser client bundle no Node built-in', async () => {
    for (const [entry, format] of [['server/src/main-browser.ts', 'iife'], ['client/src/extension-browser.ts', 'cjs']] as const) {
      const { inputs, text } = await bundle(entry, format);
      assert.deepEqual(inputs.filter((i) => BUILTINS.has(i) || i.startsWith('node:') || /(^|\/)node_modules\/@types\/node\//.test(i)), [], `${entry} inputs`);
      // An import esbuild left unresolved would be a require() of it in the output; `vscode` is the host's.
      const required = [...text.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]).filter((m) => m !== 'vscode');
      assert.deepEqual(required, [], `${entry} requires`);
    }
  });

  it('the worker bundle answers an LSP session in a realm without Node globals', async () => {
    const script = readFileSync(join(root, 'dist/web/server.js'), 'utf8');
    const worker = startWorker(script);
    // A failed assertion must not leave the worker's ports open (they would keep the test process alive).
    try {
      for (const name of ['process', 'require', 'Buffer', 'setImmediate', 'global']) assert.equal(runInNewContext(`typeof ${name}`, worker.scope), 'undefined', name);
      const init = (await worker.request('initialize', { processId: null, rootUri: null, capabilities: {} })).result as { serverInfo: { name: string } };
      assert.equal(init.serverInfo.name, 'netpol-language-server');
      worker.notify('initialized', {});
      const uri = 'vscode-vfs://github/example/repo/policy.yaml';
      const text = readFileSync(join(root, 'examples/egress-to-internet.yaml'), 'utf8');
      worker.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      const published = (await worker.next((m) => (m as { method?: string; params?: { uri?: string } }).method === 'textDocument/publishDiagnostics' && (m as { params: { uri: string } }).params.uri === uri)) as {
        params: { diagnostics: { code: string; codeDescription: { href: string } }[] };
      };
      const codes = published.params.diagnostics.map((d) => d.code).sort();
      assert.deepEqual(codes, ['egress-blocks-dns', 'egress-reaches-metadata-endpoint']);
      // 40 policies take more than one analysis slice, so the server yields between slices (setImmediate would throw here).
      const many = `${Array.from({ length: 40 }, (_, i) => text.replace('name: web-egress', `name: web-egress-${i}`)).join('---\n')}`;
      worker.notify('textDocument/didOpen', { textDocument: { uri: `${uri}.many`, languageId: 'yaml', version: 1, text: many } });
      const manyPublished = (await worker.next((m) => (m as { params?: { uri?: string } }).params?.uri === `${uri}.many`)) as { params: { diagnostics: unknown[] } };
      assert.equal(manyPublished.params.diagnostics.length, 80);
      for (const d of published.params.diagnostics) assert.equal(d.codeDescription.href, ruleDocsUrl(d.code));
      const hover = (await worker.request('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 4 } })).result as { contents: { value: string } } | null;
      assert.match(hover?.contents.value ?? '', /podSelector|pods/);
      // The connectivity view of files the client sent (the generated workspace of the scale figures, small): computed in
      // slices too, between which the worker yields with a MessageChannel post.
      const files = [...workspaceFiles(100, 300)].map(([path, content]) => ({ uri: `vscode-vfs://github/example/repo/${path}`, text: content }));
      worker.notify('netpol/workspaceFiles', { files, reset: true });
      const answer = await worker.request('netpol/connectivity', { fromIndex: true });
      assert.ok(answer.result, JSON.stringify(answer));
      const view = answer.result as { level: string; totals: { workloads: number; namespaces: number } };
      assert.deepEqual([view.level, view.totals.workloads, view.totals.namespaces], ['namespaces', 300, 50]);
      await worker.request('shutdown', null);
    } finally {
      worker.close();
    }
  });
});
