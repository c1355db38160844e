// Entry of the language server in a browser (vscode.dev, github.dev, code-server's web worker extension host): the same
// startServer() as netpol-language-server, over postMessage in a dedicated Web Worker, built as a classic (iife) script.
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { startServer } from './lsp/server';

declare const self: DedicatedWorkerGlobalScope;

/**
 * Workers have no setImmediate. A MessageChannel post is a real macrotask, so that incoming requests run between analysis
 * slices (vscode-jsonrpc's browser `setImmediate` is queueMicrotask, which would starve them), and unlike a nested
 * `setTimeout(0)` it is not clamped to 4 ms. Callbacks run in the order they were queued.
 */
function messageChannelYield(): (fn: () => void) => void {
  const channel = new MessageChannel();
  const queue: (() => void)[] = [];
  channel.port1.onmessage = () => queue.shift()?.();
  return (fn) => {
    queue.push(fn);
    channel.port2.postMessage(0);
  };
}

startServer(createConnection(new BrowserMessageReader(self), new BrowserMessageWriter(self)), { yieldToEventLoop: messageChannelYield() });
