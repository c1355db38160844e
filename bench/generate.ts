// Generates the benchmark files: N varied, realistic NetworkPolicies with a fixed seed, one in twenty carrying a known
// defect whose lines are recorded, so that each tool's diagnostics can be matched against what was injected. The
// `fileWide` variant also lets every third policy resolve names over UDP only (an information each, `dns-udp-without-tcp`)
// and edits a DNS port, which the file-wide rules read.

export type DefectKind = 'unknown-field' | 'wrong-type' | 'metadata-endpoint' | 'invalid-cidr' | 'port-out-of-range';

export interface Defect {
  readonly kind: DefectKind;
  /** True when a JSON Schema validator can see it at all (the others need netpol's rules). */
  readonly schemaVisible: boolean;
  readonly policy: number;
  /** 0-based lines a diagnostic for this defect may start on. */
  readonly lines: readonly number[];
}

export interface Probe {
  readonly line: number;
  readonly character: number;
}

export interface GeneratedFile {
  readonly policies: number;
  readonly text: string;
  readonly defects: readonly Defect[];
  /**
   * The measured edit and the keystrokes typed after it, each replacing `length` characters at its position: by default
   * one character appended to a label of a clean policy in the middle of the file after another (it changes no
   * diagnostic); in the `fileWide` variant the `3` of a UDP-only DNS rule's `port: 53` turned into `4` and back in turn.
   */
  readonly edits: readonly (Probe & { readonly length: number; readonly text: string })[];
  /** On the `podSelector` key of that policy. */
  readonly hover: Probe;
  /** At the start of the `podSelector` key, where both servers offer the spec's fields. */
  readonly completion: Probe;
}

/** Characters typed after the first edit (the bench client times each). */
export const KEYSTROKES = 5;

const DEFECT_KINDS: readonly DefectKind[] = ['unknown-field', 'wrong-type', 'metadata-endpoint', 'invalid-cidr', 'port-out-of-range'];
const SCHEMA_VISIBLE: ReadonlySet<DefectKind> = new Set(['unknown-field', 'wrong-type']);

/** Every twentieth policy (5 %) carries a defect, the kinds in turn. */
function defectOf(index: number): DefectKind | undefined {
  return index % 20 === 10 ? DEFECT_KINDS[Math.floor(index / 20) % DEFECT_KINDS.length] : undefined;
}

/** mulberry32: small, fast and good enough to vary names and shapes reproducibly. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = ['web', 'api', 'frontend', 'backend', 'worker', 'cache', 'db', 'search', 'billing', 'auth', 'gateway', 'metrics', 'ingest', 'mailer'];
const TEAMS = ['payments', 'platform', 'identity', 'growth', 'data', 'checkout', 'infra'];
const NAMESPACES = ['shop', 'payments', 'identity', 'data', 'platform', 'monitoring', 'ingress', 'batch'];

/** Collects lines and remembers where the interesting ones are. */
class Lines {
  readonly out: string[] = [];
  add(...lines: string[]): number {
    const first = this.out.length;
    this.out.push(...lines);
    return first;
  }
  get next(): number {
    return this.out.length;
  }
}

interface Marks {
  labelLine: number;
  /** The line of the UDP DNS rule's `port: 53`, in an egress policy. */
  dnsPortLine?: number;
  podSelectorLine: number;
  defectLines: number[];
}

function pick<T>(rng: () => number, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

/** Policy `index` isolates egress (so it has a DNS rule), whatever its defect. */
const egressShape = (index: number) => index % 7 === 0 || index % 7 === 2 || index % 7 === 4 || index % 7 === 6;
/** In the `fileWide` variant, the policies whose DNS rule allows UDP 53 only. */
const udpOnly = (index: number, fileWide: boolean) => fileWide && index % 3 === 0;

function policy(out: Lines, index: number, rng: () => number, defect: DefectKind | undefined, fileWide: boolean): Marks {
  const app = `${pick(rng, APPS)}-${index}`;
  const team = pick(rng, TEAMS);
  const namespace = pick(rng, NAMESPACES);
  const peer = pick(rng, APPS);
  const shape = index % 7;
  const marks: Marks = { labelLine: 0, podSelectorLine: 0, defectLines: [] };

  out.add('---');
  if (index % 9 === 4) out.add(`# ${app}: owned by ${team}; reviewed in change ${1000 + index}.`);
  out.add('apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata:', `  name: ${shape === 0 ? 'default-deny' : 'allow'}-${app}`, `  namespace: ${namespace}`);
  out.add('  labels:', `    app.kubernetes.io/part-of: ${app}`);
  marks.labelLine = out.add(`    team: ${team}`);
  out.add('spec:');
  marks.podSelectorLine = out.next;
  if (shape === 0 && defect !== 'unknown-field') {
    out.add('  podSelector: {}');
  } else {
    out.add('  podSelector:');
    if (defect === 'unknown-field') marks.defectLines.push(out.add('    matchLabel:', `      app: ${app}`));
    else if (shape === 5) out.add('    matchExpressions:', '      - key: app', '        operator: In', `        values: [${app}, ${peer}]`);
    else out.add('    matchLabels:', `      app: ${app}`);
  }

  const egress = egressShape(index) || defect === 'metadata-endpoint' || defect === 'invalid-cidr';
  const ingress = (shape !== 2 && shape !== 4) || defect === 'wrong-type' || defect === 'port-out-of-range';
  const types = [ingress ? 'Ingress' : '', egress ? 'Egress' : ''].filter(Boolean);
  if (index % 3 === 0) out.add(`  policyTypes: [${types.join(', ')}]`);
  else out.add('  policyTypes:', ...types.map((t) => `    - ${t}`));
  // Default deny (except DNS): no ingress rule at all.
  const onlyDns = shape === 0 && (defect === undefined || defect === 'unknown-field');

  if (ingress && !onlyDns) {
    out.add('  ingress:', '    - from:', '        - podSelector:', '            matchLabels:', `              app: ${peer}`);
    if (shape === 3 || shape === 5) out.add('          namespaceSelector:', '            matchLabels:', `              kubernetes.io/metadata.name: ${pick(rng, NAMESPACES)}`);
    out.add('      ports:');
    const port = shape === 6 ? 'http' : String(pick(rng, [80, 443, 3000, 5432, 6379, 8080, 8443, 9090]));
    if (defect === 'wrong-type') marks.defectLines.push(out.add('        - protocol: 6'));
    else out.add('        - protocol: TCP');
    if (defect === 'port-out-of-range') marks.defectLines.push(out.add('          port: 70000'));
    else out.add(`          port: ${port}`);
    if (shape === 1 && defect !== 'port-out-of-range') out.add(`          endPort: ${Number(port) + 10}`);
  }
  if (egress) {
    // Every policy that isolates egress lets its pods resolve names, as real bundles do (else `egress-blocks-dns`).
    out.add('  egress:');
    if (defect === 'metadata-endpoint') {
      const to = out.add('    - to:', '        - ipBlock:');
      const cidr = out.add('            cidr: 0.0.0.0/0');
      marks.defectLines.push(to, to + 1, cidr);
      out.add('      ports:', '        - protocol: TCP', '          port: 443', '        - protocol: TCP', '          port: 80');
    } else if (shape === 4 || defect === 'invalid-cidr') {
      const net = 10 + (index % 200);
      out.add('    - to:', '        - ipBlock:');
      if (defect === 'invalid-cidr') marks.defectLines.push(out.add(`            cidr: 10.${net}.0.0/33`));
      else out.add(`            cidr: 10.${net}.0.0/16`);
      out.add('            except:', `              - 10.${net}.${index % 250}.0/24`, '      ports:', '        - protocol: TCP', '          port: 443');
    }
    out.add('    - to:', '        - namespaceSelector:', '            matchLabels:', '              kubernetes.io/metadata.name: kube-system');
    out.add('          podSelector:', '            matchLabels:', '              k8s-app: kube-dns', '      ports:');
    marks.dnsPortLine = out.add('        - protocol: UDP', '          port: 53') + 1;
    if (!udpOnly(index, fileWide)) out.add('        - protocol: TCP', '          port: 53');
  }
  return marks;
}

export function generate(policies: number, seed = 8, options: { fileWide?: boolean } = {}): GeneratedFile {
  const fileWide = options.fileWide === true;
  const rng = random(seed * 7919 + policies);
  const out = new Lines();
  out.add(`# ${policies} generated NetworkPolicies (seed ${seed}); every twentieth one carries a known defect.`);
  const defects: Defect[] = [];
  // The edited policy: a clean one in the middle of the file (in the file-wide variant, one with a UDP-only DNS rule).
  let middle = Math.floor(policies / 2);
  while (defectOf(middle) || (fileWide && !(egressShape(middle) && udpOnly(middle, fileWide)))) middle++;
  if (middle >= policies) middle = 0;
  let middleMarks: Marks | undefined;
  for (let i = 0; i < policies; i++) {
    const kind = defectOf(i);
    const marks = policy(out, i, rng, kind, fileWide);
    if (kind) defects.push({ kind, schemaVisible: SCHEMA_VISIBLE.has(kind), policy: i, lines: marks.defectLines });
    if (i === middle) middleMarks = marks;
  }
  const marks = middleMarks!;
  const text = `${out.out.join('\n')}\n`;
  const labelText = out.out[marks.labelLine]!;
  let edits: GeneratedFile['edits'];
  if (fileWide) {
    const line = marks.dnsPortLine!;
    const character = out.out[line]!.lastIndexOf('3');
    edits = Array.from({ length: 1 + KEYSTROKES }, (_, k) => ({ line, character, length: 1, text: k % 2 === 0 ? '4' : '3' }));
  } else {
    edits = Array.from({ length: 1 + KEYSTROKES }, (_, k) => ({ line: marks.labelLine, character: labelText.length + k, length: 0, text: 's' }));
  }
  return {
    policies,
    text,
    defects,
    edits,
    hover: { line: marks.podSelectorLine, character: 5 },
    completion: { line: marks.podSelectorLine, character: 2 },
  };
}
