// Typing simulation: the golden policy is typed character by character, and at each pause completion, hover, outline and
// lenses answer without throwing on the half-written (often invalid) YAML; offered labels are never duplicated.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { codeLenses } from '../../server/src/features/explain/code-lens';
import { complete } from '../../server/src/features/completion/completion';
import { hover } from '../../server/src/features/hover/hover';
import { documentSymbols } from '../../server/src/features/symbols';
import { allRules } from '../../server/src/rules/registry';
import { snapshotOf } from './policy-fixture';

const RULES_OFF = { rules: Object.fromEntries(allRules.map((r) => [r.meta.id, 'off'])) };

it('answers at every step of typing a policy', () => {
  const text = readFileSync(join(import.meta.dirname, 'golden', 'hover.yaml'), 'utf8');
  let offered = 0;
  for (let end = 0; end <= text.length; end++) {
    // Every point where a user pauses (after a space, colon, dash or newline), and every fourth character between.
    if (end % 4 !== 0 && !' :-\n'.includes(text[end - 1] ?? '')) continue;
    const prefix = text.slice(0, end);
    const snapshot = snapshotOf(prefix, RULES_OFF);
    const items = complete(snapshot, end).items;
    const labels = items.map((i) => i.label);
    assert.equal(new Set(labels).size, labels.length, `duplicate labels after ${JSON.stringify(prefix.slice(-30))}: ${labels.join(', ')}`);
    offered += items.length;
    hover(snapshot, Math.max(0, end - 1));
    documentSymbols(snapshot);
    codeLenses(snapshot);
  }
  assert.ok(offered > 500, `${offered} items offered in total`);
});
