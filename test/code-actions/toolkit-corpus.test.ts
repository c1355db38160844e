// The edit toolkit on every mapping, sequence and scalar of every distinct corpus policy document: after each insertion,
// deletion or replacement the document still parses, its value is exactly the old value with that one change, and
// every comment line outside the changed text is kept. This is what rule fixes rely on, in every style the corpus has
// (flow JSON with trailing commas, 4-space, one-space, sequences indented or not, CRLF, no final newline).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseDocument } from 'yaml';
import {
  applyEdits,
  deleteMapEntry,
  deleteSeqItem,
  detectStyle,
  insertMapEntry,
  insertSeqItem,
  replaceScalar,
  type EditStyle,
  type TextEdit,
} from '../../server/src/edit/index';
import { parseDocumentChunk } from '../../server/src/lint/document';
import { splitDocuments } from '../../server/src/syntax/split';
import { toJS, type YNode } from '../../server/src/syntax/tree';
import { lostComments } from './support';
import { yamlFiles } from '../support/files';

const corpus = join(import.meta.dirname, '..', 'corpus');
const VALUE = { netpolTest: ['x', 1] };


type Path = (string | number)[];

/** Every node with its path, each node once (aliases are not followed twice). */
function nodes(root: YNode): { node: YNode; path: Path }[] {
  const out: { node: YNode; path: Path }[] = [];
  const seen = new Set<YNode>();
  const visit = (node: YNode, path: Path) => {
    if (seen.has(node)) return;
    seen.add(node);
    out.push({ node, path });
    if (node.kind === 'map') for (const e of node.entries) visit(e.value, [...path, e.key]);
    if (node.kind === 'seq') node.items.forEach((item, i) => visit(item, [...path, i]));
  };
  visit(root, []);
  return out;
}

function mutate(value: unknown, path: Path, change: (parent: unknown) => unknown): unknown {
  const copy = structuredClone(value);
  if (path.length === 0) return change(copy);
  let parent = copy as Record<string | number, unknown>;
  for (const p of path.slice(0, -1)) parent = parent[p] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  parent[last] = change(parent[last]);
  return copy;
}

interface Case {
  title: string;
  edit: TextEdit;
  expected: unknown;
  /** Deleting an entry may delete comment lines inside it. */
  mayDropComments?: boolean;
}

function cases(text: string, root: YNode, style: EditStyle): Case[] {
  const original = toJS(root);
  const out: Case[] = [];
  for (const { node, path } of nodes(root)) {
    const where = path.join('.') || '(root)';
    if (node.kind === 'map') {
      out.push({
        title: `insert into ${where}`,
        edit: insertMapEntry(text, node, 'netpolInserted', VALUE, style),
        expected: mutate(original, path, (m) => ({ ...(m as object), netpolInserted: VALUE })),
      });
      const last = node.entries[node.entries.length - 1];
      if (last && new Set(node.entries.map((e) => e.key)).size === node.entries.length) {
        out.push({
          title: `delete ${where}.${last.key}`,
          edit: deleteMapEntry(text, node, last),
          expected: mutate(original, path, (m) => {
            const copy = { ...(m as Record<string, unknown>) };
            delete copy[last.key];
            return copy;
          }),
          mayDropComments: true,
        });
      }
    } else if (node.kind === 'seq') {
      out.push({
        title: `append to ${where}`,
        edit: insertSeqItem(text, node, VALUE, style),
        expected: mutate(original, path, (s) => [...(s as unknown[]), VALUE]),
      });
      if (node.items.length > 0) {
        out.push({
          title: `delete ${where}[0]`,
          edit: deleteSeqItem(text, node, node.items[0]!),
          expected: mutate(original, path, (s) => (s as unknown[]).slice(1)),
          mayDropComments: true,
        });
      }
    } else if (typeof node.value === 'string' && node.style !== 'block' && path.length > 0) {
      out.push({ title: `replace ${where}`, edit: replaceScalar(text, node, 'netpol: "replaced"'), expected: mutate(original, path, () => 'netpol: "replaced"') });
    }
  }
  return out;
}

/**
 * A sample that keeps the test fast and every style covered: the first few policy documents of each corpus source, plus
 * every document written in a way not seen before (indentation, sequence style, line endings, flow root, final newline).
 */
const PER_SOURCE = 3;

function fingerprint(text: string, root: YNode): string {
  const style = detectStyle(text);
  return JSON.stringify([style, root.kind === 'map' && root.flow, text.endsWith('\n'), /^ [a-z]/m.test(text), text.includes('#')]);
}

describe('edit toolkit on every node of a sample of corpus policies', () => {
  const seen = new Set<string>();
  const fingerprints = new Set<string>();
  const perSource = new Map<string, number>();
  let total = 0;
  let documents = 0;
  for (const file of yamlFiles(corpus, ['helm-templates'])) {
    const text = readFileSync(file, 'utf8');
    const source = relative(corpus, file).split('/')[0]!;
    const chunks = splitDocuments(text).filter((c) => {
      if (seen.has(c.text)) return false;
      seen.add(c.text);
      const { parsed, policies } = parseDocumentChunk(c.text);
      if (policies.length === 0 || parsed.duplicateKeys.length > 0 || parsed.syntaxErrors.length > 0) return false;
      const print = fingerprint(c.text, parsed.root!);
      const taken = perSource.get(source) ?? 0;
      if (fingerprints.has(print) && taken >= PER_SOURCE) return false;
      fingerprints.add(print);
      perSource.set(source, taken + 1);
      documents++;
      return true;
    });
    if (chunks.length === 0) continue;
    it(relative(corpus, file), () => {
      const style = detectStyle(text);
      const problems: string[] = [];
      for (const chunk of chunks) {
        const root = parseDocumentChunk(chunk.text).parsed.root!;
        for (const c of cases(chunk.text, root, style)) {
          total++;
          const after = applyEdits(chunk.text, [c.edit]);
          const doc = parseDocument(after, { uniqueKeys: false });
          if (doc.errors.length) {
            problems.push(`${c.title}: does not parse: ${doc.errors[0]!.message.split('\n')[0]}`);
            continue;
          }
          try {
            assert.deepEqual(doc.toJS({ maxAliasCount: -1 }), c.expected);
          } catch {
            problems.push(`${c.title}: wrong value\n${after}`);
          }
          if (!c.mayDropComments && lostComments(chunk.text, after).length) problems.push(`${c.title}: comment lines lost`);
          if (c.mayDropComments) {
            const removed = chunk.text.slice(c.edit.span.start, c.edit.span.end);
            const lost = lostComments(chunk.text, after).filter((l) => !removed.includes(l));
            if (lost.length) problems.push(`${c.title}: comment lines outside the deleted text lost: ${lost.join(' / ')}`);
          }
        }
      }
      assert.deepEqual(problems.slice(0, 5), [], problems.slice(0, 5).join('\n'));
    });
  }
  it('edited many nodes', () => {
    assert.ok(total > 1_000, `only ${total} edits`);
    process.stdout.write(`# toolkit on the corpus: ${documents} documents (${fingerprints.size} writing styles), ${total} edits checked\n`);
  });
});
