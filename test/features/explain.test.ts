// The plain-English explanation, table-driven: each policy with the sentences it must produce. The cases cover the tricky
// semantics of the API: empty vs missing from/to/ports, `{}` and null selectors, AND vs OR peers, policyTypes defaults,
// ipBlock with except, named ports and endPort ranges.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainPolicy } from '../../server/src/features/describe/explain';
import { modelOf, policyYaml } from './policy-fixture';

interface Case {
  name: string;
  spec: string;
  namespace?: string | null;
  subject?: string;
  ingress?: string;
  egress?: string;
  /** Substrings that some note must contain. */
  notes?: string[];
  /** Substrings that no note may contain. */
  noNotes?: string[];
}

const NOT_AFFECTED_EGRESS = 'Egress: not affected by this policy.';
const NOT_AFFECTED_INGRESS = 'Ingress: not affected by this policy.';
const DENY_INGRESS = 'Ingress: isolated. Nothing is allowed: all ingress is denied.';
const DENY_EGRESS = 'Egress: isolated. Nothing is allowed: all egress is denied.';
const NODE_NOTE = 'node a selected pod runs on';

const cases: Case[] = [
  {
    name: 'default-deny ingress with explicit policyTypes',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Ingress]',
    subject: 'Applies to every pod in namespace prod.',
    ingress: DENY_INGRESS,
    egress: NOT_AFFECTED_EGRESS,
    notes: [NODE_NOTE],
  },
  {
    name: 'no policyTypes and no rules: defaults to Ingress only',
    spec: 'spec:\n  podSelector: {}',
    ingress: DENY_INGRESS,
    egress: NOT_AFFECTED_EGRESS,
  },
  {
    name: 'empty policyTypes list is defaulted like a missing one',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: []\n  egress:\n    - to:\n        - podSelector: {}',
    ingress: DENY_INGRESS,
    egress: 'Egress: isolated. Allowed to every pod in this namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'ingress: [] isolates and allows nothing',
    spec: 'spec:\n  podSelector: {}\n  ingress: []',
    ingress: DENY_INGRESS,
  },
  {
    name: 'egress: [] does not add Egress to the default policyTypes',
    spec: 'spec:\n  podSelector: {}\n  egress: []',
    ingress: DENY_INGRESS,
    egress: 'Egress: not affected by this policy (an empty egress list does not add Egress to the default policyTypes).',
  },
  {
    name: 'egress-only deny',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]',
    ingress: NOT_AFFECTED_INGRESS,
    egress: DENY_EGRESS,
    noNotes: [NODE_NOTE],
  },
  {
    name: 'deny all in both directions',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]',
    ingress: DENY_INGRESS,
    egress: DENY_EGRESS,
  },
  {
    name: 'an empty ingress rule allows everything',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - {}',
    ingress: 'Ingress: isolated, but a rule allows everything (from anywhere, on all ports): all ingress is allowed.',
  },
  {
    name: 'from: [] is every source, like a missing from',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from: []',
    ingress: 'Ingress: isolated, but a rule allows everything (from anywhere, on all ports): all ingress is allowed.',
  },
  {
    name: 'missing from with ports: any source on those ports',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: 80',
    ingress: 'Ingress: isolated. Allowed from anywhere, on TCP 80 (HTTP). Everything else is denied.',
  },
  {
    name: 'null from is every source too',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n      ports:\n        - port: 443',
    ingress: 'Ingress: isolated. Allowed from anywhere, on TCP 443 (HTTPS). Everything else is denied.',
  },
  {
    name: 'podSelector alone: pods of the policy namespace',
    spec: 'spec:\n  podSelector:\n    matchLabels:\n      app: api\n  ingress:\n    - from:\n        - podSelector:\n            matchLabels:\n              app: frontend\n      ports:\n        - port: 8080',
    subject: 'Applies to pods labelled app=api in namespace prod.',
    ingress: 'Ingress: isolated. Allowed from pods labelled app=frontend in this namespace, on TCP 8080 (HTTP alternate). Everything else is denied.',
    egress: NOT_AFFECTED_EGRESS,
  },
  {
    name: 'namespaceSelector alone: every pod of the matching namespaces',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: a',
    ingress: 'Ingress: isolated. Allowed from every pod in namespaces labelled team=a, on all ports. Everything else is denied.',
  },
  {
    name: 'both selectors in one peer: AND',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: a\n          podSelector:\n            matchLabels:\n              app: web',
    ingress: 'Ingress: isolated. Allowed from pods labelled app=web in namespaces labelled team=a, on all ports. Everything else is denied.',
  },
  {
    name: 'selectors in separate peers: OR',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              team: a\n        - podSelector:\n            matchLabels:\n              app: web',
    ingress: 'Ingress: isolated. Allowed from every pod in namespaces labelled team=a or pods labelled app=web in this namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'namespaceSelector {}: every namespace',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: {}',
    ingress: 'Ingress: isolated. Allowed from every pod in every namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'namespaceSelector {} and podSelector with labels: those pods in every namespace',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector: {}\n          podSelector:\n            matchLabels:\n              app: prometheus',
    ingress: 'Ingress: isolated. Allowed from pods labelled app=prometheus in every namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'podSelector {} as a peer: every pod of this namespace',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}',
    ingress: 'Ingress: isolated. Allowed from every pod in this namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'a null podSelector in a peer counts as absent',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector:\n          namespaceSelector:\n            matchLabels:\n              team: a',
    ingress: 'Ingress: isolated. Allowed from every pod in namespaces labelled team=a, on all ports. Everything else is denied.',
  },
  {
    name: 'a null spec.podSelector selects every pod',
    spec: 'spec:\n  podSelector:\n  policyTypes: [Ingress]',
    subject: 'Applies to every pod in namespace prod.',
  },
  {
    name: 'a policy without namespace applies where it is created',
    spec: 'spec:\n  podSelector: {}',
    namespace: null,
    subject: 'Applies to every pod in the namespace it is created in.',
  },
  {
    name: 'matchExpressions in words',
    spec: 'spec:\n  podSelector:\n    matchExpressions:\n      - {key: tier, operator: In, values: [web, edge]}\n      - {key: env, operator: NotIn, values: [dev]}\n      - {key: track, operator: Exists}\n      - {key: canary, operator: DoesNotExist}',
    subject: 'Applies to pods labelled tier in (web, edge) and env not in (dev) and track (any value), without label canary in namespace prod.',
  },
  {
    name: 'matchLabels and matchExpressions are ANDed',
    spec: 'spec:\n  podSelector:\n    matchLabels:\n      app: api\n    matchExpressions:\n      - {key: tier, operator: In, values: [web, edge]}',
    subject: 'Applies to pods labelled app=api and tier in (web, edge) in namespace prod.',
  },
  {
    name: 'namespaces by name with kubernetes.io/metadata.name In',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchExpressions:\n              - key: kubernetes.io/metadata.name\n                operator: In\n                values: [a, b]',
    ingress: 'Ingress: isolated. Allowed from every pod in namespaces a, b, on all ports. Everything else is denied.',
  },
  {
    name: 'ipBlock with except',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.1.0.0/16, 10.2.0.0/16]',
    egress: 'Egress: isolated. Allowed to IP range 10.0.0.0/8 except 10.1.0.0/16 and 10.2.0.0/16, on all ports. Everything else is denied.',
    notes: ['addresses outside the cluster'],
  },
  {
    name: 'internet egress except the metadata endpoint',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock:\n            cidr: 0.0.0.0/0\n            except:\n              - 169.254.169.254/32\n      ports:\n        - port: 443',
    egress: 'Egress: isolated. Allowed to any IPv4 address (0.0.0.0/0) except 169.254.169.254/32, on TCP 443 (HTTPS). Everything else is denied.',
  },
  {
    name: 'named port resolves against container ports',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: http',
    ingress: 'Ingress: isolated. Allowed from anywhere, on TCP port "http". Everything else is denied.',
    notes: ['container port of that name on the pods this policy selects'],
  },
  {
    name: 'named port in egress resolves on the destination pods',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - ports:\n        - port: metrics',
    notes: ['container port of that name on the destination pods'],
  },
  {
    name: 'endPort makes a range',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: TCP\n          port: 32000\n          endPort: 32768',
    ingress: 'Ingress: isolated. Allowed from anywhere, on TCP 32000-32768. Everything else is denied.',
  },
  {
    name: 'protocol without port: every port of that protocol',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - protocol: UDP',
    ingress: 'Ingress: isolated. Allowed from anywhere, on all UDP ports. Everything else is denied.',
  },
  {
    name: 'ports: [] means all ports',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {}\n      ports: []',
    ingress: 'Ingress: isolated. Allowed from every pod in this namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'ingress rules are ignored when policyTypes leaves Ingress out',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  ingress:\n    - from:\n        - podSelector: {}',
    ingress: 'Ingress: not affected by this policy (policyTypes leaves out Ingress, so its ingress rule is ignored).',
    egress: DENY_EGRESS,
  },
  {
    name: 'egress rules without policyTypes add Egress',
    spec: 'spec:\n  podSelector: {}\n  egress:\n    - to:\n        - podSelector: {}',
    ingress: DENY_INGRESS,
    egress: 'Egress: isolated. Allowed to every pod in this namespace, on all ports. Everything else is denied.',
  },
  {
    name: 'several rules',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: a}}\n      ports: [{port: 80}]\n    - from:\n        - podSelector: {matchLabels: {app: b}}\n      ports: [{port: 443}]',
    ingress: 'Ingress: isolated. Allowed from pods labelled app=a in this namespace, on TCP 80 (HTTP); and from pods labelled app=b in this namespace, on TCP 443 (HTTPS). Everything else is denied.',
  },
  {
    name: 'DNS egress to kube-dns',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: kube-system\n          podSelector:\n            matchLabels:\n              k8s-app: kube-dns\n      ports:\n        - protocol: UDP\n          port: 53\n        - protocol: TCP\n          port: 53',
    egress: 'Egress: isolated. Allowed to pods labelled k8s-app=kube-dns in namespace kube-system, on UDP 53 (DNS) or TCP 53 (DNS). Everything else is denied.',
  },
  {
    name: 'an empty peer is invalid and matches nothing',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - {}',
    ingress: 'Ingress: isolated. Allowed from nothing (an empty peer is invalid: it needs a podSelector, namespaceSelector or ipBlock), on all ports. Everything else is denied.',
  },
  {
    name: 'ipBlock and a selector in one peer is invalid',
    spec: 'spec:\n  podSelector: {}\n  ingress:\n    - from:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n          podSelector: {}',
    ingress: 'Ingress: isolated. Allowed from IP range 10.0.0.0/8 (invalid: a peer with ipBlock cannot also have selectors), on all ports. Everything else is denied.',
  },
  {
    name: 'to: [] with ports is every destination on those ports',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to: []\n      ports: [{port: 443}]',
    egress: 'Egress: isolated. Allowed to anywhere, on TCP 443 (HTTPS). Everything else is denied.',
  },
  {
    name: 'allow-all egress',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - {}',
    egress: 'Egress: isolated, but a rule allows everything (to anywhere, on all ports): all egress is allowed.',
  },
  {
    name: 'IPv6 everything',
    spec: 'spec:\n  podSelector: {}\n  policyTypes: [Egress]\n  egress:\n    - to:\n        - ipBlock: {cidr: "::/0"}',
    egress: 'Egress: isolated. Allowed to any IPv6 address (::/0), on all ports. Everything else is denied.',
  },
];

describe('explainPolicy', () => {
  it('has at least 30 cases', () => assert.ok(cases.length >= 30, `${cases.length} cases`));
  for (const c of cases) {
    it(c.name, () => {
      const e = explainPolicy(modelOf(policyYaml(c.spec, { namespace: c.namespace })));
      if (c.subject !== undefined) assert.equal(e.subject, c.subject);
      if (c.ingress !== undefined) assert.equal(e.ingress, c.ingress);
      if (c.egress !== undefined) assert.equal(e.egress, c.egress);
      for (const n of c.notes ?? []) assert.ok(e.notes.some((x) => x.includes(n)), `no note with "${n}" in ${JSON.stringify(e.notes)}`);
      for (const n of c.noNotes ?? []) assert.ok(!e.notes.some((x) => x.includes(n)), `unexpected note with "${n}"`);
    });
  }
});
