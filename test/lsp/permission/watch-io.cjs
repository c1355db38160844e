// Preloaded into the language server by test/lsp/permission.test.ts: every way Node offers to start a process or a
// worker or to open a network connection is wrapped so that an attempt is written to stderr (and then refused), since
// Node 20's permission model denies processes and workers but not the network.
'use strict';
const report = (what) => {
  process.stderr.write(`NETPOL-IO-ATTEMPT ${what}\n`);
  throw new Error(`netpol permission test: ${what} attempted`);
};
const wrap = (module, names, label) => {
  for (const name of names) {
    if (typeof module[name] === 'function') module[name] = () => report(`${label}.${name}`);
  }
};
wrap(require('node:child_process'), ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'], 'child_process');
const net = require('node:net');
wrap(net, ['connect', 'createConnection', 'createServer'], 'net');
net.Socket.prototype.connect = () => report('net.Socket.connect');
wrap(require('node:dgram'), ['createSocket'], 'dgram');
wrap(require('node:http'), ['request', 'get', 'createServer'], 'http');
wrap(require('node:https'), ['request', 'get', 'createServer'], 'https');
wrap(require('node:tls'), ['connect'], 'tls');
wrap(require('node:dns'), ['lookup', 'resolve'], 'dns');
if (typeof globalThis.fetch === 'function') globalThis.fetch = () => report('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = function () { report('WebSocket'); };
const threads = require('node:worker_threads');
threads.Worker = function () { report('worker_threads.Worker'); };
