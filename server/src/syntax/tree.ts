// A small, immutable YAML value tree with spans, converted once from the `yaml` library's AST so that neither the AST nor the
// CST is kept for documents that are not being edited. Aliases point at the anchored node (a DAG, never expanded copies).
import { isAlias, isMap, isPair, isScalar, isSeq, Scalar, type Document, type Node as YamlNode } from 'yaml';
import type { Span } from './span';

export type ScalarStyle = 'plain' | 'single' | 'double' | 'block';

export interface YScalar {
  readonly kind: 'scalar';
  readonly span: Span;
  /** The resolved value (YAML 1.2 core schema): string, number, boolean or null. */
  readonly value: string | number | boolean | null;
  readonly style: ScalarStyle;
  /** True for an empty value (`key:` with nothing after it). */
  readonly empty: boolean;
}

export interface YEntry {
  readonly key: string;
  readonly keySpan: Span;
  /** The value; an empty value is a null scalar with an empty span right after the colon. */
  readonly value: YNode;
  /** From the start of the key to the end of the value. */
  readonly span: Span;
}

export interface YMap {
  readonly kind: 'map';
  readonly span: Span;
  readonly entries: readonly YEntry[];
  readonly flow: boolean;
}

export interface YSeq {
  readonly kind: 'seq';
  readonly span: Span;
  readonly items: readonly YNode[];
  readonly flow: boolean;
}

export type YNode = YScalar | YMap | YSeq;

export interface TreeResult {
  readonly root: YNode | null;
  /** Number of nodes a full expansion of aliases would visit; large values mean an alias bomb. */
  readonly expandedSize: number;
}

/** Converts a parsed document; offsets are shifted by `base` (the chunk's offset in the file). */
export function toTree(doc: Document, base: number): TreeResult {
  const converted = new Map<YamlNode, { node: YNode; size: number }>();
  const inProgress = new Set<YamlNode>();

  const s = (range: readonly number[] | null | undefined, fallback: number): Span =>
    range ? { start: range[0]! + base, end: range[1]! + base } : { start: fallback + base, end: fallback + base };

  function convert(node: unknown, fallback: number): { node: YNode; size: number } {
    if (isAlias(node)) {
      const target = node.resolve(doc);
      if (!target || inProgress.has(target)) return { node: nullScalar(s(node.range, fallback)), size: 1 };
      return convert(target, fallback);
    }
    if (node && typeof node === 'object' && converted.has(node as YamlNode)) return converted.get(node as YamlNode)!;
    let result: { node: YNode; size: number };
    if (isMap(node)) {
      inProgress.add(node);
      const entries: YEntry[] = [];
      let size = 1;
      const mapRange = node.range ?? [fallback, fallback, fallback];
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyStart = keyNode?.range?.[0] ?? mapRange[0];
        const keySpan = s(keyNode?.range, keyStart);
        const key = isScalar(keyNode) ? String(keyNode.value) : keyNode == null ? '' : String(keyNode);
        const afterKey = keyNode?.range?.[1] ?? keyStart;
        const value = pair.value == null ? { node: nullScalar(s(null, afterKey)), size: 1 } : convert(pair.value, afterKey);
        size += value.size;
        entries.push({ key, keySpan, value: value.node, span: { start: keySpan.start, end: Math.max(keySpan.end, value.node.span.end) } });
      }
      inProgress.delete(node);
      result = { node: { kind: 'map', span: s(node.range, fallback), entries, flow: Boolean(node.flow) }, size };
    } else if (isSeq(node)) {
      inProgress.add(node);
      const items: YNode[] = [];
      let size = 1;
      const start = node.range?.[0] ?? fallback;
      for (const item of node.items) {
        const c = convert(item, start);
        size += c.size;
        items.push(c.node);
      }
      inProgress.delete(node);
      result = { node: { kind: 'seq', span: s(node.range, fallback), items, flow: Boolean(node.flow) }, size };
    } else if (isScalar(node)) {
      result = { node: scalar(node, s(node.range, fallback)), size: 1 };
    } else {
      result = { node: nullScalar(s(null, fallback)), size: 1 };
    }
    if (node && typeof node === 'object') converted.set(node as YamlNode, result);
    return result;
  }

  if (doc.contents == null) return { root: null, expandedSize: 0 };
  const { node, size } = convert(doc.contents, 0);
  return { root: node, expandedSize: size };
}

function scalar(node: Scalar, span: Span): YScalar {
  const raw = node.value;
  const value: YScalar['value'] =
    raw === null || raw === undefined ? null : typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' ? raw : String(raw);
  const style: ScalarStyle =
    node.type === Scalar.QUOTE_SINGLE ? 'single' : node.type === Scalar.QUOTE_DOUBLE ? 'double' : node.type === Scalar.BLOCK_FOLDED || node.type === Scalar.BLOCK_LITERAL ? 'block' : 'plain';
  const empty = value === null && span.start === span.end;
  return { kind: 'scalar', span, value, style, empty };
}

function nullScalar(span: Span): YScalar {
  return { kind: 'scalar', span, value: null, style: 'plain', empty: true };
}

/** The entry for `key` in a map node (the last one if the key is duplicated, as Kubernetes' decoder does). */
export function entry(node: YNode | null | undefined, key: string): YEntry | undefined {
  if (!node || node.kind !== 'map') return undefined;
  let found: YEntry | undefined;
  for (const e of node.entries) if (e.key === key) found = e;
  return found;
}

export function get(node: YNode | null | undefined, key: string): YNode | undefined {
  return entry(node, key)?.value;
}

/** The value of a scalar node (null for `~`/empty); undefined for a map, a sequence or no node. The one accessor of a node's value. */
export function scalarValue(node: YNode | null | undefined): string | number | boolean | null | undefined {
  return node?.kind === 'scalar' ? node.value : undefined;
}

/** A non-null scalar as text (`8080` → "8080"); undefined for null, a collection or no node. */
export function scalarText(node: YNode | null | undefined): string | undefined {
  const value = scalarValue(node);
  return value === null || value === undefined ? undefined : String(value);
}

/** A scalar that is a string; undefined for numbers, booleans, null, collections or no node. */
export function stringScalar(node: YNode | null | undefined): string | undefined {
  const value = scalarValue(node);
  return typeof value === 'string' ? value : undefined;
}

/** Plain JS value for validation; aliases expand, so callers check `expandedSize` first. */
export function toJS(node: YNode | null | undefined): unknown {
  if (!node) return null;
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map(toJS);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const e of node.entries) out[e.key] = toJS(e.value);
      return out;
    }
  }
}
