// Plain scalars that YAML 1.2 (netpol) and kubectl's YAML 1.1 decoder read differently: yes/no/on/off/y/n are booleans
// for kubectl, and leading-zero numbers are octal. The author sees one value and the API server gets another (or rejects it).
import type { NetworkPolicy } from '../../model/policy';
import type { Span } from '../../syntax/span';
import type { YNode } from '../../syntax/tree';
import { defineRule, type Finding, type Fix } from '../types';

// go-yaml v2's resolve table (kubernetes-sigs/yaml goyaml.v2/resolve.go), minus true/false, which YAML 1.2 also reads as
// booleans (so netpol already sees what kubectl sees).
const YAML11_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON']);
const YAML11_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF']);
// strconv.ParseInt(s, 0, 64) reads a leading 0 as octal; with an 8 or 9 in it, it fails and go-yaml falls back to a float,
// which is the same number YAML 1.2 reads.
const OCTAL_LOOKING = /^([-+]?)0+([0-7]+)$/;

/** A value whose key path ends like this is a boolean field of ObjectMeta, where kubectl's reading is the right one. */
const BOOLEAN_FIELDS = new Set(['controller', 'blockOwnerDeletion']);

function yaml11Boolean(raw: string): boolean | undefined {
  return YAML11_TRUE.has(raw) ? true : YAML11_FALSE.has(raw) ? false : undefined;
}

/** The number go-yaml v2 reads for an octal-looking plain integer, when it differs from the decimal YAML 1.2 reads. */
function octalReading(raw: string): { octal: number; decimal: number; decimalText: string } | undefined {
  const m = OCTAL_LOOKING.exec(raw);
  if (!m) return undefined;
  const sign = m[1] === '-' ? -1 : 1;
  const octal = sign * parseInt(m[2]!, 8);
  const decimal = sign * parseInt(m[2]!, 10);
  // 00 to 07 mean the same number in both readings.
  if (octal === decimal) return undefined;
  return { octal, decimal, decimalText: `${m[1] === '-' ? '-' : ''}${parseInt(m[2]!, 10)}` };
}

/** True when an explicit tag (`!!str yes`) stands before the scalar at `start`: then no schema guesses its type. */
function isTagged(text: string, start: number): boolean {
  let i = start;
  for (;;) {
    while (i > 0 && (text[i - 1] === ' ' || text[i - 1] === '\t')) i--;
    let tokenStart = i;
    while (tokenStart > 0 && !/[\s,[\]{}]/.test(text[tokenStart - 1]!)) tokenStart--;
    if (tokenStart === i) return false;
    const token = text.slice(tokenStart, i);
    if (token.startsWith('!')) return true;
    // Anchors may stand between a tag and its scalar (`!!str &a yes`).
    if (!token.startsWith('&')) return false;
    i = tokenStart;
  }
}

/** What the value at `path` is, for messages ("this label value"). */
function describeValue(path: readonly string[]): string {
  const [parent, last] = [path[path.length - 2], path[path.length - 1]];
  if (parent === 'matchLabels' || (parent === 'labels' && path[path.length - 3] === 'metadata')) return 'this label value';
  if (parent === 'annotations' && path[path.length - 3] === 'metadata') return 'this annotation value';
  if (last === '[]' && parent === 'values') return 'this selector value';
  if (last === 'port') return 'this port';
  if (last === 'endPort') return 'this endPort';
  return last && last !== '[]' ? `the value of \`${last}\`` : 'this value';
}

/** What the key of a map at `path` is, for messages ("label key"). */
function describeKey(path: readonly string[]): string {
  const last = path[path.length - 1];
  if (last === 'matchLabels' || (last === 'labels' && path[path.length - 2] === 'metadata')) return 'label key';
  if (last === 'annotations' && path[path.length - 2] === 'metadata') return 'annotation key';
  return 'key';
}

/** Where a node sits: its key (or `[]` for a sequence item) and its parent's place; the path is built only for a finding. */
interface Place {
  readonly key: string;
  readonly parent: Place | undefined;
}

function pathOf(place: Place | undefined): string[] {
  const path: string[] = [];
  for (let p = place; p; p = p.parent) path.push(p.key);
  return path.reverse();
}

const ZERO = 48;
const PLUS = 43;
const MINUS = 45;

function scalarFinding(node: YNode & { kind: 'scalar' }, place: Place | undefined, text: string): Finding | undefined {
  if (node.style !== 'plain') return undefined;
  // The cheap tests first: this runs on every scalar of every policy when a file opens.
  if (typeof node.value === 'string') {
    const bool = yaml11Boolean(node.value);
    if (bool === undefined || place === undefined || BOOLEAN_FIELDS.has(place.key)) return undefined;
    const raw = text.slice(node.span.start, node.span.end);
    if (raw !== node.value || isTagged(text, node.span.start)) return undefined;
    const what = describeValue(pathOf(place));
    const consequence =
      what === 'this port'
        ? 'this port is neither a number nor a port name'
        : what === 'this endPort'
          ? 'this endPort is not a number'
          : `${what} is not a string`;
    return {
      span: node.span,
      message: `kubectl reads the unquoted ${raw} as the boolean ${bool} (YAML 1.1), so ${consequence} and the object is rejected. Quote it: "${raw}".`,
    };
  }
  if (typeof node.value !== 'number') return undefined;
  const first = text.charCodeAt(node.span.start);
  if (first !== ZERO && first !== PLUS && first !== MINUS) return undefined;
  const raw = text.slice(node.span.start, node.span.end);
  const octal = octalReading(raw);
  if (!octal || isTagged(text, node.span.start)) return undefined;
  const what = describeValue(pathOf(place));
  const field = what === 'this port' ? 'port ' : what === 'this endPort' ? 'endPort ' : '';
  return {
    span: node.span,
    severity: 'warning',
    message: `kubectl reads the unquoted ${raw} as the octal number ${octal.octal} (YAML 1.1), not ${octal.decimal} as shown here, so the API server gets ${field}${octal.octal}. Write ${octal.decimalText} without the leading zero (or ${octal.octal} if that is what is meant).`,
  };
}

function policyFindings(policy: NetworkPolicy, text: string, seen: Set<YNode>, out: Finding[]): void {
  const stack: { node: YNode; place: Place | undefined }[] = [{ node: policy.node, place: undefined }];
  while (stack.length > 0) {
    const { node, place } = stack.pop()!;
    // Anchors and aliases make the tree a DAG: a shared node is reported once.
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.kind === 'scalar') {
      const finding = scalarFinding(node, place, text);
      if (finding) out.push(finding);
    } else if (node.kind === 'seq') {
      const item: Place = { key: '[]', parent: place };
      for (let i = node.items.length - 1; i >= 0; i--) stack.push({ node: node.items[i]!, place: item });
    } else {
      for (let i = node.entries.length - 1; i >= 0; i--) {
        const e = node.entries[i]!;
        stack.push({ node: e.value, place: { key: e.key, parent: place } });
      }
      for (const e of node.entries) {
        const bool = yaml11Boolean(e.key);
        // A quoted key's text differs from its value, so only plain keys match here.
        if (bool === undefined || text.slice(e.keySpan.start, e.keySpan.end) !== e.key || isTagged(text, e.keySpan.start)) continue;
        const what = describeKey(pathOf(place));
        out.push({
          span: e.keySpan,
          severity: 'warning',
          message: `kubectl reads the unquoted ${what} ${e.key} as the boolean ${bool} (YAML 1.1) and turns it into the ${what} "${bool}", so the object means something other than it shows. Quote it: "${e.key}".`,
        });
      }
    }
  }
}

function quoteFix(text: string, span: Span): Fix[] {
  const raw = text.slice(span.start, span.end);
  return [{ title: `Quote ${raw} as "${raw}" so that kubectl reads a string`, edits: [{ span, newText: JSON.stringify(raw) }], safe: true, preferred: true }];
}

function octalFixes(text: string, span: Span): Fix[] {
  const reading = octalReading(text.slice(span.start, span.end));
  if (!reading) return [];
  return [
    { title: `Write ${reading.decimalText} (the number shown, without the leading zero)`, edits: [{ span, newText: reading.decimalText }], safe: false, preferred: true },
    { title: `Write ${reading.octal} (the number kubectl reads today)`, edits: [{ span, newText: String(reading.octal) }], safe: false },
  ];
}

export default defineRule({
  meta: {
    id: 'yaml-1-1-scalar',
    title: 'Unquoted value that kubectl reads differently (YAML 1.1)',
    category: 'syntax',
    severity: 'error',
    docs: `netpol reads YAML as YAML 1.2 (the core schema of the \`yaml\` library), but kubectl and the API server convert YAML to
JSON with sigs.k8s.io/yaml, whose fork of go-yaml v2 resolves plain (unquoted) scalars by YAML 1.1 rules. In a
NetworkPolicy two differences matter:

- **yes, no, on, off, y, n** (also \`Yes\`, \`YES\`, \`On\`, \`OFF\`, \`N\`, ...) are booleans for kubectl and strings for YAML 1.2.
  Every scalar field of a NetworkPolicy that could hold them is a string (label and annotation values, names, namespaces,
  \`matchExpressions\` keys, operators and values, \`cidr\`, \`protocol\`) or an int-or-string (\`port\`), so the API server
  rejects the object (\`json: cannot unmarshal bool into Go struct field ... of type string\`) — reported as an error. As a
  map key (a label key \`on:\`), sigs.k8s.io/yaml turns the boolean into the string \`"true"\` or \`"false"\`: the object is
  accepted but selects or labels something else — reported as a warning.
- **A leading-zero integer** whose digits are all 0-7 (\`0443\`, \`010\`) is octal for go-yaml v2 (\`strconv.ParseInt\` with
  base 0: \`0443\` is 291) and decimal for YAML 1.2 (443): the API server stores a different port than the one shown —
  reported as a warning. A leading-zero number with an 8 or 9 in it is read as the same decimal number by both (go-yaml
  falls back to a float), and \`0x...\`, \`0o...\` and \`0\` mean the same in both, so they are not reported.

\`true\` and \`false\` are booleans in both versions (the schema rules report them where a string belongs), quoted and
explicitly tagged (\`!!str yes\`) scalars are strings in both, and only NetworkPolicies are checked (other kinds in the
file, such as a CI workflow's \`on:\` key, are not ours to judge).

Triggers:

\`\`\`yaml
spec:
  podSelector:
    matchLabels:
      enabled: yes        # error: a boolean where a label value (a string) belongs
      on: "1"             # warning: becomes the label key "true"
  ingress:
    - ports:
        - port: 0443      # warning: kubectl reads 291
\`\`\`

Fixed:

\`\`\`yaml
spec:
  podSelector:
    matchLabels:
      enabled: "yes"
      "on": "1"
  ingress:
    - ports:
        - port: 443
\`\`\`

Quick fixes: for yes/no/on/off, quote the value or key (safe: it changes nothing netpol shows and makes kubectl read the
same string). For an octal-looking number, write it without the leading zeros (\`443\`, what the editor shows; preferred)
or write the number kubectl reads today in decimal (\`291\`); neither is safe, since only the author knows which was meant.

Sources: kubernetes-sigs/yaml \`goyaml.v2/resolve.go\` (the YAML 1.1 resolve table and \`strconv.ParseInt(plain, 0, 64)\`);
kubernetes/kubernetes#34146 ("kubectl / kubernetes not 100% compatible with YAML 1.2"); the Kubernetes documentation page
\`concepts/configuration/overview\`, which notes that YAML 1.1 also accepts yes, no, on and off as booleans.`,
  },
  checkDocument(ctx) {
    const seen = new Set<YNode>();
    const findings: Finding[] = [];
    for (const policy of ctx.policies) policyFindings(policy, ctx.text, seen, findings);
    return findings;
  },
  fix(finding, ctx) {
    const raw = ctx.text.slice(finding.span.start, finding.span.end);
    if (yaml11Boolean(raw) !== undefined) return quoteFix(ctx.text, finding.span);
    return octalFixes(ctx.text, finding.span);
  },
});
