// Hover and completion while a large file is still being analysed run on a partial snapshot whose line index comes from
// the document table (never from a pass over the whole text): its positions must be those of the full analysis, also
// with CRLF and lone carriage returns in the documents before the cursor.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createLanguageService } from '../../server/src/service';

function policy(i: number): string {
  const eol = i % 3 === 0 ? '\r\n' : '\n';
  const comment = i % 5 === 0 ? `# note\r${eol}` : '';
  return `${comment}apiVersion: networking.k8s.io/v1${eol}kind: NetworkPolicy${eol}metadata:${eol}  name: p${i}${eol}  namespace: ns${i % 7}${eol}spec:${eol}  podSelector: {}${eol}  ingress:${eol}    - from:${eol}        - ipBlock:${eol}            cidr: 10.${i % 256}.0.0/16${eol}`;
}

for (const slices of [0, 3]) {
  it(`answers hover and completion during the analysis (${slices} slices done) at the positions the full analysis gives`, () => {
    const text = Array.from({ length: 300 }, (_, i) => policy(i)).join('---\n');
    const doc = TextDocument.create('file:///big.yaml', 'yaml', 1, text);
    const cursors = [text.indexOf('cidr: 10.7'), text.indexOf('name: p150'), text.lastIndexOf('podSelector'), text.indexOf('10.200.0.0')];
    const partial = createLanguageService();
    partial.update(doc.uri, text, 1);
    // An analysis under way, as the LSP server runs it between requests: the first documents are analysed, most are not.
    const steps = partial.analyzeInSteps(doc.uri, 16);
    for (let i = 0; i < slices; i++) assert.equal(steps.next().done, false);
    const full = createLanguageService();
    full.update(doc.uri, text, 1);
    full.getDiagnostics(doc.uri);
    let answered = 0;
    for (const offset of cursors) {
      const position = doc.positionAt(offset + 2);
      const during = partial.doHover(doc.uri, position);
      const after = full.doHover(doc.uri, position);
      assert.ok(during?.range, `no hover at ${offset}`);
      assert.deepEqual(during.range, after?.range);
      const editRanges = (list: ReturnType<typeof partial.doComplete>) => list.items.map((i) => i.textEdit && 'range' in i.textEdit && i.textEdit.range);
      assert.deepEqual(editRanges(partial.doComplete(doc.uri, position)).slice(0, 1), editRanges(full.doComplete(doc.uri, position)).slice(0, 1));
      answered++;
    }
    assert.equal(answered, cursors.length);
  });
}
