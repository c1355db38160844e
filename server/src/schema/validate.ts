// Runs the ahead-of-time compiled validator over a policy and turns ajv's errors into problems for people: one per field,
// each on the narrowest span (the key of an unknown field, the value of a wrongly typed one, the parent key of a missing one).
import { validateNetworkPolicy, type GeneratedError } from './validate.generated.js';
import { knownKeys, schemaAt } from './schema';
import type { Span } from '../syntax/span';
import type { YEntry, YMap, YNode } from '../syntax/tree';
import { closestName } from './suggest';

export type SchemaProblemKind = 'unknown-field' | 'invalid-type' | 'required-field';

export interface SchemaProblem {
  readonly kind: SchemaProblemKind;
  readonly span: Span;
  readonly message: string;
  /** Path below the policy object, e.g. ['spec', 'ingress', 0]. */
  readonly path: readonly (string | number)[];
  /** For unknown fields: the field name and the closest known name, if one is close. */
  readonly field?: string;
  readonly suggestion?: string;
}

export function validatePolicyNode(node: YMap): SchemaProblem[] {
  const value = toValidationValue(node);
  if (validateNetworkPolicy(value)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validateNetworkPolicy.errors ?? []) {
    const problem = toProblem(node, error);
    if (!problem) continue;
    const id = `${problem.kind}:${problem.span.start}:${problem.span.end}:${problem.field ?? ''}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}

/**
 * A JSON value as Kubernetes' decoder sees it: a null field is an unset field, so it is left out — unless the field is
 * unknown, which strict field validation rejects whatever its value. Null list items stay, as empty objects.
 */
function toValidationValue(node: YNode, path: (string | number)[] = []): unknown {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((i, index) => (i.kind === 'scalar' && i.value === null ? {} : toValidationValue(i, [...path, index])));
    case 'map': {
      const out: Record<string, unknown> = {};
      let known: Set<string> | undefined;
      for (const e of node.entries) {
        if (e.value.kind === 'scalar' && e.value.value === null) {
          known ??= closedKeys(path);
          if (!known || known.has(e.key)) continue;
          out[e.key] = null;
        } else {
          out[e.key] = toValidationValue(e.value, [...path, e.key]);
        }
      }
      return out;
    }
  }
}

/** The fields a closed object of the schema has at this path; undefined for maps with free keys (labels...). */
function closedKeys(path: readonly (string | number)[]): Set<string> | undefined {
  const schema = schemaAt(path);
  return schema?.properties && schema.additionalProperties === false ? new Set(Object.keys(schema.properties)) : undefined;
}

interface Located {
  node: YNode;
  entry?: YEntry;
  path: (string | number)[];
}

function locate(root: YMap, instancePath: string): Located | undefined {
  const segments = instancePath === '' ? [] : instancePath.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  let current: Located = { node: root, path: [] };
  for (const segment of segments) {
    if (current.node.kind === 'map') {
      let found: YEntry | undefined;
      for (const e of current.node.entries) if (e.key === segment) found = e;
      if (!found) return undefined;
      current = { node: found.value, entry: found, path: [...current.path, segment] };
    } else if (current.node.kind === 'seq') {
      const item = current.node.items[Number(segment)];
      if (!item) return undefined;
      current = { node: item, path: [...current.path, Number(segment)] };
    } else {
      return undefined;
    }
  }
  return current;
}

function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the NetworkPolicy';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function fieldName(located: Located): string {
  const last = [...located.path].reverse().find((p) => typeof p === 'string');
  const index = located.path[located.path.length - 1];
  return typeof index === 'number' ? `${String(last ?? 'item')}[${index}]` : String(last ?? 'value');
}

function toProblem(root: YMap, error: GeneratedError): SchemaProblem | undefined {
  const located = locate(root, error.instancePath);
  if (!located) return undefined;
  switch (error.keyword) {
    case 'additionalProperties': {
      const field = String(error.params.additionalProperty);
      const parent = located.node;
      if (parent.kind !== 'map') return undefined;
      const e = [...parent.entries].reverse().find((x) => x.key === field);
      if (!e) return undefined;
      const present = new Set(parent.entries.map((x) => x.key));
      const suggestion = closestName(field, knownKeys(schemaAt(located.path)).filter((k) => !present.has(k)));
      const where = located.path.length === 0 ? 'the NetworkPolicy' : describePath(located.path);
      const message = suggestion
        ? `Unknown field "${field}" in ${where}. Did you mean "${suggestion}"?`
        : `Unknown field "${field}" in ${where}. Known fields: ${knownKeys(schemaAt(located.path)).join(', ')}.`;
      return { kind: 'unknown-field', span: e.keySpan, message, path: [...located.path, field], field, ...(suggestion ? { suggestion } : {}) };
    }
    case 'required': {
      const missing = String(error.params.missingProperty);
      // The key of the mapping that lacks the field; for a list item, which has no key, its first key.
      const first = located.node.kind === 'map' ? located.node.entries[0] : undefined;
      const span = located.entry ? located.entry.keySpan : first ? first.keySpan : { start: located.node.span.start, end: located.node.span.start + 1 };
      return {
        kind: 'required-field',
        span,
        message: `Missing required field "${missing}" in ${describePath(located.path)}. Add "${missing}:".`,
        path: [...located.path, missing],
        field: missing,
      };
    }
    case 'type': {
      const expected = error.params.type as string | string[];
      const name = fieldName(located);
      return {
        kind: 'invalid-type',
        span: valueSpan(located),
        message: `"${name}" must be ${describeType(expected, located.path)}, got ${describeValue(located.node)}.`,
        path: located.path,
      };
    }
    case 'minimum':
    case 'maximum':
      return {
        kind: 'invalid-type',
        span: valueSpan(located),
        message: `"${fieldName(located)}" is out of range for a 32-bit integer.`,
        path: located.path,
      };
    case 'enum':
      return {
        kind: 'invalid-type',
        span: valueSpan(located),
        message: `"${fieldName(located)}" must be one of ${((error.params.allowedValues as string[]) ?? []).map((v) => `"${v}"`).join(', ')}.`,
        path: located.path,
      };
    default:
      return {
        kind: 'invalid-type',
        span: valueSpan(located),
        message: `"${fieldName(located)}" is not valid here (${error.keyword}).`,
        path: located.path,
      };
  }
}

function valueSpan(located: Located): Span {
  const s = located.node.span;
  // An empty value has an empty span; point at the key instead so the squiggle is visible.
  return s.start === s.end && located.entry ? located.entry.keySpan : s;
}

function describeType(expected: string | string[], path: readonly (string | number)[]): string {
  const types = Array.isArray(expected) ? expected : expected.split(',');
  const last = path[path.length - 1];
  if (types.includes('integer') && types.includes('string')) return last === 'port' ? 'an integer or a port name' : 'an integer or a string';
  return types.map((t) => TYPE_NAMES[t] ?? t).join(' or ');
}

const TYPE_NAMES: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
};

function describeValue(node: YNode): string {
  switch (node.kind) {
    case 'map':
      return 'a mapping';
    case 'seq':
      return 'a list';
    case 'scalar':
      if (node.value === null) return 'an empty value';
      if (typeof node.value === 'number') return Number.isInteger(node.value) ? `the number ${node.value}` : `the number ${node.value} (not an integer)`;
      if (typeof node.value === 'boolean') return `the boolean ${node.value}`;
      return `the string "${node.value.length > 40 ? `${node.value.slice(0, 40)}…` : node.value}"`;
  }
}
