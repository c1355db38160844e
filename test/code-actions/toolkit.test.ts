// The edit toolkit on small inputs in every style it must respect: 2 and 4 spaces, sequences indented under their key
// or not, flow style (one-line and multi-line, JSON-like), CRLF, comments, no final newline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import {
  appendDocument,
  applyEdits,
  deleteMapEntry,
  deleteSeqItem,
  detectStyle,
  diffEdits,
  findNodeBySpan,
  inKeyOrderOf,
  insertCommentAbove,
  insertMapEntry,
  insertSeqItem,
  insertSeqItemFirst,
  insertSeqItems,
  keepingCommentLines,
  renameKey,
  replaceEntryValue,
  replaceScalar,
  scalarText,
  setSeqEntry,
  type TextEdit,
} from '../../server/src/edit/index';
import { parseChunk } from '../../server/src/syntax/parse';
import { entry, type YMap, type YNode, type YScalar, type YSeq } from '../../server/src/syntax/tree';

/** The node at a path of keys and indices. */
function at(text: string, ...path: (string | number)[]): YNode {
  let node = parseChunk(text, 0).root!;
  for (const p of path) node = typeof p === 'number' ? (node as YSeq).items[p]! : entry(node, p)!.value;
  return node;
}

function apply(text: string, edit: TextEdit): string {
  const out = applyEdits(text, [edit]);
  assert.deepEqual(parseAllDocuments(out).flatMap((d) => ('errors' in d ? d.errors.map((e) => e.message) : [])), [], `not valid YAML:\n${out}`);
  return out;
}

const BLOCK2 = `spec:
  podSelector: {}
  egress:
  - to:
    - ipBlock:
        cidr: 0.0.0.0/0 # everything
        # but not the metadata endpoint
    ports:
    - port: 443
`;

const BLOCK4 = `spec:
    egress:
        - to:
              - ipBlock:
                    cidr: 0.0.0.0/0
                    except:
                        - 10.0.0.0/8
`;

describe('detectStyle', () => {
  it('reads indentation, sequence style and line endings', () => {
    assert.deepEqual(detectStyle(BLOCK2), { indent: 2, indentSequences: false, eol: '\n' });
    assert.deepEqual(detectStyle(BLOCK4), { indent: 4, indentSequences: true, eol: '\n' });
    assert.deepEqual(detectStyle(BLOCK2.replace(/\n/g, '\r\n')), { indent: 2, indentSequences: false, eol: '\r\n' });
    assert.deepEqual(detectStyle(''), { indent: 2, indentSequences: false, eol: '\n' });
    assert.deepEqual(detectStyle('a:\n  - x\nb:\n  c: 1\n'), { indent: 2, indentSequences: true, eol: '\n' });
  });
});

describe('insertMapEntry', () => {
  it('adds a list-valued key to a block mapping after its last entry, before trailing comments', () => {
    const ipBlock = at(BLOCK2, 'spec', 'egress', 0, 'to', 0, 'ipBlock') as YMap;
    const out = apply(BLOCK2, insertMapEntry(BLOCK2, ipBlock, 'except', ['169.254.169.254/32'], detectStyle(BLOCK2)));
    assert.equal(out, BLOCK2.replace('# everything\n', '# everything\n        except:\n        - 169.254.169.254/32\n'));
  });

  it('follows 4-space indentation and indented sequences', () => {
    const spec = at(BLOCK4, 'spec') as YMap;
    const out = apply(BLOCK4, insertMapEntry(BLOCK4, spec, 'policyTypes', ['Egress'], detectStyle(BLOCK4), { first: true }));
    assert.equal(out, BLOCK4.replace('spec:\n', 'spec:\n    policyTypes:\n        - Egress\n'));
  });

  it('puts the new first key of a list item on the dash line', () => {
    const text = 'egress:\n- to:\n  - ipBlock: {cidr: 10.0.0.0/8}\n';
    const rule = at(text, 'egress', 0) as YMap;
    const out = apply(text, insertMapEntry(text, rule, 'ports', [{ port: 53, protocol: 'UDP' }], detectStyle(text), { first: true }));
    assert.equal(out, 'egress:\n- ports:\n  - port: 53\n    protocol: UDP\n  to:\n  - ipBlock: {cidr: 10.0.0.0/8}\n');
  });

  it('inserts after a named key', () => {
    const text = 'spec:\n  podSelector: {}\n  ingress: []\n';
    const out = apply(text, insertMapEntry(text, at(text, 'spec') as YMap, 'policyTypes', ['Ingress'], detectStyle(text), { after: 'podSelector' }));
    assert.equal(out, 'spec:\n  podSelector: {}\n  policyTypes:\n  - Ingress\n  ingress: []\n');
  });

  it('writes flow style into flow mappings: empty, one-line and multi-line JSON-like with quoted keys', () => {
    const empty = 'ipBlock: {}\n';
    assert.equal(apply(empty, insertMapEntry(empty, at(empty, 'ipBlock') as YMap, 'cidr', '10.0.0.0/8', detectStyle(empty))), 'ipBlock: {cidr: 10.0.0.0/8}\n');
    const oneLine = 'ipBlock: {cidr: 0.0.0.0/0}\n';
    assert.equal(
      apply(oneLine, insertMapEntry(oneLine, at(oneLine, 'ipBlock') as YMap, 'except', ['169.254.169.254/32', 'fd00:ec2::254/128'], detectStyle(oneLine))),
      'ipBlock: {cidr: 0.0.0.0/0, except: [169.254.169.254/32, fd00:ec2::254/128]}\n',
    );
    const json = '{\n  "ipBlock": {\n    "cidr": "0.0.0.0/0",\n  },\n}\n';
    assert.equal(
      apply(json, insertMapEntry(json, at(json, 'ipBlock') as YMap, 'except', ['169.254.169.254/32'], detectStyle(json))),
      '{\n  "ipBlock": {\n    "cidr": "0.0.0.0/0",\n    "except": [169.254.169.254/32],\n  },\n}\n',
    );
  });

  it('adds a line break before the new line of a file without a final newline, in CRLF', () => {
    const text = 'a:\r\n  b: 1';
    assert.equal(apply(text, insertMapEntry(text, at(text, 'a') as YMap, 'c', 2, detectStyle(text))), 'a:\r\n  b: 1\r\n  c: 2');
  });
});

describe('insertSeqItem', () => {
  it('appends to block sequences at the dashes column, after the last item and its comment', () => {
    const text = 'except:\n  - 10.0.0.0/8 # private\n# trailing\n';
    assert.equal(apply(text, insertSeqItem(text, at(text, 'except') as YSeq, '169.254.169.254/32', detectStyle(text))), 'except:\n  - 10.0.0.0/8 # private\n  - 169.254.169.254/32\n# trailing\n');
    const four = at(BLOCK4, 'spec', 'egress', 0, 'to', 0, 'ipBlock', 'except') as YSeq;
    assert.equal(apply(BLOCK4, insertSeqItem(BLOCK4, four, '169.254.169.254/32', detectStyle(BLOCK4))), `${BLOCK4}                        - 169.254.169.254/32\n`);
  });

  it('appends mapping items in block style', () => {
    const rules = at(BLOCK2, 'spec', 'egress') as YSeq;
    const out = apply(BLOCK2, insertSeqItem(BLOCK2, rules, { ports: [{ protocol: 'UDP', port: 53 }] }, detectStyle(BLOCK2)));
    assert.equal(out, `${BLOCK2}  - ports:\n    - protocol: UDP\n      port: 53\n`);
  });

  it('appends to flow sequences, empty or not', () => {
    const text = 'a: []\nb: [TCP]\n';
    const style = detectStyle(text);
    assert.equal(apply(text, insertSeqItem(text, at(text, 'a') as YSeq, 'x', style)), 'a: [x]\nb: [TCP]\n');
    assert.equal(apply(text, insertSeqItem(text, at(text, 'b') as YSeq, 'UDP', style)), 'a: []\nb: [TCP, UDP]\n');
  });
});

describe('deleting', () => {
  it('removes a block entry with its lines, or a flow entry with its comma', () => {
    const text = 'a: 1\nb:\n  - x\n  - y\nc: 3\n';
    assert.equal(apply(text, deleteMapEntry(text, at(text) as YMap, entry(at(text), 'b')!)), 'a: 1\nc: 3\n');
    const flow = 'm: {a: 1, b: 2}\n';
    const m = at(flow, 'm') as YMap;
    assert.equal(apply(flow, deleteMapEntry(flow, m, m.entries[0]!)), 'm: {b: 2}\n');
    assert.equal(apply(flow, deleteMapEntry(flow, m, m.entries[1]!)), 'm: {a: 1}\n');
  });

  it('moves the next key up to the dash when the first key of a list item goes', () => {
    const text = '- from: []\n  ports: []\n';
    const item = at(text, 0) as YMap;
    assert.equal(apply(text, deleteMapEntry(text, item, item.entries[0]!)), '- ports: []\n');
  });

  it('removes sequence items', () => {
    const text = 'l:\n- a\n- b\n';
    const seq = at(text, 'l') as YSeq;
    assert.equal(apply(text, deleteSeqItem(text, seq, seq.items[0]!)), 'l:\n- b\n');
    const flow = 'l: [a, b]\n';
    const fseq = at(flow, 'l') as YSeq;
    assert.equal(apply(flow, deleteSeqItem(flow, fseq, fseq.items[1]!)), 'l: [a]\n');
  });
});

describe('scalars, keys and values', () => {
  it('keeps the quoting of a replaced scalar', () => {
    for (const [text, expected] of [
      ['p: tcp\n', 'p: TCP\n'],
      ["p: 'tcp'\n", "p: 'TCP'\n"],
      ['p: "tcp" # c\n', 'p: "TCP" # c\n'],
    ] as const) {
      assert.equal(apply(text, replaceScalar(text, at(text, 'p') as YScalar, 'TCP')), expected);
    }
    const text = 'cidr: 10.0.0.1/8\n';
    assert.equal(apply(text, replaceScalar(text, at(text, 'cidr') as YScalar, '10.0.0.0/8')), 'cidr: 10.0.0.0/8\n');
    const ambiguous = 'v: x\n';
    assert.equal(apply(ambiguous, replaceScalar(ambiguous, at(ambiguous, 'v') as YScalar, 'true')), 'v: "true"\n');
  });

  it('renames keys keeping their quotes', () => {
    const text = '"polcyTypes": [Ingress]\n';
    assert.equal(apply(text, renameKey(text, entry(at(text), 'polcyTypes')!.keySpan, 'policyTypes')), '"policyTypes": [Ingress]\n');
  });

  it('sets an empty value to a block collection under its key', () => {
    const text = 'spec:\n  podSelector:\n  policyTypes: [Ingress]\n';
    const spec = at(text, 'spec') as YMap;
    const out = apply(text, replaceEntryValue(text, spec, entry(spec, 'podSelector')!, { matchLabels: { app: 'web' } }, detectStyle(text)));
    assert.equal(out, 'spec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes: [Ingress]\n');
  });

  it('quotes only what plain text would change', () => {
    assert.equal(scalarText('10.0.0.0/8'), '10.0.0.0/8');
    assert.equal(scalarText('fd00:ec2::254/128'), 'fd00:ec2::254/128');
    assert.equal(scalarText('80'), '"80"');
    assert.equal(scalarText('yes'), '"yes"');
    assert.equal(scalarText('a: b'), '"a: b"');
    assert.equal(scalarText('#x'), '"#x"');
  });
});

describe('comments and documents', () => {
  it('inserts a comment above a line at its indentation', () => {
    const text = 'a:\r\n    - b: 1\r\n';
    assert.equal(apply(text, insertCommentAbove(text, text.indexOf('b'), 'note', detectStyle(text))), 'a:\r\n    # note\r\n    - b: 1\r\n');
  });

  it('appends a document with a marker only when the file has content', () => {
    const style = detectStyle('');
    assert.equal(apply('', appendDocument('', { a: 1 }, style)), 'a: 1\n');
    assert.equal(apply('# c\n', appendDocument('# c\n', { a: 1 }, style)), '# c\na: 1\n');
    assert.equal(apply('x: 1', appendDocument('x: 1', { a: 1 }, style)), 'x: 1\n---\na: 1\n');
    assert.equal(apply('x: 1\n---\n', appendDocument('x: 1\n---\n', { a: 1 }, style)), 'x: 1\n---\na: 1\n');
  });
});

describe('diffEdits', () => {
  it('gives small edits that reproduce the new text', () => {
    const before = 'a: 1\nb: 2\n# keep\nc: 3\nd: 4\n';
    const after = 'a: 1\nb: two\n# keep\nd: 4\ne: 5\n';
    const edits = diffEdits(before, after);
    assert.equal(applyEdits(before, edits), after);
    assert.ok(edits.every((e) => !before.slice(e.span.start, e.span.end).includes('# keep')));
    assert.deepEqual(diffEdits(before, before), []);
  });
});

describe('helpers of the rule fixes', () => {
  it('finds a node by its span', () => {
    const text = 'a:\n  b: [x, y]\n';
    const y = (at(text, 'a', 'b') as YSeq).items[1]!;
    assert.equal(findNodeBySpan(parseChunk(text, 0).root, y.span)?.span.start, y.span.start);
    assert.equal(findNodeBySpan(parseChunk(text, 0).root, { start: 0, end: 1 }), undefined);
  });

  it('appends several items in one edit, block (no final newline, CRLF) or flow (empty or not)', () => {
    const crlf = 'except:\r\n- 10.0.0.0/8';
    assert.equal(apply(crlf, insertSeqItems(crlf, at(crlf, 'except') as YSeq, ['a', 'b'], detectStyle(crlf))), 'except:\r\n- 10.0.0.0/8\r\n- a\r\n- b');
    const flow = 'a: []\nb: [x]\n';
    assert.equal(apply(flow, insertSeqItems(flow, at(flow, 'a') as YSeq, ['p', 'q'], detectStyle(flow))), 'a: [p, q]\nb: [x]\n');
    assert.equal(apply(flow, insertSeqItems(flow, at(flow, 'b') as YSeq, ['p', 'q'], detectStyle(flow))), 'a: []\nb: [x, p, q]\n');
  });

  it('writes a list where the key is missing, [] or null, and refuses a list that has items', () => {
    const style = detectStyle('');
    for (const [text, expected] of [
      ['spec:\n  podSelector: {}\n', 'spec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n'],
      ['spec:\n  podSelector: {}\n  policyTypes: []\n', 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n'],
      ['spec:\n  podSelector: {}\n  policyTypes:\n', 'spec:\n  podSelector: {}\n  policyTypes:\n  - Egress\n'],
    ] as const) {
      assert.equal(apply(text, setSeqEntry(text, at(text, 'spec') as YMap, 'policyTypes', ['Egress'], style)!), expected);
    }
    const full = 'spec:\n  policyTypes: [Ingress]\n';
    assert.equal(setSeqEntry(full, at(full, 'spec') as YMap, 'policyTypes', ['Egress'], style), undefined);
  });

  it('keeps the comment lines of a deletion, or says it cannot', () => {
    const text = 'spec:\n  egress:\n  # why\n  - {}\n  ingress: []\n';
    const spec = at(text, 'spec') as YMap;
    const kept = keepingCommentLines(text, deleteMapEntry(text, spec, spec.entries[0]!))!;
    assert.equal(apply(text, kept), 'spec:\n  # why\n  ingress: []\n');
    assert.equal(keepingCommentLines('a: 1 # x\n', { span: { start: 0, end: 4 }, newText: '' })?.newText, '');
    assert.equal(keepingCommentLines('- a: 1\n  # x\n  b: 2\n', { span: { start: 2, end: 15 }, newText: '' }), undefined);
  });

  it('orders a new mapping like its neighbour, and new items keep the gap after the dash', () => {
    const text = 'ports:\n-   protocol: UDP\n    port: 53\n';
    const ports = at(text, 'ports') as YSeq;
    const value = inKeyOrderOf(ports.items[0] as YMap, { port: 53, protocol: 'TCP' });
    assert.deepEqual(Object.keys(value), ['protocol', 'port']);
    assert.equal(apply(text, insertSeqItem(text, ports, value, detectStyle(text))), `${text}-   protocol: TCP\n    port: 53\n`);
  });
});

describe('insertSeqItemFirst', () => {
  it('puts a scalar first, quoted like the first item, in block and flow style', () => {
    const block = 'policyTypes:\n    - Egress # out\n';
    assert.equal(apply(block, insertSeqItemFirst(block, at(block, 'policyTypes') as YSeq, 'Ingress', detectStyle(block))!), 'policyTypes:\n    - Ingress\n    - Egress # out\n');
    const flow = 'policyTypes: ["Egress"]\n';
    assert.equal(apply(flow, insertSeqItemFirst(flow, at(flow, 'policyTypes') as YSeq, 'Ingress', detectStyle(flow))!), 'policyTypes: ["Ingress", "Egress"]\n');
    const json = '{"policyTypes": [\n  "Egress"\n]}\n';
    assert.equal(apply(json, insertSeqItemFirst(json, at(json, 'policyTypes') as YSeq, 'Ingress', detectStyle(json))!), '{"policyTypes": [\n  "Ingress",\n  "Egress"\n]}\n');
  });
});
