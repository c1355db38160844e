// Splitting, parsing and position mapping: the base every range in netpol stands on.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lineBreakCount, LineIndex } from '../../server/src/syntax/lines';
import { parseChunk } from '../../server/src/syntax/parse';
import { splitDocuments } from '../../server/src/syntax/split';
import { get } from '../../server/src/syntax/tree';

describe('splitDocuments', () => {
  it('splits on column-0 markers and keeps offsets', () => {
    const text = 'a: 1\n---\nb: 2\n--- # c\nc: 3\n';
    const chunks = splitDocuments(text);
    assert.deepEqual(
      chunks.map((c) => c.text),
      ['a: 1\n', '---\nb: 2\n', '--- # c\nc: 3\n'],
    );
    for (const c of chunks) assert.equal(text.slice(c.start, c.start + c.text.length), c.text);
  });

  it('keeps a leading comment and marker with the first document', () => {
    assert.deepEqual(
      splitDocuments('# header\n---\na: 1\n').map((c) => c.text),
      ['# header\n---\na: 1\n'],
    );
  });

  it('does not split on indented --- inside a block scalar, nor on ---x', () => {
    const text = 'a: |\n  ---\n  text\nb: ---x\n---x: 1\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  it('handles CRLF and a missing final newline', () => {
    const chunks = splitDocuments('a: 1\r\n---\r\nb: 2');
    assert.deepEqual(
      chunks.map((c) => c.text),
      ['a: 1\r\n', '---\r\nb: 2'],
    );
  });

  it('returns one empty chunk for empty text', () => {
    assert.deepEqual(splitDocuments(''), [{ text: '', start: 0 }]);
  });
});

describe('parseChunk', () => {
  it('gives spans of keys and values shifted by the base offset', () => {
    const text = 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]\n';
    const parsed = parseChunk(text, 100);
    const spec = get(parsed.root, 'spec')!;
    assert.equal(spec.kind, 'map');
    if (spec.kind !== 'map') return;
    const policyTypes = spec.entries[1]!;
    assert.equal(policyTypes.key, 'policyTypes');
    assert.equal(text.slice(policyTypes.keySpan.start - 100, policyTypes.keySpan.end - 100), 'policyTypes');
    assert.equal(text.slice(policyTypes.value.span.start - 100, policyTypes.value.span.end - 100), '[Ingress]');
  });

  it('reports one syntax error per document, not a cascade', () => {
    const parsed = parseChunk('a:\n  b: [1, 2\n  c: {\n  d: "x\n', 0);
    assert.equal(parsed.syntaxErrors.length, 1);
  });

  it('reports duplicate keys with the whole key span, and keeps the tree', () => {
    const text = 'a: 1\nlongkey: 1\nlongkey: 2\n';
    const parsed = parseChunk(text, 0);
    assert.equal(parsed.syntaxErrors.length, 0);
    assert.equal(parsed.duplicateKeys.length, 1);
    const s = parsed.duplicateKeys[0]!.span;
    assert.equal(text.slice(s.start, s.end), 'longkey');
    assert.equal(s.start, text.lastIndexOf('longkey'));
  });

  it('flags an alias bomb without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(10).fill(`*${prev}`).join(', ')}]`);
    }
    const started = process.hrtime.bigint();
    const parsed = parseChunk(`${levels.join('\n')}\n`, 0);
    assert.equal(parsed.aliasExpansionTooLarge, true);
    // 10^9 nodes if expanded: finishing at all proves it was not expanded.
    assert.ok(process.hrtime.bigint() - started < 10_000_000_000n);
  });

  it('never throws on arbitrary bytes', () => {
    for (const text of ['\u0000\u0001', '{{ .Values }}', ']]]', '- - - -', '? ? ?', '&a *a', 'a: *nope', '%YAML 9.9\n---\n', '\t\tx: y']) {
      assert.doesNotThrow(() => parseChunk(text, 0), text);
    }
  });
});

describe('LineIndex', () => {
  it('maps offsets to positions and back, with CRLF and astral characters', () => {
    const text = 'ab\r\n😀x\nlast';
    const lines = new LineIndex(text);
    assert.deepEqual(lines.positionAt(0), { line: 0, character: 0 });
    assert.deepEqual(lines.positionAt(text.indexOf('x')), { line: 1, character: 2 });
    assert.deepEqual(lines.positionAt(text.length), { line: 2, character: 4 });
    assert.equal(lines.offsetAt({ line: 1, character: 2 }), text.indexOf('x'));
    assert.equal(lines.offsetAt({ line: 9, character: 0 }), text.length);
    assert.equal(lines.offsetAt({ line: 0, character: 99 }), 4);
  });

  it('breaks lines at a lone carriage return, as LSP clients do (found by the fuzzer)', () => {
    for (const text of ['a\rb', 'a: b\n# c\r', 'x\r\ry\r\nz\n\r']) {
      const client = TextDocument.create('file:///t.yaml', 'yaml', 1, text);
      const lines = new LineIndex(text);
      assert.equal(lines.lineCount, client.lineCount, JSON.stringify(text));
      assert.equal(lineBreakCount(text), client.lineCount - 1, JSON.stringify(text));
      for (let offset = 0; offset <= text.length; offset++) {
        // Inside a CRLF pair the client already counts the next line; nothing netpol reports starts there.
        if (text[offset - 1] === '\r' && text[offset] === '\n') continue;
        assert.deepEqual(lines.positionAt(offset), client.positionAt(offset), `${JSON.stringify(text)} at ${offset}`);
        assert.equal(lines.offsetAt(client.positionAt(offset)), offset, `${JSON.stringify(text)} at ${offset}`);
      }
    }
  });
});
