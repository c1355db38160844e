// Outline and CodeLens over a multi-document file: every policy (also inside a List) with its rules.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { codeLenses } from '../../server/src/features/explain/code-lens';
import { documentSymbols } from '../../server/src/features/symbols';
import { snapshotOf } from './policy-fixture';

const FILE = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: prod
spec:
  podSelector:
    matchLabels:
      app: api
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - port: 8080
  egress:
    - to:
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: kube-system
          podSelector:
            matchLabels:
              k8s-app: kube-dns
      ports:
        - protocol: UDP
          port: 53
        - protocol: TCP
          port: 53
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except: [169.254.169.254/32]
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-policy
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-all
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
---
apiVersion: v1
kind: List
items:
  - apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: in-list
      namespace: team-a
    spec:
      podSelector: {}
      ingress:
        - {}
`;

describe('document symbols', () => {
  const snapshot = snapshotOf(FILE);
  const symbols = documentSymbols(snapshot);

  it('lists every policy as namespace/name, in order', () => {
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['prod/api', 'deny-all', 'team-a/in-list'],
    );
  });

  it('lists each rule with a short summary', () => {
    assert.deepEqual(
      symbols.map((s) => (s.children ?? []).map((c) => `${c.detail}: ${c.name}`)),
      [
        [
          'ingress rule 1: from app=frontend on TCP 8080',
          'egress rule 1: to k8s-app=kube-dns in ns kube-system on UDP 53, TCP 53',
          'egress rule 2: to 0.0.0.0/0 except 1 on all ports',
        ],
        [],
        ['ingress rule 1: from anywhere on all ports'],
      ],
    );
  });

  it('places policies and rules at their text', () => {
    const [api, denyAll, inList] = symbols;
    assert.equal(api!.range.start.line, 0);
    assert.equal(api!.selectionRange.start.line, 3);
    assert.equal(denyAll!.range.start.line, 39);
    assert.equal(inList!.selectionRange.start.line, 53);
    assert.equal(api!.children![1]!.range.start.line, 17);
    for (const s of symbols) {
      const inside = (r: typeof s.range, outer: typeof s.range) => r.start.line >= outer.start.line && r.end.line <= outer.end.line;
      assert.ok(inside(s.selectionRange, s.range));
      for (const c of s.children ?? []) assert.ok(inside(c.range, s.range) && inside(c.selectionRange, c.range));
    }
  });
});

describe('code lenses', () => {
  it('explain each policy above its first line', () => {
    const lenses = codeLenses(snapshotOf(FILE));
    assert.deepEqual(
      lenses.map((l) => `${l.range.start.line}: ${l.command?.title}`),
      [
        '0: Applies to pods labelled app=api in namespace prod.',
        '0: Ingress: isolated. Allowed from pods labelled app=frontend in this namespace, on TCP 8080 (HTTP alternate). Everything else is denied.',
        '0: Egress: isolated. Allowed to pods labelled k8s-app=kube-dns in namespace kube-system, on UDP 53 (DNS) or TCP 53 (DNS); and to any IPv4 address (0.0.0.0/0) except …',
        '39: Applies to every pod in the namespace it is created in.',
        '39: Ingress: isolated. Nothing is allowed: all ingress is denied.',
        '39: Egress: isolated. Nothing is allowed: all egress is denied.',
        '50: Applies to every pod in namespace team-a.',
        '50: Ingress: isolated, but a rule allows everything (from anywhere, on all ports): all ingress is allowed.',
        '50: Egress: not affected by this policy.',
      ],
    );
  });
});
