// Completion: the keys valid at the cursor and not yet present (from the schema), enum values, well-known label keys,
// namespaces and labels the file already uses, and whole-policy snippets in an empty document. It reads the text around
// the cursor, so it works while the document is incomplete or briefly invalid YAML.
import {
  CompletionItemKind,
  InsertTextFormat,
  InsertTextMode,
  type CompletionItem,
  type CompletionList,
  type InsertReplaceEdit,
  type TextEdit,
} from 'vscode-languageserver-types';
import type { FileSnapshot } from '../../lint/snapshot';
import { shiftSpan } from '../../syntax/span';
import { keyItems, valueItems, type CompletionCandidate } from './completion-items';
import { documentAt, documentKind, policyPath } from '../document-at';
import { fileFacts, type FileFacts } from './file-facts';
import { expandSnippet, POLICY_SNIPPETS } from './snippets';
import { textContextAt } from '../../syntax/text-context';

const EMPTY: CompletionList = { isIncomplete: false, items: [] };

export interface CompletionOptions {
  /** Whole-policy snippets; off for clients that contribute the same snippets themselves (the VS Code extension). */
  readonly snippets: boolean;
  /**
   * Edits with an insert range (the word's start to the cursor) and a replace range (the whole word), for clients that
   * accept them; otherwise an edit of the text before the cursor only, which every client accepts.
   */
  readonly insertReplace: boolean;
}

const DEFAULT_OPTIONS: CompletionOptions = { snippets: true, insertReplace: false };

export function complete(snapshot: FileSnapshot, offset: number, options: CompletionOptions = DEFAULT_OPTIONS): CompletionList {
  const doc = documentAt(snapshot, offset);
  if (!doc) return EMPTY;
  const text = doc.analysis.text;
  const relative = offset - doc.start;
  const ctx = textContextAt(text, relative);
  if (!ctx) return EMPTY;
  const path = policyPath(ctx.path, documentKind(text, relative));
  if (!path) return EMPTY;
  let memo: FileFacts | undefined;
  const facts = () => (memo ??= fileFacts(snapshot));
  const insert = snapshot.lines.rangeOf(shiftSpan(ctx.prefix, doc.start));
  const replace = options.insertReplace ? snapshot.lines.rangeOf(shiftSpan(ctx.word, doc.start)) : undefined;
  const edit = (newText: string): TextEdit | InsertReplaceEdit => (replace ? { newText, insert, replace } : { range: insert, newText });
  const candidates: CompletionCandidate[] =
    ctx.kind === 'key'
      ? keyItems(path, { siblings: ctx.siblings, column: ctx.column, flow: ctx.flow, itemSiblings: ctx.itemSiblings, itemOwnerFields: ctx.itemOwnerFields }, facts)
      : valueItems(path, { siblingValues: ctx.siblingValues, ownerFields: ctx.ownerFields }, facts);
  const items: CompletionItem[] = candidates.map((c, i) => ({
    label: c.label,
    kind: c.kind,
    ...(c.detail ? { detail: c.detail } : {}),
    ...(c.documentation ? { documentation: { kind: 'markdown', value: c.documentation } } : {}),
    sortText: String(i).padStart(4, '0'),
    textEdit: edit(ctx.kind === 'value' && ctx.needsSpace ? ` ${c.insert}` : c.insert),
    insertTextFormat: InsertTextFormat.PlainText,
    insertTextMode: InsertTextMode.asIs,
    ...(c.retrigger ? { command: { title: 'Suggest', command: 'editor.action.triggerSuggest' } } : {}),
  }));
  if (options.snippets && ctx.kind === 'key' && ctx.path.length === 0 && ctx.emptyDocument && ctx.column === 0) {
    for (const s of POLICY_SNIPPETS) {
      items.push({
        label: s.prefix,
        kind: CompletionItemKind.Snippet,
        detail: s.name,
        documentation: { kind: 'markdown', value: `${s.description}\n\n\`\`\`yaml\n${expandSnippet(s.body)}\`\`\`` },
        sortText: `1${s.prefix}`,
        textEdit: edit(s.body),
        insertTextFormat: InsertTextFormat.Snippet,
        insertTextMode: InsertTextMode.asIs,
      });
    }
  }
  return { isIncomplete: false, items };
}
