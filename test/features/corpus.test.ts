// Every corpus policy (test/corpus, except the unrendered Helm templates): the explanation, the outline, the lenses and a
// hover at every key and value, and a completion in every mapping, are produced without error; every policy gets an
// explanation of all three parts.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { codeLenses } from '../../server/src/features/explain/code-lens';
import { complete } from '../../server/src/features/completion/completion';
import { explainPolicy } from '../../server/src/features/describe/explain';
import { hover } from '../../server/src/features/hover/hover';
import { documentSymbols } from '../../server/src/features/symbols';
import { allRules } from '../../server/src/rules/registry';
import type { YNode } from '../../server/src/syntax/tree';
import { snapshotOf } from './policy-fixture';
import { yamlFiles } from '../support/files';

const root = join(import.meta.dirname, '..', 'corpus');
/** The features read the parsed model only; turning the rules off keeps this test fast. */
const RULES_OFF = { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, 'off'])) };


/** Offsets worth hovering: start, middle and end of every key and value. */
function offsetsOf(node: YNode, seen = new Set<YNode>()): number[] {
  if (seen.has(node)) return [];
  seen.add(node);
  const mid = (s: { start: number; end: number }) => [s.start, (s.start + s.end) >> 1, s.end];
  if (node.kind === 'scalar') return mid(node.span);
  if (node.kind === 'seq') return node.items.flatMap((i) => offsetsOf(i, seen));
  return node.entries.flatMap((e) => [...mid(e.keySpan), ...offsetsOf(e.value, seen)]);
}

/** Where completion is asked for: at the first key of every mapping (its line up to the key is then the context). */
function keyStarts(node: YNode, seen = new Set<YNode>()): number[] {
  if (seen.has(node)) return [];
  seen.add(node);
  if (node.kind === 'seq') return node.items.flatMap((i) => keyStarts(i, seen));
  if (node.kind === 'map') return [...node.entries.slice(0, 1).map((e) => e.keySpan.start), ...node.entries.flatMap((e) => keyStarts(e.value, seen))];
  return [];
}

describe('features over the corpus', () => {
  const files = yamlFiles(root, ['helm-templates']);
  it('finds the corpus', () => assert.ok(files.length > 100, `${files.length} files`));

  it('explains, outlines and hovers every policy without error', () => {
    let policies = 0;
    let hovers = 0;
    for (const file of files) {
      const name = relative(root, file);
      const snapshot = snapshotOf(readFileSync(file, 'utf8'), RULES_OFF);
      assert.doesNotThrow(() => documentSymbols(snapshot), name);
      assert.doesNotThrow(() => codeLenses(snapshot), name);
      for (const doc of snapshot.documents) {
        for (const policy of doc.analysis.policies) {
          policies++;
          const e = explainPolicy(policy);
          assert.ok(e.subject.startsWith('Applies to ') && e.ingress.startsWith('Ingress: ') && e.egress.startsWith('Egress: '), name);
          for (const offset of offsetsOf(policy.node)) {
            const h = hover(snapshot, doc.start + offset);
            if (h) hovers++;
          }
          for (const offset of keyStarts(policy.node)) complete(snapshot, doc.start + offset);
        }
      }
    }
    assert.ok(policies > 300, `${policies} policies`);
    assert.ok(hovers > 10_000, `${hovers} hovers`);
  });
});
