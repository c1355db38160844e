// Entry of `netpol-language-server`: `--stdio` for any editor, `--node-ipc` when started by the VS Code client.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { FileReader } from './lsp/editor-settings';
import { startServer } from './lsp/server';
import { MANIFEST_FILE, type WorkspaceDisk } from './lsp/workspace-files';

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
  reads: (uri) => uri.startsWith('file:'),
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

/** The workspace folders' manifests; folders that hold no one's manifests (VCS data, dependencies) are not entered. */
const workspaceDisk: WorkspaceDisk = {
  list(folderUri) {
    if (!folderUri.startsWith('file:')) return [];
    const out: { uri: string; size: number }[] = [];
    const walk = (dir: string, depth: number): void => {
      if (depth > 20) return;
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const path = join(dir, e.name);
        if (e.isDirectory()) {
          if (!['.git', 'node_modules', 'vendor', '.terraform'].includes(e.name)) walk(path, depth + 1);
        } else if (e.isFile() && MANIFEST_FILE.test(e.name)) {
          try {
            out.push({ uri: pathToFileURL(path).href, size: statSync(path).size });
          } catch {
            // Gone meanwhile: not indexed.
          }
        }
      }
    };
    try {
      walk(fileURLToPath(folderUri), 0);
    } catch {
      return [];
    }
    return out;
  },
  reads: files.reads,
  read: (uri) => files.readFile(uri),
};

startServer(createConnection(ProposedFeatures.all), { yieldToEventLoop: (fn) => setImmediate(fn), files, workspaceDisk });
