// Golden file: the hover at every key and scalar value of test/features/golden/hover.yaml, recorded in hover.golden.md so
// that a change to any hover text shows up in review. `UPDATE_GOLDEN=1` rewrites the golden file.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { hover } from '../../server/src/features/hover/hover';
import type { YNode } from '../../server/src/syntax/tree';
import { snapshotOf } from './policy-fixture';

const dir = join(import.meta.dirname, 'golden');

function positions(node: YNode): number[] {
  if (node.kind === 'scalar') return node.empty ? [] : [node.span.start];
  if (node.kind === 'seq') return node.items.flatMap(positions);
  return node.entries.flatMap((e) => [e.keySpan.start, ...positions(e.value)]);
}

it('hover matches the golden file', () => {
  const text = readFileSync(join(dir, 'hover.yaml'), 'utf8');
  const snapshot = snapshotOf(text);
  const doc = snapshot.documents[0]!;
  const out: string[] = [];
  for (const offset of positions(doc.analysis.policies[0]!.node)) {
    const at = doc.start + offset;
    const h = hover(snapshot, at);
    const { line, character } = snapshot.lines.positionAt(at);
    const word = /^[^\s:,\]]+/.exec(text.slice(at))?.[0] ?? '';
    const value = h ? (h.contents as { value: string }).value : '(no hover)';
    out.push(`## ${line + 1}:${character + 1} \`${word}\`\n\n${value}\n`);
  }
  const actual = out.join('\n');
  const goldenPath = join(dir, 'hover.golden.md');
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, actual);
  assert.equal(actual, readFileSync(goldenPath, 'utf8'), 'hover changed: review it and run with UPDATE_GOLDEN=1');
});
