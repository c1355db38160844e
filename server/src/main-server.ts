// Entry of `netpol-language-server`: `--stdio` for any editor, `--node-ipc` when started by the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FileReader } from './lsp/editor-settings';
import { startServer } from './lsp/server';

if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write('Usage: netpol-language-server --stdio\n\nThe netpol language server for Kubernetes NetworkPolicy YAML, over stdio (or --node-ipc / --socket=N).\n');
  process.exit(0);
}
if (!process.argv.some((a) => a === '--stdio' || a === '--node-ipc' || a.startsWith('--socket') || a.startsWith('--pipe'))) {
  process.stderr.write('netpol-language-server: choose a transport, e.g. --stdio\n');
  process.exit(2);
}
/** `.netpol.yaml` files (and the `.git` folders that end their lookup) are read from the disk, for `file:` URIs only. */
const files: FileReader = {
  readFile(uri) {
    try {
      return uri.startsWith('file:') ? readFileSync(fileURLToPath(uri), 'utf8') : undefined;
    } catch {
      return undefined;
    }
  },
  exists(uri) {
    try {
      return uri.startsWith('file:') && existsSync(fileURLToPath(uri));
    } catch {
      return false;
    }
  },
};

startServer(createConnection(ProposedFeatures.all), { yieldToEventLoop: (fn) => setImmediate(fn), files });
