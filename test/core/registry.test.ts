// The engine runs the rules of the registry it is given: a service made with another registry reports only that
// registry's rules, looks severities and suppressibility up there, and still honours suppression comments.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryOf } from '../../server/src/rules/registry';
import { defineRule } from '../../server/src/rules/types';
import { createLanguageService } from '../../server/src/service';

const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: a\nspec:\n  podSelector: {}\n';

const always = defineRule({
  meta: { id: 'always', title: 'Always', category: 'meta', severity: 'warning', docs: '' },
  *checkPolicy(policy) {
    yield { span: policy.node.span, message: 'always here' };
  },
});

test('the service lints with the registry it is given', () => {
  const service = createLanguageService({ registry: registryOf([always]), settings: { rules: { 'invalid-port': 'error' } } });
  service.update('f', `${POLICY}  ingress:\n    - ports:\n        - port: 99999\n`);
  assert.deepEqual(service.getDiagnostics('f').map((d) => [d.code, d.severity]), [['always', 2]]);
  service.update('f', `# netpol-disable always\n${POLICY}`);
  assert.deepEqual(service.getDiagnostics('f'), []);
});
