// Completion: the keys valid at the cursor and not yet present (from the schema), enum values, well-known label keys,
// namespaces and labels the file already uses, and whole-policy snippets in an empty document. It reads the text around
// the cursor, so it works while the document is incomplete or briefly invalid YAML.
import { CompletionItemKind, InsertTextFormat, InsertTextMode, type CompletionItem, type CompletionList } from 'vscode-languageserver-types';
import type { PlacedDocument } from '../lint/file';
import type { FileSnapshot } from '../service';
import { shiftSpan } from '../syntax/span';
import type { PathSegment } from './cursor';
import { keyItems, valueItems, type CompletionCandidate } from './completion-items';
import { fileFacts } from './file-facts';
import { expandSnippet, POLICY_SNIPPETS } from './snippets';
import { textContextAt } from './text-context';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };
const POLICY_KINDS = new Set(['NetworkPolicy']);
const LIST_KINDS = new Set(['List', 'NetworkPolicyList']);

export function complete(snapshot: FileSnapshot, offset: number): CompletionList {
  const doc = documentAt(snapshot, offset);
  if (!doc) return EMPTY;
  const text = doc.analysis.text;
  const relative = offset - doc.start;
  const ctx = textContextAt(text, relative);
  if (!ctx) return EMPTY;
  const kind = documentKind(text, relative);
  if (kind !== undefined && !POLICY_KINDS.has(kind) && !LIST_KINDS.has(kind)) return EMPTY;
  const path = policyPath(ctx.path, kind);
  if (!path) return EMPTY;
  const facts = fileFacts(snapshot);
  const range = snapshot.lines.rangeOf(shiftSpan(ctx.replace, doc.start));
  const candidates: CompletionCandidate[] =
    ctx.kind === 'key' ? keyItems(path, { siblings: ctx.siblings, column: ctx.column, itemSiblings: ctx.itemSiblings }, facts) : valueItems(path, { siblingValues: ctx.siblingValues }, facts);
  const items: CompletionItem[] = candidates.map((c, i) => ({
    label: c.label,
    kind: c.kind,
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: { kind: 'markdown', value: c.documentation } } : {}),
    sortText: String(i).padStart(4, '0'),
    textEdit: { range, newText: ctx.kind === 'value' && ctx.needsSpace ? ` ${c.insert}` : c.insert },
    insertTextFormat: InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    ...(c.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  }));
  if (ctx.kind === 'key' && ctx.path.length === 0 && ctx.emptyDocument && ctx.column === 0) {
    for (const s of POLICY_SNIPPETS) {
      items.push({
        label: s.prefix,
        kind: CompletionItemKind.Snippet,
        detail: s.name,
        documentation: { kind: 'markdown', value: `${s.description}\n\n\`\`\`yaml\n${expandSnippet(s.body)}\`\`\`` },
        sortText: `1${s.prefix}`,
        textEdit: { range, newText: s.body },
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.asIs,
      });
    }
  }
  return { isIncomplete: false, items };
}

/** The document holding `offset`; at a boundary, the one that starts there (the cursor is after its `---`). */
function documentAt(snapshot: FileSnapshot, offset: number): PlacedDocument | undefined {
  let found: PlacedDocument | undefined;
  for (const d of snapshot.documents) if (d.start <= offset && offset <= d.start + d.analysis.text.length) found = d;
  return found;
}

/** The `kind:` at column 0, ignoring the cursor's own line (which may be `kind: Net` being typed). */
function documentKind(text: string, offset: number): string | undefined {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  const lineEnd = text.indexOf('\n', offset);
  const others = text.slice(0, lineStart) + (lineEnd === -1 ? '' : text.slice(lineEnd));
  return /^kind:[ \t]*["']?([A-Za-z]+)/m.exec(others)?.[1];
}

/** The path below the NetworkPolicy object: a List's `items[n]` prefix is dropped. Undefined for the List's own fields. */
function policyPath(path: readonly PathSegment[], kind: string | undefined): readonly PathSegment[] | undefined {
  if (kind === undefined || !LIST_KINDS.has(kind)) return path;
  if (path[0] === 'items' && typeof path[1] === 'number') return path.slice(2);
  return undefined;
}
