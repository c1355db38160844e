// A rule that throws must not take the others down: its findings of that call are replaced by one internal-error finding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument } from '../../server/src/lint/document';
import { activeRules } from '../../server/src/lint/active-rules';
import { DEFAULT_SETTINGS } from '../../server/src/lint/settings';
import { registryOf } from '../../server/src/rules/registry';
test('a throwing rule becomes one internal-error finding', () => {
  const rule = { meta: { id: 'boom' }, *checkPolicy() { yield { span: { start: 0, end: 1 }, message: 'first' }; throw new Error('bad'); } } as any;
  const a = analyzeDocument('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\nspec:\n  podSelector: {}\n', activeRules(registryOf([rule]), DEFAULT_SETTINGS));
  assert.equal(a.findings.length, 1);
  assert.match(a.findings[0]!.message, /internal error in rule boom: Error: bad/);
  assert.equal(a.findings[0]!.ruleId, 'boom');
});
