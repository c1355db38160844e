// Completion on real policies: a new line is opened inside a block mapping of a corpus policy (before one of its keys, at
// that key's column), or a new entry begun at the end of a one-line flow mapping, and completion must offer exactly the
// schema's keys for that mapping minus those already present.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { it } from 'node:test';
import { complete } from '../../server/src/features/completion/completion';
import { parseDocumentChunk } from '../../server/src/lint/document';
import { allRules } from '../../server/src/rules/registry';
import { knownKeys, schemaAt } from '../../server/src/schema/schema';
import { splitDocuments } from '../../server/src/syntax/split';
import type { YMap, YNode } from '../../server/src/syntax/tree';
import { snapshotOf } from './policy-fixture';
import { yamlFiles } from '../support/files';

const root = join(import.meta.dirname, '..', 'corpus');
const RULES_OFF = { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, 'off'])) };
/** Enough cases per kind of mapping (spec, rule, peer, port, selector, ipBlock...) to cover the corpus' styles. */
const PER_SHAPE = 6;


/** Block mappings with at least two keys, with their path below the policy object. */
function blockMaps(node: YNode, path: (string | number)[], out: { map: YMap; path: (string | number)[] }[]): void {
  if (node.kind === 'seq') node.items.forEach((item, i) => blockMaps(item, [...path, i], out));
  if (node.kind !== 'map' || node.flow) return;
  if (node.entries.length >= 2) out.push({ map: node, path });
  for (const e of node.entries) blockMaps(e.value, [...path, e.key], out);
}

/** Flow mappings, with their path below the policy object. */
function flowMaps(node: YNode, path: (string | number)[], out: { map: YMap; path: (string | number)[] }[]): void {
  if (node.kind === 'seq') node.items.forEach((item, i) => flowMaps(item, [...path, i], out));
  if (node.kind !== 'map') return;
  if (node.flow) out.push({ map: node, path });
  for (const e of node.entries) flowMaps(e.value, [...path, e.key], out);
}

it('offers exactly the missing keys inside real policies', () => {
  const seen = new Map<string, number>();
  let checked = 0;
  for (const file of yamlFiles(root, ['helm-templates'])) {
    const text = readFileSync(file, 'utf8');
    for (const chunk of splitDocuments(text)) {
      // Parsing alone finds the mappings; only the edited texts need a whole snapshot.
      const doc = { start: chunk.start };
      for (const policy of parseDocumentChunk(chunk.text).policies) {
        const maps: { map: YMap; path: (string | number)[] }[] = [];
        blockMaps(policy.node, [], maps);
        for (const { map, path } of maps) {
          const shape = path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');
          if (path[0] === 'metadata' || path.includes('matchLabels') || (seen.get(shape) ?? 0) >= PER_SHAPE) continue;
          const second = map.entries[1]!;
          const keyAt = doc.start + second.keySpan.start;
          const lineStart = text.lastIndexOf('\n', keyAt - 1) + 1;
          if (text.slice(lineStart, keyAt).trim() !== '') continue;
          seen.set(shape, (seen.get(shape) ?? 0) + 1);
          const column = keyAt - lineStart;
          const edited = `${text.slice(0, lineStart)}${' '.repeat(column)}\n${text.slice(lineStart)}`;
          const items = complete(snapshotOf(edited, RULES_OFF), lineStart + column).items.filter((i) => i.kind !== 15);
          const present = new Set(map.entries.map((e) => e.key));
          const expected = knownKeys(schemaAt(path)).filter((k) => !present.has(k)).sort();
          assert.deepEqual(items.map((i) => i.label).sort(), expected, `${relative(root, file)} at ${shape} (line ${text.slice(0, lineStart).split('\n').length})`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked >= 40, `${checked} positions checked: ${[...seen.keys()].join(', ')}`);
});

it('offers exactly the missing keys in real policies\' flow mappings', () => {
  const seen = new Map<string, number>();
  let checked = 0;
  for (const file of yamlFiles(root, ['helm-templates'])) {
    const text = readFileSync(file, 'utf8');
    for (const chunk of splitDocuments(text)) {
      for (const policy of parseDocumentChunk(chunk.text).policies) {
        const maps: { map: YMap; path: (string | number)[] }[] = [];
        flowMaps(policy.node, [], maps);
        for (const { map, path } of maps) {
          const shape = path.map((p) => (typeof p === 'number' ? '[]' : p)).join('.');
          if (path[0] === 'metadata' || path.includes('matchLabels') || (seen.get(shape) ?? 0) >= PER_SHAPE) continue;
          const close = chunk.start + map.span.end - 1;
          if (text[close] !== '}' || text.slice(chunk.start + map.span.start, close).includes('\n')) continue;
          seen.set(shape, (seen.get(shape) ?? 0) + 1);
          // A new entry before the `}`: after a comma when the mapping has entries.
          const typed = map.entries.length > 0 ? ', ' : '';
          const edited = `${text.slice(0, close)}${typed}${text.slice(close)}`;
          const items = complete(snapshotOf(edited, RULES_OFF), close + typed.length).items;
          const present = new Set(map.entries.map((e) => e.key));
          const expected = knownKeys(schemaAt(path)).filter((k) => !present.has(k)).sort();
          assert.deepEqual(items.map((i) => i.label).sort(), expected, `${relative(root, file)} at ${shape} (line ${text.slice(0, close).split('\n').length})`);
          assert.ok(items.every((i) => i.textEdit && !i.textEdit.newText.includes('\n')), `${relative(root, file)} at ${shape}: a block-style insertion`);
          checked++;
        }
      }
    }
  }
  assert.ok(checked >= 30, `${checked} positions checked: ${[...seen.keys()].join(', ')}`);
});
