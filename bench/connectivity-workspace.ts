// The generated workspace of issue 14's scale figures (bench/connectivity.ts, the connectivity view's large-workspace
// measure in test/e2e/connectivity/): F files holding W Deployments in 50 namespaces, the same for every run.
//   node --import tsx bench/connectivity-workspace.ts DIR FILES WORKLOADS   writes one into DIR
// Each namespace has a default deny (both directions), tiers web -> api -> db allowed on named ports, web open to the
// internet on 8080 except 10.0.0.0/8, api egress to 0.0.0.0/0 on 443, db reachable from the next namespace's api, and
// one policy per file selecting that file's first workload by its own app label (so classes grow with the files).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NAMESPACES = 50;
const TIERS = ['web', 'api', 'db', 'worker'] as const;
const PORTS: Record<(typeof TIERS)[number], [string, number]> = { web: ['http', 8080], api: ['grpc', 9090], db: ['pg', 5432], worker: ['metrics', 9100] };

function deployment(ns: string, name: string, tier: (typeof TIERS)[number]): string {
  const [portName, port] = PORTS[tier];
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}, tier: ${tier}}}
    spec:
      containers:
      - name: main
        image: registry.example/${name}:1.0
        ports: [{name: ${portName}, containerPort: ${port}}]
`;
}

/** The name of namespace `i`, wrapping around: ns-00 … ns-49. */
const namespaceName = (i: number): string => `ns-${String(((i % NAMESPACES) + NAMESPACES) % NAMESPACES).padStart(2, '0')}`;

/** A NetworkPolicy document ending in a newline; `rules` follow its podSelector line, as written. */
function policy(ns: string, name: string, podSelector: string, rules: string): string {
  return `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:
  podSelector: ${podSelector}${rules}
`;
}

function namespacePolicies(i: number): string {
  const ns = namespaceName(i);
  const next = namespaceName(i + 1);
  return `apiVersion: v1
kind: Namespace
metadata: {name: ${ns}, labels: {team: team-${i % 7}}}
---
${policy(ns, 'default-deny', '{}', `
  policyTypes: [Ingress, Egress]`)}---
${policy(ns, 'web', '{matchLabels: {tier: web}}', `
  ingress:
  - from: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
    ports: [{port: http}]
  egress:
  - to: [{podSelector: {matchLabels: {tier: api}}}]
    ports: [{port: grpc}]`)}---
${policy(ns, 'api', '{matchLabels: {tier: api}}', `
  ingress:
  - from: [{podSelector: {matchLabels: {tier: web}}}]
    ports: [{port: grpc}]
  egress:
  - to: [{podSelector: {matchLabels: {tier: db}}}]
    ports: [{port: pg}]
  - to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${next}}}, podSelector: {matchLabels: {tier: db}}}]
    ports: [{port: 5432}]
  - to: [{ipBlock: {cidr: 0.0.0.0/0}}]
    ports: [{port: 443}]`)}---
${policy(ns, 'db', '{matchLabels: {tier: db}}', `
  ingress:
  - from: [{podSelector: {matchLabels: {tier: api}}}]
    ports: [{port: pg}]`)}`;
}

/** The db tier also accepts the previous namespace's api (the egress rule above points the other way round). */
function crossNamespace(i: number): string {
  const prev = namespaceName(i - 1);
  return policy(namespaceName(i), `db-from-${prev}`, '{matchLabels: {tier: db}}', `
  ingress:
  - from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ${prev}}}, podSelector: {matchLabels: {tier: api}}}]
    ports: [{port: 5432}]`);
}

function perWorkload(ns: string, app: string): string {
  return policy(ns, `${app}-metrics`, `{matchLabels: {app: ${app}}}`, `
  ingress:
  - from: [{podSelector: {matchLabels: {tier: worker}}}]
    ports: [{port: 9100}]`);
}

/** The workspace's files by relative path: one file per namespace for its policies, the others holding the workloads. */
export function workspaceFiles(files: number, workloads: number): Map<string, string> {
  const workloadFiles = files - NAMESPACES;
  if (workloadFiles < NAMESPACES) throw new Error(`need at least ${2 * NAMESPACES} files`);
  const out = new Map<string, string>();
  for (let i = 0; i < NAMESPACES; i++) out.set(`${namespaceName(i)}/policies.yaml`, `${namespacePolicies(i)}---\n${crossNamespace(i)}`);
  let w = 0;
  for (let f = 0; f < workloadFiles; f++) {
    const ns = namespaceName(f);
    // Spread the workloads evenly over the files.
    const count = Math.floor(((f + 1) * workloads) / workloadFiles) - Math.floor((f * workloads) / workloadFiles);
    const docs: string[] = [];
    for (let k = 0; k < count; k++, w++) {
      const name = `svc-${w}`;
      docs.push(deployment(ns, name, TIERS[w % TIERS.length]!));
      if (k === 0) docs.push(perWorkload(ns, name));
    }
    out.set(`${ns}/app-${f}.yaml`, docs.join('---\n'));
  }
  return out;
}

/** Writes the workspace into `dir`. */
export function generateWorkspace(dir: string, files: number, workloads: number): void {
  for (const [path, text] of workspaceFiles(files, workloads)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [dir, files, workloads] = process.argv.slice(2);
  if (!dir || !files || !workloads) throw new Error('usage: bench/connectivity-workspace.ts DIR FILES WORKLOADS');
  mkdirSync(dir, { recursive: true });
  generateWorkspace(dir, Number(files), Number(workloads));
}
