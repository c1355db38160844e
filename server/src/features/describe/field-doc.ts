// Field documentation for hover and completion: the upstream OpenAPI description from the bundled schema, the field's type
// and its API default, with a link to the Kubernetes docs page.
import { resolveRef, schemaAt, type JsonSchema } from '../../schema/schema';
import type { PathSegment } from '../../syntax/text-context';

export const DOCS_URL = 'https://kubernetes.io/docs/concepts/services-networking/network-policies/';

/** Defaults the API server applies, keyed by the field name (the same field name never means two things here). */
const DEFAULTS: Readonly<Record<string, string>> = {
  protocol: '`TCP` (per port entry).',
  policyTypes: '`[Ingress]`, plus `Egress` when the policy has a non-empty `egress` list.',
  from: 'missing or empty: every source.',
  to: 'missing or empty: every destination.',
  ports: 'missing or empty: all ports.',
};

function typeText(s: JsonSchema | undefined): string | undefined {
  if (!s?.type) return undefined;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('array')) {
    const item = resolveRef(s.items)?.type;
    return item && !Array.isArray(item) ? `list of ${item === 'object' ? 'objects' : `${item}s`}` : 'list';
  }
  return types.join(' or ');
}

/** The name of the field a path ends in (the key before trailing indices). */
function fieldName(path: readonly PathSegment[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** Markdown for a field: description, type, default. Undefined when the path is not in the schema. */
export function fieldDoc(path: readonly PathSegment[]): string | undefined {
  const schema = schemaAt(path);
  const name = fieldName(path);
  if (!schema || name === undefined) return undefined;
  const parts: string[] = [];
  // List items have no description of their own; the list's says what they are.
  const description = schema.description ?? (typeof path[path.length - 1] === 'number' ? schemaAt(path.slice(0, -1))?.description : undefined);
  if (description) parts.push(description);
  const facts: string[] = [];
  const type = typeText(schema);
  if (type) facts.push(`Type: ${type}.`);
  const trailingIndex = typeof path[path.length - 1] === 'number';
  if (!trailingIndex && DEFAULTS[name]) facts.push(`Default: ${DEFAULTS[name]}`);
  if (facts.length) parts.push(facts.join(' '));
  return parts.length ? parts.join('\n\n') : undefined;
}

export function docsLink(): string {
  return `[Kubernetes docs: Network Policies](${DOCS_URL})`;
}
