// The extraction of workspace facts from manifests: every kind the index keeps, multi-document files, Lists and JSON dumps,
// namespace defaulting, and silence on what is not a manifest.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFacts } from '../../server/src/workspace/extract';
import { labelSelectorText, selectorMatches, unmetRequirements } from '../../server/src/model/selector';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: frontend
  namespace: shop
spec:
  replicas: 3
  selector:
    matchLabels: {app: frontend}
  template:
    metadata:
      labels:
        app: frontend
        tier: web
    spec:
      containers:
        - name: web
          ports:
            - name: http
              containerPort: 8080
            - containerPort: 53
              protocol: UDP
      initContainers:
        - name: setup
          ports: [{containerPort: 9999}]
        - name: proxy
          restartPolicy: Always
          ports: [{name: admin, containerPort: 9901}]
`;

describe('extractFacts', () => {
  it('reads a Deployment: pod-template labels, container and sidecar ports, replicas, written namespace', () => {
    const facts = extractFacts('file:///d.yaml', DEPLOYMENT);
    assert.equal(facts.workloads.length, 1);
    const w = facts.workloads[0]!;
    assert.deepEqual(
      { kind: w.kind, name: w.name, namespace: w.namespace, written: w.namespaceWritten, labels: w.labels, replicas: w.replicas, ports: w.ports },
      {
        kind: 'Deployment',
        name: 'frontend',
        namespace: 'shop',
        written: true,
        labels: { app: 'frontend', tier: 'web' },
        replicas: 3,
        ports: [
          { name: 'http', port: 8080, protocol: 'TCP' },
          { port: 53, protocol: 'UDP' },
          { name: 'admin', port: 9901, protocol: 'TCP' },
        ],
      },
    );
    assert.equal(DEPLOYMENT.slice(w.location.span.start, w.location.span.end), 'frontend');
  });

  it('reads every workload kind, Pods with their controller, and defaults the namespace', () => {
    const text = [
      'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: p}\n  ownerReferences:\n    - {kind: ReplicaSet, name: rs-1, controller: true}\nspec:\n  containers: [{name: c}]\n',
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    metadata: {labels: {app: db}}\n    spec: {containers: []}\n',
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    metadata: {labels: {app: agent}}\n',
      'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: rc}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: rc}}\n',
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: job}\nspec:\n  template:\n    metadata: {labels: {app: job}}\n',
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: cron}\nspec:\n  jobTemplate:\n    spec:\n      template:\n        metadata: {labels: {app: cron}}\n',
      'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: rs}\nspec:\n  template:\n    metadata: {labels: {app: rs}}\n',
    ].join('---\n');
    const facts = extractFacts('file:///all.yaml', text, { defaultNamespace: 'team' });
    assert.deepEqual(
      facts.workloads.map((w) => `${w.kind}/${w.name} ${w.namespace} ${w.namespaceWritten} ${w.labels['app']} ${w.replicas}`),
      ['Pod/p team false p 1', 'StatefulSet/db team false db 1', 'DaemonSet/agent team false agent 0', 'ReplicationController/rc team false rc 2', 'Job/job team false job 1', 'CronJob/cron team false cron 1', 'ReplicaSet/rs team false rs 1'],
    );
    assert.deepEqual(facts.workloads[0]!.owner, { kind: 'ReplicaSet', name: 'rs-1' });
    assert.equal(extractFacts('file:///all.yaml', text).workloads[0]!.namespace, 'default');
  });

  it('reads Namespaces with the implied name label, and Services with target ports by number and name', () => {
    const text = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {team: a}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: frontend}
  ports:
    - {name: http, port: 80, targetPort: http}
    - {port: 443, targetPort: 8443}
    - {port: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata: {name: external}
spec:
  ports: [{port: 5432}]
`;
    const facts = extractFacts('file:///ns.yaml', text);
    assert.deepEqual(facts.namespaces.map((n) => [n.name, n.labels]), [['shop', { team: 'a', 'kubernetes.io/metadata.name': 'shop' }]]);
    assert.deepEqual(facts.services[0]!.selector, { app: 'frontend' });
    assert.deepEqual(facts.services[0]!.ports.map(({ location: _, ...p }) => p), [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' },
      { port: 443, protocol: 'TCP', targetPort: 8443 },
      { port: 53, protocol: 'UDP', targetPort: 53 },
    ]);
    assert.equal(facts.services[1]!.selector, undefined);
    assert.equal(facts.services[1]!.namespace, 'default');
  });

  it('reads NetworkPolicies as plain facts, with effective policy types, peers and ports', () => {
    const text = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: db}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: api}}
        - namespaceSelector: {matchExpressions: [{key: team, operator: In, values: [a]}]}
          podSelector: {}
        - ipBlock: {cidr: 10.0.0.0/8, except: [10.1.0.0/16]}
        - {}
      ports:
        - port: 5432
        - {port: metrics, protocol: TCP}
        - {port: 1000, endPort: 2000, protocol: UDP}
  egress:
    - {}
`;
    const [p] = extractFacts('file:///p.yaml', text).policies;
    assert.ok(p);
    assert.equal(p.name, 'db');
    assert.equal(p.namespace, 'shop');
    assert.equal(p.namespaceWritten, true);
    assert.deepEqual([p.ingressIsolating, p.egressIsolating], [true, true]);
    assert.deepEqual(p.podSelector, { matchLabels: { app: 'db' }, matchExpressions: [] });
    assert.equal(text.slice(p.podSelectorLocation.span.start, p.podSelectorLocation.span.end).trim(), 'matchLabels: {app: db}');
    const rule = p.ingress[0]!;
    assert.ok(rule.peers !== 'all' && rule.ports !== 'all');
    assert.equal(rule.peers.length, 3, 'the empty peer is left out');
    assert.deepEqual(rule.peers[1]!.namespaceSelector, { matchLabels: {}, matchExpressions: [{ key: 'team', operator: 'In', values: ['a'] }] });
    assert.equal(rule.peers[2]!.ipBlock?.except.length, 1);
    assert.deepEqual(
      rule.ports.map((x) => [x.protocol, x.port, 'endPort' in x ? x.endPort : undefined]),
      [['TCP', 5432, undefined], ['TCP', 'metrics', undefined], ['UDP', 1000, 2000]],
    );
    assert.equal(p.egress[0]!.peers, 'all');
    assert.equal(p.egress[0]!.ports, 'all');
  });

  it('reads List items and kubectl JSON dumps', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x', labels: { app: 'a' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } },
        { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny', namespace: 'x' }, spec: { podSelector: {} } },
      ],
    }, null, 2);
    const facts = extractFacts('file:///dump.json', json);
    assert.deepEqual(facts.workloads.map((w) => `${w.namespace}/${w.name} ${w.ports[0]?.port}`), ['x/a 80']);
    assert.deepEqual(facts.policies.map((p) => `${p.namespace}/${p.name}`), ['x/deny']);
    const typed = extractFacts('file:///list.yaml', 'apiVersion: apps/v1\nkind: DeploymentList\nitems:\n  - metadata: {name: d}\n    spec: {template: {metadata: {labels: {a: b}}}}\n');
    assert.deepEqual(typed.workloads.map((w) => w.name), ['d']);
  });

  it('reads a kustomization namespace and nothing else from it', () => {
    const facts = extractFacts('file:///app/kustomization.yaml', 'namespace: shop\nresources: [deployment.yaml]\n');
    assert.equal(facts.kustomizeNamespace, 'shop');
    assert.equal(extractFacts('file:///app/other.yaml', 'namespace: shop\n').kustomizeNamespace, undefined);
  });

  it('is silent on Helm templates, broken YAML, other YAML and binary-looking text', () => {
    for (const text of [
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n{{ include "labels" . | indent 4 }}\n',
      'kind: Pod\nmetadata: [unclosed\n',
      'name: ci\non: push\njobs: {}\n',
      '\u0000\u0001kind: \u0002',
      '',
    ]) {
      const f = extractFacts('file:///x.yaml', text);
      assert.deepEqual([f.namespaces, f.workloads, f.services, f.policies], [[], [], [], []], text);
    }
  });
});

describe('selectorMatches', () => {
  const labels = { app: 'web', tier: 'front' };
  it('evaluates matchLabels and every operator as Kubernetes does', () => {
    const cases: [Parameters<typeof selectorMatches>[0], boolean][] = [
      [{ matchLabels: {}, matchExpressions: [] }, true],
      [{ matchLabels: { app: 'web' }, matchExpressions: [] }, true],
      [{ matchLabels: { app: 'db' }, matchExpressions: [] }, false],
      [{ matchLabels: { toString: 'x' }, matchExpressions: [] }, false],
      [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
      [{ matchLabels: {}, matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
      [{ matchLabels: {}, matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
      [{ matchLabels: {}, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
      [{ matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'Exists', values: [] }] }, true],
      [{ matchLabels: {}, matchExpressions: [{ key: 'app', operator: 'DoesNotExist', values: [] }] }, false],
    ];
    for (const [selector, expected] of cases) assert.equal(selectorMatches(selector, labels), expected, labelSelectorText(selector));
  });
  it('counts unmet requirements for suggestions', () => {
    assert.equal(unmetRequirements({ matchLabels: { app: 'web', tier: 'x' }, matchExpressions: [] }, labels), 1);
    assert.equal(unmetRequirements({ matchLabels: { app: 'web' }, matchExpressions: [] }, labels), 0);
  });
});
