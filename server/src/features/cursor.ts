// Finds what is under an offset in a parsed file: the NetworkPolicy around it and the path of keys and indices from that
// policy's object down to the key or value at the cursor. Hover uses it; completion falls back to text when the tree is
// missing (a document being typed is often briefly invalid YAML).
import type { NetworkPolicy } from '../model/policy';
import type { FileSnapshot } from '../lint/snapshot';
import { containsOffset } from '../syntax/span';
import type { YEntry, YNode } from '../syntax/tree';
import type { PathSegment } from '../syntax/text-context';


export interface CursorTarget {
  readonly policy: NetworkPolicy;
  /** Offset of the policy's document chunk in the file: add it to the chunk-relative spans below. */
  readonly documentStart: number;
  /** Keys and indices from the policy object to the node at the cursor. */
  readonly path: readonly PathSegment[];
  /** True when the cursor is on a key (then `entry` is that key's entry). */
  readonly onKey: boolean;
  /** The innermost entry whose key or value holds the cursor. */
  readonly entry?: YEntry;
  /** The node at the cursor: the value under it, or the entry's value when on a key. */
  readonly node: YNode;
  /** The containers along the path: `ancestors[i]` is the map or sequence that holds `path[i]`. */
  readonly ancestors: readonly YNode[];
}

/** The innermost key or value at `offset` (a file offset) inside a NetworkPolicy; undefined outside every policy. */
export function targetAt(snapshot: FileSnapshot, offset: number): CursorTarget | undefined {
  for (const doc of snapshot.documentsAt(offset)) {
    const relative = offset - doc.start;
    for (const policy of doc.analysis.policies) {
      if (containsOffset(policy.node.span, relative)) return descend(policy, doc.start, relative);
    }
  }
  return undefined;
}

function descend(policy: NetworkPolicy, documentStart: number, offset: number): CursorTarget {
  const path: PathSegment[] = [];
  const ancestors: YNode[] = [];
  let node: YNode = policy.node;
  let entry: YEntry | undefined;
  // The tree is a DAG (aliases), so the walk is bounded by depth, not by a visited set.
  for (let depth = 0; depth < 100; depth++) {
    ancestors.push(node);
    if (node.kind === 'map') {
      const onKey = node.entries.find((e) => containsOffset(e.keySpan, offset));
      if (onKey) return { policy, documentStart, path: [...path, onKey.key], onKey: true, entry: onKey, node: onKey.value, ancestors };
      const inValue: YEntry | undefined = node.entries.find((e) => containsOffset(e.value.span, offset) && !(e.value.kind === 'scalar' && e.value.empty && e.value.span.start !== offset));
      if (!inValue) break;
      path.push(inValue.key);
      entry = inValue;
      node = inValue.value;
    } else if (node.kind === 'seq') {
      const index: number = node.items.findIndex((i) => containsOffset(i.span, offset));
      if (index === -1) break;
      path.push(index);
      node = node.items[index]!;
    } else {
      break;
    }
  }
  ancestors.pop();
  return { policy, documentStart, path, onKey: false, ...(entry ? { entry } : {}), node, ancestors };
}
