// Running the built netpol-lint (dist/cli.js) as users do, and the policies the CLI tests lint: one with errors, one with a
// warning only, one with an information only, one clean.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const CLI = join(import.meta.dirname, '../../dist/cli.js');

export function runCli(args: readonly string[], options: { input?: string; cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const r = spawnSync(process.execPath, [CLI, ...args], { input: options.input ?? '', cwd: options.cwd, encoding: 'utf8', env: options.env ?? process.env });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export const CLEAN = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: valid
  namespace: prod
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

/** Two errors: an unknown field (line 8) and a lowercase protocol (line 13). */
export const ERRORS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: typo
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
  ingress:
    - from: [{podSelector: {matchLabels: {app: web}}}]
      ports:
        - port: 80
          protocol: tcp
`;

/** One warning: a default-deny egress policy without DNS (egress-blocks-dns). */
export const WARNING = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: default-deny-egress
  namespace: payments
spec:
  podSelector: {}
  policyTypes:
    - Egress
`;

/** One information: two peers that are ORed (peers-or-instead-of-and). */
export const INFORMATION = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: from-frontend
  namespace: shop
spec:
  podSelector:
    matchLabels:
      app: api
  policyTypes: [Ingress]
  ingress:
    - from:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: web
        - podSelector:
            matchLabels:
              role: frontend
`;

/** A temporary folder that is a repository root (it has `.git`), with the given files (paths relative to it). */
export function tempRepo(files: Readonly<Record<string, string | Buffer>> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'netpol-cli-'));
  mkdirSync(join(dir, '.git'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}
