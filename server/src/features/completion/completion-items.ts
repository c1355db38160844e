// What to offer at a path below a NetworkPolicy object: keys from the schema (minus those present), enum values, label keys
// and the namespaces and label values the file already uses (`facts` is only computed where needed). Pure data;
// completion.ts turns it into LSP items.
import { CompletionItemKind } from 'vscode-languageserver-types';
import { resolveRef, schemaAt, type JsonSchema } from '../../schema/schema';
import type { PathSegment } from '../../syntax/text-context';
import { docsLink, fieldDoc } from '../describe/field-doc';
import type { FileFacts } from './file-facts';
import { WELL_KNOWN_LABELS } from '../describe/labels';

export interface CompletionCandidate {
  readonly label: string;
  readonly kind: CompletionItemKind;
  readonly insert: string;
  readonly detail?: string;
  readonly documentation?: string;
  /** Open the suggestions again after inserting (a key whose value has a fixed set of choices). */
  readonly retrigger?: boolean;
}

/** metadata fields a user writes; the rest (uid, managedFields, ...) are set by the API server. */
const METADATA_KEYS = ['name', 'namespace', 'labels', 'annotations'];

const ENUMS: Readonly<Record<string, readonly { value: string; doc: string }[]>> = {
  protocol: [
    { value: 'TCP', doc: 'TCP (the default when `protocol` is left out).' },
    { value: 'UDP', doc: 'UDP: DNS (53) needs it, with TCP for large answers.' },
    { value: 'SCTP', doc: 'SCTP (GA since Kubernetes 1.20); the CNI plugin must support it.' },
  ],
  operator: [
    { value: 'In', doc: 'The label has one of `values`.' },
    { value: 'NotIn', doc: 'The label is missing or has none of `values`.' },
    { value: 'Exists', doc: 'The label is present (leave `values` out).' },
    { value: 'DoesNotExist', doc: 'The label is absent (leave `values` out).' },
  ],
  policyTypes: [
    { value: 'Ingress', doc: 'The selected pods are isolated for incoming traffic; the `ingress` rules say what gets in.' },
    { value: 'Egress', doc: 'The selected pods are isolated for outgoing traffic; the `egress` rules say what gets out.' },
  ],
};

const ROOT_VALUES: Readonly<Record<string, readonly { value: string; doc: string }[]>> = {
  apiVersion: [{ value: 'networking.k8s.io/v1', doc: 'The only served NetworkPolicy API version (extensions/v1beta1 was removed in Kubernetes 1.16).' }],
  kind: [{ value: 'NetworkPolicy', doc: 'A namespaced policy selecting pods and the traffic they may receive and send.' }],
};

export interface KeyPlace {
  /** Keys the mapping already has. */
  readonly siblings: readonly string[];
  /** Column of the key, for the indentation of what goes below it in block style. */
  readonly column: number;
  /** A flow mapping: keys are written `key: ` on the same line whatever their value. */
  readonly flow: boolean;
  /** For a `- partial` line in a list that turns out to hold scalars: what valueItems needs. */
  readonly itemSiblings: readonly string[];
  readonly itemOwnerFields: ReadonlyMap<string, string>;
}

export interface ValuePlace {
  /** Items already in the list, for a list item. */
  readonly siblingValues: readonly string[];
  /** The scalar fields beside the value's key (for a list item, beside the list's key). */
  readonly ownerFields: ReadonlyMap<string, string>;
}

export function keyItems(path: readonly PathSegment[], ctx: KeyPlace, facts: () => FileFacts): CompletionCandidate[] {
  const present = new Set(ctx.siblings);
  const last = path[path.length - 1];
  if (last === 'matchLabels') return labelKeyItems(path, facts).filter((c) => !present.has(c.label));
  if (path[0] === 'metadata') {
    if (path.length !== 1) return [];
    return METADATA_KEYS.filter((k) => !present.has(k)).map((k) => keyCandidate(path, k, ctx));
  }
  const schema = schemaAt(path);
  if (!schema) return [];
  // A `- partial` line in a list of scalars is a value, not a key.
  if (typeof last === 'number' && schema.type !== 'object' && !schema.properties) return valueItems(path, { siblingValues: ctx.itemSiblings, ownerFields: ctx.itemOwnerFields }, facts);
  // A key typed under a list key without its `-` yet: offer the items' keys with the dash (a flow mapping is no list).
  if (schema.type === 'array') {
    const item = resolveRef(schema.items);
    if (!item?.properties || ctx.flow) return [];
    return Object.keys(item.properties).map((k) => {
      const c = keyCandidate([...path, 0], k, { flow: false, column: ctx.column + 2 });
      return { ...c, label: `- ${k}`, insert: `- ${c.insert}` };
    });
  }
  return Object.keys(schema.properties ?? {})
    .filter((k) => !present.has(k))
    .map((k) => keyCandidate(path, k, ctx));
}

function keyCandidate(path: readonly PathSegment[], key: string, place: { flow: boolean; column: number }): CompletionCandidate {
  const field = schemaAt([...path, key]);
  const doc = fieldDoc([...path, key]);
  return {
    label: key,
    kind: CompletionItemKind.Property,
    insert: place.flow ? `${key}: ` : keyInsert(key, field, place.column),
    ...(field?.type ? { detail: Array.isArray(field.type) ? field.type.join(' | ') : field.type } : {}),
    documentation: [doc, docsLink()].filter(Boolean).join('\n\n'),
    ...(ENUMS[key] || (path.length === 0 && ROOT_VALUES[key]) ? { retrigger: true } : {}),
  };
}

/** `key: ` for scalars, `key:` and an indented line for mappings, `key:` and an indented `- ` for lists. */
function keyInsert(key: string, field: JsonSchema | undefined, column: number): string {
  const indent = ' '.repeat(column + 2);
  if (field?.type === 'array') return `${key}:\n${indent}- `;
  if (field?.type === 'object') return `${key}:\n${indent}`;
  return `${key}: `;
}

/** In a selector's matchLabels: well-known keys first, then keys the file uses (namespace or pod labels as fits). */
function labelKeyItems(path: readonly PathSegment[], facts: () => FileFacts): CompletionCandidate[] {
  const namespace = lastSelector(path) === 'namespaceSelector';
  const known = namespace ? WELL_KNOWN_LABELS : WELL_KNOWN_LABELS.filter((l) => l.key !== 'kubernetes.io/metadata.name');
  const used = [...(namespace ? facts().namespaceLabels : facts().podLabels).keys()].filter((k) => !known.some((l) => l.key === k));
  return [
    ...known.map((l) => ({ label: l.key, kind: CompletionItemKind.Property, insert: `${l.key}: `, detail: 'well-known label', documentation: l.doc })),
    ...used.map((k) => {
      const values = (namespace ? facts().namespaceLabels : facts().podLabels).get(k) ?? [];
      const seen = values.length ? ` with ${values.map((v) => `\`${v}\``).join(', ')}` : '';
      return { label: k, kind: CompletionItemKind.Property, insert: `${k}: `, detail: 'label used in this file', documentation: `A ${namespace ? 'namespace' : 'pod'} label key other selectors in this file use${seen}.` };
    }),
  ];
}

function lastSelector(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (path[i] === 'podSelector' || path[i] === 'namespaceSelector') return path[i] as string;
  return undefined;
}

export function valueItems(path: readonly PathSegment[], ctx: ValuePlace, facts: () => FileFacts): CompletionCandidate[] {
  const last = path[path.length - 1];
  const parent = path[path.length - 2];
  const enumItems = (values: readonly { value: string; doc: string }[]) =>
    values.map((v) => ({ label: v.value, kind: CompletionItemKind.EnumMember, insert: v.value, documentation: v.doc }));
  if (path.length === 1 && typeof last === 'string' && ROOT_VALUES[last]) return enumItems(ROOT_VALUES[last]!);
  if (last === 'protocol' && parent !== undefined) return enumItems(ENUMS.protocol!);
  if (last === 'operator' && parent !== undefined) return enumItems(ENUMS.operator!);
  if (typeof last === 'number' && parent === 'policyTypes' && path.length === 3) {
    return enumItems(ENUMS.policyTypes!.filter((v) => !ctx.siblingValues.includes(v.value)));
  }
  if (last === 'policyTypes' && path.length === 2) {
    return ['[Ingress]', '[Egress]', '[Ingress, Egress]'].map((v) => ({ label: v, kind: CompletionItemKind.Value, insert: v, documentation: 'Which directions this policy isolates.' }));
  }
  if (path.length === 2 && path[0] === 'metadata' && last === 'namespace') return namespaceItems(facts);
  if (parent === 'matchLabels' && typeof last === 'string') return labelValueItems(path, last, facts);
  // An item of a requirement's `values`: the values of its `key` (path: ..., matchExpressions, i, values, j).
  if (typeof last === 'number' && parent === 'values' && path[path.length - 4] === 'matchExpressions') {
    const key = ctx.ownerFields.get('key');
    if (key === undefined || key === '') return [];
    return labelValueItems(path, key, facts).filter((c) => !ctx.siblingValues.includes(c.label));
  }
  if (last === 'key' && path[path.length - 3] === 'matchExpressions') return labelKeyItems(path, facts).map((c) => ({ ...c, insert: c.label }));
  return [];
}

/** Values for label `key` in the selector on `path`: namespace names for `kubernetes.io/metadata.name`, else those used. */
function labelValueItems(path: readonly PathSegment[], key: string, facts: () => FileFacts): CompletionCandidate[] {
  if (key === 'kubernetes.io/metadata.name') return namespaceItems(facts);
  const labels = lastSelector(path) === 'namespaceSelector' ? facts().namespaceLabels : facts().podLabels;
  return (labels.get(key) ?? []).map((v) => ({
    label: v,
    kind: CompletionItemKind.Value,
    insert: v,
    detail: `${key} value used in this file`,
    documentation: `Another selector in this file matches \`${key}=${v}\`.`,
  }));
}

function namespaceItems(facts: () => FileFacts): CompletionCandidate[] {
  return facts().namespaces.map((n) => ({
    label: n,
    kind: CompletionItemKind.Value,
    insert: n,
    detail: 'namespace used in this file',
    documentation: `Namespace \`${n}\` appears in this file (as a policy's namespace or selected by \`kubernetes.io/metadata.name\`).`,
  }));
}
