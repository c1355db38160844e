// The fuzzer's inputs as fast-check arbitraries: mutations of real corpus documents, policies generated from the
// NetworkPolicy JSON Schema (valid, and with one mutation that makes them invalid), multi-document files of both, and
// cursor positions. Mutations are plain data (positions as fractions of the text), so fast-check shrinks them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { splitDocuments } from '../../server/src/syntax/split';
import { yamlFiles } from '../support/files';

const root = join(import.meta.dirname, '../..');

/** Corpus documents above this size make a case slow without exercising anything new. */
const MAX_DOCUMENT_CHARS = 3000;

let corpusMemo: { policies: string[]; others: string[] } | undefined;

/** The documents of test/corpus, split as the service splits them: NetworkPolicies, and every other kind. */
export function corpusDocuments(): { policies: string[]; others: string[] } {
  if (corpusMemo) return corpusMemo;
  const policies: string[] = [];
  const others: string[] = [];
  for (const file of yamlFiles(join(root, 'test', 'corpus'))) {
    for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
      if (chunk.text.length > MAX_DOCUMENT_CHARS || chunk.text.trim() === '') continue;
      (/kind:\s*NetworkPolicy\b/.test(chunk.text) ? policies : others).push(chunk.text);
    }
  }
  return (corpusMemo = { policies, others });
}

/** Characters that mean something to YAML, to the rules or to offset arithmetic: the alphabet of inserted text. */
const SPECIAL = [':', '-', ' ', '#', '{', '}', '[', ']', ',', '"', "'", '&', '*', '!', '|', '>', '?', '%', '@', '`', '~', '\t', '\n', '\r', '\r\n', '\0', '\uFEFF', '\uD800', '\uDC00', '\u{1F600}', 'é', '\u2028', '0', '/', '.', '---\n', '...\n', '{{', '}}', 'null', 'yes', '<<: *a\n'];

const char = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 3 }) });
const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

export type Mutation =
  | { kind: 'delete-line' | 'duplicate-line' | 'tab-indent'; at: number }
  | { kind: 'swap-lines'; at: number; other: number }
  | { kind: 'reindent'; at: number; by: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'insert' | 'replace'; at: number; text: string }
  | { kind: 'crlf' | 'bom' | 'nul' | 'lone-cr' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constantFrom('delete-line' as const, 'duplicate-line' as const, 'tab-indent' as const), at: fraction }),
  fc.record({ kind: fc.constant('swap-lines' as const), at: fraction, other: fraction }),
  fc.record({ kind: fc.constant('reindent' as const), at: fraction, by: fc.integer({ min: -4, max: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fraction }),
  fc.record({ kind: fc.constantFrom('insert' as const, 'replace' as const), at: fraction, text: char }),
  fc.record({ kind: fc.constantFrom('crlf' as const, 'bom' as const, 'nul' as const, 'lone-cr' as const) }),
);

/** Applies one mutation; positions are fractions of the current text (or of its lines). */
export function mutate(text: string, m: Mutation): string {
  const lines = text.split('\n');
  const line = (f: number) => Math.floor(f * lines.length);
  const offset = (f: number) => Math.floor(f * (text.length + 1));
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, i) => i !== line(m.at)).join('\n');
    case 'duplicate-line':
      return lines.flatMap((l, i) => (i === line(m.at) ? [l, l] : [l])).join('\n');
    case 'tab-indent':
      return lines.map((l, i) => (i === line(m.at) ? l.replace(/^ {1,2}/, '\t') : l)).join('\n');
    case 'swap-lines': {
      const a = line(m.at);
      const b = line(m.other);
      const out = lines.slice();
      [out[a], out[b]] = [lines[b]!, lines[a]!];
      return out.join('\n');
    }
    case 'reindent':
      return lines.map((l, i) => (i !== line(m.at) ? l : m.by >= 0 ? ' '.repeat(m.by) + l : l.replace(new RegExp(`^ {0,${-m.by}}`), ''))).join('\n');
    case 'truncate':
      return text.slice(0, offset(m.at));
    case 'insert':
      return text.slice(0, offset(m.at)) + m.text + text.slice(offset(m.at));
    case 'replace':
      return text.slice(0, offset(m.at)) + m.text + text.slice(offset(m.at) + 1);
    case 'crlf':
      return text.replace(/\r?\n/g, '\r\n');
    case 'bom':
      return `\uFEFF${text}`;
    case 'nul':
      return text.replace(/: /, ':\0 ');
    case 'lone-cr':
      return text.replace(/\n/, '\r');
  }
}

/** A real corpus document (a NetworkPolicy most of the time) with one to four mutations. */
export function mutatedCorpusDocument(): fc.Arbitrary<{ source: string; mutations: Mutation[]; text: string }> {
  const { policies, others } = corpusDocuments();
  const source = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...policies) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
  return fc.tuple(source, fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([source, mutations]) => ({ source, mutations, text: mutations.reduce(mutate, source) }));
}

// ---- Policies generated from the schema ----

interface SchemaNode {
  type?: string | string[];
  properties?: Record<string, SchemaNode>;
  additionalProperties?: SchemaNode | boolean;
  items?: SchemaNode;
  required?: string[];
  $ref?: string;
  minimum?: number;
  maximum?: number;
}

const schema = JSON.parse(readFileSync(join(root, 'schemas', 'networkpolicy.schema.json'), 'utf8')) as { definitions: Record<string, SchemaNode> };

/** Field names whose values are drawn from realistic pools, so that generated policies reach the rules behind the schema. */
const STRING_POOLS: Record<string, readonly string[]> = {
  cidr: ['10.0.0.0/8', '192.168.1.0/24', '0.0.0.0/0', '169.254.169.254/32', '2001:db8::/64', '::/0', '10.0.0.1/8', '300.1.1.1/8', 'fd00::1/128', '10.0.0.0'],
  except: ['10.1.0.0/16', '192.168.1.128/25', '169.254.0.0/16', '11.0.0.0/8'],
  operator: ['In', 'NotIn', 'Exists', 'DoesNotExist', 'in', 'Equals'],
  protocol: ['TCP', 'UDP', 'SCTP', 'tcp', 'ICMP'],
  policyTypes: ['Ingress', 'Egress', 'ingress', 'Both'],
  name: ['api', 'allow-dns', 'default-deny', 'Bad_Name', 'a'.repeat(70)],
  namespace: ['prod', 'kube-system', 'default', 'Prod'],
  key: ['app', 'tier', 'kubernetes.io/metadata.name', 'k8s-app', 'bad key', 'a/b/c'],
  values: ['web', 'backend', 'kube-system', '', 'x'.repeat(70)],
  port: ['http', 'dns', 'metrics', 'Bad_Port', 'a-very-long-port-name'],
  apiVersion: ['networking.k8s.io/v1', 'extensions/v1beta1', 'v1'],
};

const LABEL_KEYS = ['app', 'tier', 'role', 'kubernetes.io/metadata.name', 'app.kubernetes.io/name', 'k8s-app', 'bad key'];
const LABEL_VALUES = ['web', 'db', 'frontend', 'kube-system', 'monitoring', '', 'not valid!'];
const SKIPPED_FIELDS = new Set(['managedFields', 'ownerReferences', 'creationTimestamp', 'deletionTimestamp', 'generation', 'deletionGracePeriodSeconds', 'selfLink', 'uid', 'resourceVersion', 'generateName', 'finalizers']);

function resolve(node: SchemaNode): SchemaNode {
  return node.$ref ? resolve(schema.definitions[node.$ref.replace('#/definitions/', '')]!) : node;
}

/** A value valid for the schema node, named `field` in its parent (which picks the pool its strings come from). */
function valueOf(node: SchemaNode, field: string, depth: number): fc.Arbitrary<unknown> {
  const n = resolve(node);
  const types = Array.isArray(n.type) ? n.type : [n.type ?? 'object'];
  const choices = types.map((type): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return STRING_POOLS[field] ? fc.constantFrom(...STRING_POOLS[field]!) : fc.constantFrom('x', 'value', 'a b');
      case 'integer':
        return field === 'port' || field === 'endPort' ? fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(0, 53, 80, 443, 65536, -1)) : fc.integer({ min: 0, max: 100 });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 6 ? fc.constant([]) : fc.array(valueOf(n.items ?? {}, field, depth + 1), { maxLength: field === 'policyTypes' ? 2 : 3 });
      default:
        return objectOf(n, depth);
    }
  });
  return choices.length === 1 ? choices[0]! : fc.oneof(...choices);
}

function objectOf(n: SchemaNode, depth: number): fc.Arbitrary<unknown> {
  if (n.additionalProperties && typeof n.additionalProperties === 'object') {
    return fc.dictionary(fc.constantFrom(...LABEL_KEYS), fc.constantFrom(...LABEL_VALUES), { maxKeys: 3 });
  }
  const properties = Object.entries(n.properties ?? {}).filter(([k]) => !SKIPPED_FIELDS.has(k));
  if (properties.length === 0 || depth > 6) return fc.constant({});
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, child] of properties) record[key] = valueOf(child, key, depth + 1);
  return fc.record(record, { requiredKeys: (n.required ?? []).filter((k) => k in record) });
}

/** A NetworkPolicy valid for the schema (apiVersion and kind set most of the time, so that it is one). */
export const schemaPolicy: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    objectOf(resolve({ $ref: '#/definitions/NetworkPolicySpec' }), 1),
    objectOf(resolve({ $ref: '#/definitions/ObjectMeta' }), 1),
    fc.constantFrom(...STRING_POOLS.apiVersion!),
  )
  .map(([spec, metadata, apiVersion]) => ({ apiVersion, kind: 'NetworkPolicy', metadata, spec }));

export type SchemaMutation =
  | { kind: 'unknown-field'; at: number; name: string }
  | { kind: 'wrong-type'; at: number; value: unknown }
  | { kind: 'drop-required'; at: number };

export const schemaMutation: fc.Arbitrary<SchemaMutation> = fc.oneof(
  fc.record({ kind: fc.constant('unknown-field' as const), at: fraction, name: fc.constantFrom('podSelectr', 'form', 'port', 'extra', 'ipblock') }),
  fc.record({ kind: fc.constant('wrong-type' as const), at: fraction, value: fc.constantFrom(42, 'text', true, [1], { a: 1 }) }),
  fc.record({ kind: fc.constant('drop-required' as const), at: fraction }),
);

/** The policy with one schema mutation, applied at the `at`-th of its objects (in document order). */
export function mutatePolicy(policy: Record<string, unknown>, m: SchemaMutation): Record<string, unknown> {
  const copy = structuredClone(policy);
  const objects: Record<string, unknown>[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      objects.push(v as Record<string, unknown>);
      Object.values(v).forEach(walk);
    }
  };
  walk(copy);
  const target = objects[Math.floor(m.at * objects.length)]!;
  const keys = Object.keys(target);
  if (m.kind === 'unknown-field') target[m.name] = 'x';
  else if (keys.length === 0) target.unexpected = m.kind === 'wrong-type' ? m.value : 1;
  else {
    const key = keys[Math.floor(m.at * 7919) % keys.length]!;
    if (m.kind === 'wrong-type') target[key] = m.value;
    else delete target[key];
  }
  return copy;
}

/** YAML text of a value, in block or flow style, with plain or quoted strings. */
export const yamlStyle = fc.record({ flow: fc.boolean(), quote: fc.constantFrom('PLAIN' as const, 'QUOTE_DOUBLE' as const, 'QUOTE_SINGLE' as const), indent: fc.constantFrom(2, 4) });

export function toYaml(value: unknown, style: { flow: boolean; quote: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE'; indent: number }): string {
  return stringify(value, { collectionStyle: style.flow ? 'flow' : 'block', defaultStringType: style.quote, defaultKeyType: 'PLAIN', indent: style.indent, lineWidth: 0 });
}

/** A generated policy as YAML, either valid for the schema or with one mutation. */
export const generatedPolicyText: fc.Arbitrary<{ valid: boolean; text: string }> = fc
  .tuple(schemaPolicy, fc.option(schemaMutation, { freq: 2 }), yamlStyle)
  .map(([policy, m, style]) => ({ valid: m === null, text: toYaml(m === null ? policy : mutatePolicy(policy, m), style) }));

/** A file of two to five documents: mutated corpus documents and generated policies, with assorted separators. */
export function multiDocumentFile(): fc.Arbitrary<string> {
  const part = fc.oneof(
    mutatedCorpusDocument().map((d) => d.text),
    generatedPolicyText.map((g) => g.text),
    fc.constantFrom(...corpusDocuments().policies),
  );
  const separator = fc.constantFrom('---\n', '--- # next\n', '...\n---\n', '---\r\n', '---');
  return fc.array(fc.tuple(part, separator), { minLength: 2, maxLength: 5 }).map((parts) =>
    parts.map(([text, sep], i) => (i === 0 ? text : (text.startsWith('---') ? '' : sep) + text)).map((t, i, all) => (i < all.length - 1 && !t.endsWith('\n') ? `${t}\n` : t)).join(''),
  );
}

/** Cursor positions as fractions of the text, plus its very end. */
export const cursors = fc.array(fraction, { minLength: 1, maxLength: 3 });

export function cursorOffsets(text: string, fractions: readonly number[]): number[] {
  return [...fractions.map((f) => Math.floor(f * (text.length + 1))), text.length];
}
