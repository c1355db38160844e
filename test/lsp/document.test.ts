// The LSP layer's document applies changes exactly as vscode-languageserver-textdocument does, whether positions are
// resolved through a line index it is given (the service's) or through its own.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { EditableDocument } from '../../server/src/lsp/document';
import { FileLines, LineIndex } from '../../server/src/syntax/lines';
import { splitDocuments } from '../../server/src/syntax/split';

function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a * 1103515245 + 12345) & 0x7fffffff;
    return a / 0x7fffffff;
  };
}

describe('EditableDocument', () => {
  it('matches TextDocument.update for random changes, with and without a known line index', () => {
    const rnd = random(3);
    const pieces = ['', 'x', '\n', '---\n', 'a: 1\n', '  b'];
    for (let round = 0; round < 200; round++) {
      const text = 'a: 1\n---\nb: 2\n  c: 3\n---\nd: [4]\n';
      const reference = TextDocument.create('u', 'yaml', 1, text);
      const ours = new EditableDocument('u', 'yaml', 1, text);
      for (let step = 0; step < 8; step++) {
        const lineCount = reference.lineCount;
        const pos = () => ({ line: Math.floor(rnd() * (lineCount + 1)), character: Math.floor(rnd() * 6) });
        let a = pos();
        let b = pos();
        if (reference.offsetAt(b) < reference.offsetAt(a)) [a, b] = [b, a];
        const changes = [{ range: { start: a, end: b }, text: pieces[Math.floor(rnd() * pieces.length)]! }];
        const current = ours.getText();
        const known = rnd() < 0.5 ? FileLines.fromPieces(splitDocuments(current).map((c) => ({ start: c.start, lines: new LineIndex(c.text) })), current.length) : undefined;
        const edits = ours.apply(changes, step + 2, known);
        TextDocument.update(reference, changes, step + 2);
        assert.equal(ours.getText(), reference.getText());
        assert.equal(ours.version, reference.version);
        assert.equal(edits?.length, 1);
        assert.equal(current.slice(0, edits![0]!.start) + edits![0]!.text + current.slice(edits![0]!.end), reference.getText());
      }
      assert.equal(ours.lineCount, reference.lineCount);
      for (let line = 0; line < reference.lineCount; line++) {
        assert.deepEqual(ours.getLineRange(line), reference.getLineRange(line));
        assert.equal(ours.getEOLCharacters(line), reference.getEOLCharacters(line));
      }
    }
  });

  it('reports a full replacement as no edits', () => {
    const doc = new EditableDocument('u', 'yaml', 1, 'a: 1\n');
    assert.equal(doc.apply([{ text: 'b: 2\n' }], 2), undefined);
    assert.equal(doc.getText(), 'b: 2\n');
  });
});

describe('EditableDocument on a large text (the rope)', () => {
  it('matches TextDocument.update for random edits across many blocks, including ones spanning blocks', () => {
    const rnd = random(11);
    const line = (i: number) => `  key-${i}: ${'v'.repeat(i % 40)}\n`;
    const text = Array.from({ length: 4000 }, (_, i) => line(i)).join('');
    const reference = TextDocument.create('u', 'yaml', 1, text);
    const ours = new EditableDocument('u', 'yaml', 1, text);
    const inserts = ['', 'x', '\n', 'a\nb\n', 'y'.repeat(5000), 'z'.repeat(20000)];
    for (let step = 0; step < 300; step++) {
      const length = reference.getText().length;
      const a = Math.floor(rnd() * (length + 1));
      const span = rnd() < 0.1 ? Math.floor(rnd() * 30000) : Math.floor(rnd() * 5);
      const b = Math.min(length, a + span);
      const change = { range: { start: reference.positionAt(a), end: reference.positionAt(b) }, text: inserts[Math.floor(rnd() * inserts.length)]! };
      ours.apply([change], step + 2);
      TextDocument.update(reference, [change], step + 2);
      if (step % 25 === 0 || step === 299) assert.equal(ours.getText(), reference.getText(), `step ${step}`);
    }
    assert.equal(ours.lineCount, reference.lineCount);
  });
});

describe('EditableDocument with several changes in one notification', () => {
  it('applies them in order, each against the text the previous one left', () => {
    const text = Array.from({ length: 3000 }, (_, i) => `k${i}: v${i}\n`).join('');
    const reference = TextDocument.create('u', 'yaml', 1, text);
    const ours = new EditableDocument('u', 'yaml', 1, text);
    const known = FileLines.fromPieces(splitDocuments(text).map((c) => ({ start: c.start, lines: new LineIndex(c.text) })), text.length);
    const changes = [
      { range: { start: { line: 1500, character: 0 }, end: { line: 1500, character: 0 } }, text: 'new: 1\n' },
      { range: { start: { line: 10, character: 2 }, end: { line: 12, character: 1 } }, text: 'X' },
      { range: { start: { line: 2999, character: 3 }, end: { line: 3000, character: 0 } }, text: '' },
    ];
    const edits = ours.apply(changes, 2, known);
    TextDocument.update(reference, changes, 2);
    assert.equal(ours.getText(), reference.getText());
    let replayed = text;
    for (const e of edits!) replayed = replayed.slice(0, e.start) + e.text + replayed.slice(e.end);
    assert.equal(replayed, reference.getText());
  });
});
