// Finding nodes of the span tree for an edit: the entry whose key is at a span, the chain of nodes around an offset, the
// end of a node's real content (block collections' spans also cover trailing comments and blank lines).
import type { Span } from '../syntax/span';
import type { YEntry, YMap, YNode, YSeq } from '../syntax/tree';

export interface EntryRef {
  readonly map: YMap;
  readonly entry: YEntry;
}

/** The entry whose key spans exactly `keySpan`, with the mapping that holds it. */
export function findEntryByKeySpan(root: YNode | null | undefined, keySpan: Span): EntryRef | undefined {
  let found: EntryRef | undefined;
  walk(root, (node) => {
    if (found || node.kind !== 'map' || node.span.start > keySpan.start || node.span.end < keySpan.end) return found === undefined;
    for (const entry of node.entries) {
      if (entry.keySpan.start === keySpan.start && entry.keySpan.end === keySpan.end) found = { map: node, entry };
    }
    return found === undefined;
  });
  return found;
}

/** The entry whose value is `value` (by identity), with its mapping. */
export function findEntryOfValue(root: YNode | null | undefined, value: YNode): EntryRef | undefined {
  let found: EntryRef | undefined;
  walk(root, (node) => {
    if (found) return false;
    if (node.kind === 'map') for (const entry of node.entries) if (entry.value === value) found = { map: node, entry };
    return found === undefined;
  });
  return found;
}

/** The node (scalar, mapping or sequence) whose span is exactly `span`: what a finding on a value points at. */
export function findNodeBySpan(root: YNode | null | undefined, span: Span): YNode | undefined {
  let found: YNode | undefined;
  walk(root, (node) => {
    if (found || node.span.start > span.start || node.span.end < span.end) return false;
    if (node.span.start === span.start && node.span.end === span.end) found = node;
    return found === undefined;
  });
  return found;
}

/** The collection that directly holds `child` (a mapping through one of its entries, or a sequence). */
export function parentOf(root: YNode | null | undefined, child: YNode): YMap | YSeq | undefined {
  let found: YMap | YSeq | undefined;
  walk(root, (node) => {
    if (found) return false;
    if (node.kind === 'map' && node.entries.some((e) => e.value === child)) found = node;
    if (node.kind === 'seq' && node.items.includes(child)) found = node;
    return found === undefined;
  });
  return found;
}

/** The nodes whose span contains `offset`, outermost first. */
export function nodesAt(root: YNode | null | undefined, offset: number): YNode[] {
  const chain: YNode[] = [];
  let node: YNode | undefined = root ?? undefined;
  while (node && node.span.start <= offset && offset <= node.span.end) {
    chain.push(node);
    let next: YNode | undefined;
    if (node.kind === 'map') next = node.entries.find((e) => e.span.start <= offset && offset <= e.span.end)?.value;
    else if (node.kind === 'seq') next = node.items.find((i) => i.span.start <= offset && offset <= i.span.end);
    if (next === node) break;
    node = next;
  }
  return chain;
}

/** Offset just after the last character of real content of `node` (not its trailing comments or blank lines). */
export function contentEnd(text: string, node: YNode): number {
  let end: number;
  if (node.kind === 'map' && !node.flow && node.entries.length > 0) {
    const last = node.entries[node.entries.length - 1]!;
    end = Math.max(last.keySpan.end, contentEnd(text, last.value));
  } else if (node.kind === 'seq' && !node.flow && node.items.length > 0) {
    end = contentEnd(text, node.items[node.items.length - 1]!);
    // An empty last item (`- `) has no content: its dash is the content.
    end = Math.max(end, node.span.start + 1);
  } else {
    end = node.span.end;
  }
  while (end > 0 && /\s/.test(text[end - 1]!)) end--;
  return end;
}

/** End of an entry's real content: the end of its value, or of its key when the value is empty. */
export function entryContentEnd(text: string, entry: YEntry): number {
  if (entry.value.kind === 'scalar' && entry.value.empty) {
    const colon = text.indexOf(':', entry.keySpan.end);
    return colon === -1 ? entry.keySpan.end : colon + 1;
  }
  return Math.max(entry.keySpan.end, contentEnd(text, entry.value));
}

/** Visits nodes depth first; `visit` returns false to stop descending. Shared (aliased) nodes are visited once. */
function walk(root: YNode | null | undefined, visit: (node: YNode) => boolean): void {
  const seen = new Set<YNode>();
  const stack: YNode[] = root ? [root] : [];
  while (stack.length) {
    const node = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    if (!visit(node)) continue;
    if (node.kind === 'map') for (const e of node.entries) stack.push(e.value);
    else if (node.kind === 'seq') stack.push(...node.items);
  }
}
