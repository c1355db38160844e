// Typing simulation: the golden policy, and one written in flow style, are typed character by character, and at each pause
// completion, hover, outline and lenses answer without throwing on the half-written (often invalid) YAML; offered labels
// are never duplicated.
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

const FLOW_POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: api, namespace: prod}
spec:
  podSelector: {matchLabels: {app: api}, matchExpressions: [{key: tier, operator: In, values: [backend, "cache"]}]}
  policyTypes: [Ingress, Egress]
  ingress:
    - {from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: monitoring}}}], ports: [{port: 8080, protocol: TCP}]}
  egress:
    - to: [{ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}}]
`;

it('answers at every step of typing a policy in flow style, offering flow-style keys', () => {
  let offered = 0;
  for (let end = 0; end <= FLOW_POLICY.length; end++) {
    if (end % 3 !== 0 && !' :-{[,\n'.includes(FLOW_POLICY[end - 1] ?? '')) continue;
    const prefix = FLOW_POLICY.slice(0, end);
    const snapshot = snapshotOf(prefix, RULES_OFF);
    const items = complete(snapshot, end).items;
    const labels = items.map((i) => i.label);
    assert.equal(new Set(labels).size, labels.length, `duplicate labels after ${JSON.stringify(prefix.slice(-30))}: ${labels.join(', ')}`);
    const line = prefix.slice(prefix.lastIndexOf('\n') + 1);
    // Past a `{` on the cursor's line, every key goes on that line.
    if (line.includes('{')) for (const i of items) assert.ok(!i.textEdit?.newText.includes('\n'), `block insertion ${JSON.stringify(i.textEdit?.newText)} after ${JSON.stringify(line)}`);
    offered += items.length;
    hover(snapshot, Math.max(0, end - 1));
    documentSymbols(snapshot);
    codeLenses(snapshot);
  }
  assert.ok(offered > 300, `${offered} items offered in total`);
});
