// The generated JSON Schema, bundled at build time, and a walker that finds the sub-schema for a path. Hover, completion and
// the schema-error messages read field documentation and known keys from here, so they never disagree with validation.
import schemaJson from '../../../schemas/networkpolicy.schema.json';

export interface JsonSchema {
  description?: string;
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  additionalProperties?: boolean | JsonSchema;
  enum?: string[];
  minimum?: number;
  maximum?: number;
}

const definitions = (schemaJson as unknown as { definitions: Record<string, JsonSchema> }).definitions;

export function resolveRef(s: JsonSchema | undefined): JsonSchema | undefined {
  let current = s;
  for (let i = 0; current?.$ref && i < 10; i++) {
    const target = definitions[current.$ref.replace('#/definitions/', '')];
    // Keep the referring field's own description, which is more specific than the type's.
    current = target && current.description ? { ...target, description: current.description } : target;
  }
  return current;
}

const networkPolicySchema: JsonSchema = resolveRef({ $ref: '#/definitions/NetworkPolicy' })!;

/** The schema at a path of keys and indices below a NetworkPolicy object; undefined when the path leaves the schema. */
export function schemaAt(path: readonly (string | number)[]): JsonSchema | undefined {
  let current: JsonSchema | undefined = networkPolicySchema;
  for (const segment of path) {
    current = resolveRef(current);
    if (!current) return undefined;
    if (typeof segment === 'number') current = current.items;
    else if (current.properties) current = current.properties[segment];
    else if (typeof current.additionalProperties === 'object') current = current.additionalProperties;
    else return undefined;
  }
  return resolveRef(current);
}

export function knownKeys(s: JsonSchema | undefined): string[] {
  return Object.keys(resolveRef(s)?.properties ?? {});
}
