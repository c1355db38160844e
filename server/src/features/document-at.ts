// Locating the cursor's YAML document and what kind of object it is, from text alone (for documents that do not parse).
import type { FileSnapshot, PlacedDocument } from '../lint/snapshot';
import type { PathSegment } from '../syntax/text-context';

const POLICY_KINDS = new Set(['NetworkPolicy']);
const LIST_KINDS = new Set(['List', 'NetworkPolicyList']);

/** The document holding `offset`; at a boundary, the one that starts there (the cursor is after its `---`). */
export function documentAt(snapshot: FileSnapshot, offset: number): PlacedDocument | undefined {
  const found = snapshot.documentsAt(offset);
  return found[found.length - 1];
}

/** The `kind:` at column 0, ignoring the cursor's own line (which may be `kind: Net` being typed). */
export function documentKind(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const others = text.slice(0, lineStart) + (lineEnd === -1 ? '' : text.slice(lineEnd));
  return /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(others)?.[1];
}

/**
 * The path below the NetworkPolicy object for a path from the document root: a List's `items[n]` prefix is dropped.
 * Undefined when the document is another kind, or for a List's own fields.
 */
export function policyPath(path: readonly PathSegment[], kind: string | undefined): readonly PathSegment[] | undefined {
  if (kind === undefined || POLICY_KINDS.has(kind)) return path;
  if (!LIST_KINDS.has(kind)) return undefined;
  if (path[0] === 'items' && typeof path[1] === 'number') return path.slice(2);
  return undefined;
}
