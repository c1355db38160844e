// Completion over stdio: a client that announces insertReplaceSupport gets InsertReplaceEdits (the cursor's whole word as
// the replace range), any other client plain TextEdits of the text before the cursor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem, CompletionList } from 'vscode-languageserver-protocol';
import { serverStarter } from '../support/lsp-client';

// The cursor goes after `pod` in `podSelec` (line 6, character 5): the word runs on to character 10.
const TEXT = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: prod\nspec:\n  podSelec\n';
const CURSOR = { line: 6, character: 5 };

const startServer = serverStarter();

async function podSelectorItem(insertReplaceSupport: boolean | undefined): Promise<CompletionItem> {
  const completionItem = insertReplaceSupport === undefined ? {} : { insertReplaceSupport };
  const c = await startServer({ capabilities: { textDocument: { completion: { completionItem } } } });
  const uri = 'file:///completion.yaml';
  c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: TEXT } });
  const list: CompletionList | null = await c.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: CURSOR });
  const item = list?.items.find((i) => i.label === 'podSelector');
  assert.ok(item, `no podSelector in ${JSON.stringify(list?.items.map((i) => i.label))}`);
  return item;
}

describe('completion over stdio', () => {
  it('sends InsertReplaceEdits to a client that announces insertReplaceSupport', async () => {
    const item = await podSelectorItem(true);
    assert.deepEqual(item.textEdit, {
      newText: 'podSelector:\n    ',
      insert: { start: { line: 6, character: 2 }, end: CURSOR },
      replace: { start: { line: 6, character: 2 }, end: { line: 6, character: 10 } },
    });
  });

  it('sends plain TextEdits of the text before the cursor to other clients', async () => {
    for (const support of [false, undefined]) {
      const item = await podSelectorItem(support);
      assert.deepEqual(item.textEdit, { range: { start: { line: 6, character: 2 }, end: CURSOR }, newText: 'podSelector:\n    ' });
    }
  });
});
