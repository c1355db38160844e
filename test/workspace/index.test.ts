// The workspace index: per-file contributions replaced on change, namespace resolution through kustomizations, pod
// equivalence classes, and change reports that name only the namespaces whose content changed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WorkspaceIndex } from '../../server/src/workspace/index';

const deployment = (name: string, labels: Record<string, string>, opts: { namespace?: string; replicas?: number; port?: string } = {}) =>
  `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
${opts.namespace ? `  namespace: ${opts.namespace}\n` : ''}spec:
  replicas: ${opts.replicas ?? 1}
  template:
    metadata:
      labels: ${JSON.stringify(labels)}
    spec:
      containers:
        - name: c
          ports: [{name: ${opts.port ?? 'http'}, containerPort: 8080}]
`;

const policy = (name: string, namespace: string | undefined, app: string) =>
  `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
${namespace ? `  namespace: ${namespace}\n` : ''}spec:
  podSelector:
    matchLabels: {app: ${app}}
`;

describe('WorkspaceIndex', () => {
  it('groups pods of one namespace and label set into one class, across files', () => {
    const index = new WorkspaceIndex();
    index.setFile('file:///a.yaml', deployment('web', { app: 'web' }, { namespace: 'shop', replicas: 2 }));
    index.setFile('file:///b.yaml', deployment('web-canary', { app: 'web' }, { namespace: 'shop', port: 'metrics' }) + '---\n' + deployment('db', { app: 'db' }, { namespace: 'shop' }));
    index.setFile('file:///c.yaml', deployment('web', { app: 'web' }, { namespace: 'other' }));
    const classes = index.podClasses('shop');
    assert.deepEqual(classes.map((c) => [c.labels, c.workloads.map((w) => w.name), c.replicas, c.ports.map((p) => p.name)]), [
      [{ app: 'web' }, ['web', 'web-canary'], 3, ['http', 'metrics']],
      [{ app: 'db' }, ['db'], 1, ['http']],
    ]);
    assert.equal(index.podClasses().length, 3);
    assert.deepEqual(index.namespaces().map((n) => n.name), ['other', 'shop']);
    assert.deepEqual(index.namespace('shop')!.labels, { 'kubernetes.io/metadata.name': 'shop' });
  });

  it('replaces a file\'s contributions on change and reports only the namespaces whose content changed', () => {
    const index = new WorkspaceIndex();
    index.setFile('file:///a.yaml', deployment('web', { app: 'web' }, { namespace: 'shop' }));
    index.setFile('file:///p.yaml', policy('p', 'other', 'x'));
    const v = index.namespaceVersion('other');
    const change = index.setFile('file:///a.yaml', deployment('web', { app: 'frontend' }, { namespace: 'shop' }));
    assert.deepEqual([...change.namespaces], ['shop']);
    assert.equal(change.namespaceSet, false);
    assert.equal(index.namespaceVersion('other'), v);
    assert.deepEqual(index.podClasses('shop').map((c) => c.labels), [{ app: 'frontend' }]);
    // Text moved but content unchanged: no namespace changed, positions are current.
    const moved = index.setFile('file:///a.yaml', '# a comment\n' + deployment('web', { app: 'frontend' }, { namespace: 'shop' }));
    assert.equal(moved.namespaces.size, 0);
    assert.equal(index.workloads('shop')[0]!.location.span.start, deployment('web', {}).indexOf('web') + '# a comment\n'.length);
    // Moving to another namespace touches both; removing the file empties it.
    const moves = index.setFile('file:///a.yaml', deployment('web', { app: 'frontend' }, { namespace: 'other' }));
    assert.deepEqual([...moves.namespaces].sort(), ['other', 'shop']);
    assert.equal(moves.namespaceSet, true);
    assert.deepEqual(index.namespaces().map((n) => n.name), ['other']);
    index.removeFile('file:///a.yaml');
    assert.equal(index.workloads().length, 0);
    assert.equal(index.has('file:///a.yaml'), false);
  });

  it('puts manifests without a namespace in their folder\'s kustomization namespace, else default, and follows its changes', () => {
    const index = new WorkspaceIndex();
    index.setFile('file:///app/deploy.yaml', deployment('web', { app: 'web' }));
    index.setFile('file:///app/pinned.yaml', deployment('pinned', { app: 'pinned' }, { namespace: 'fixed' }));
    index.setFile('file:///other/deploy.yaml', deployment('api', { app: 'api' }));
    assert.deepEqual(index.workloads('default').map((w) => w.name), ['web', 'api']);
    const change = index.setFile('file:///app/kustomization.yaml', 'namespace: shop\nresources: [deploy.yaml]\n');
    assert.deepEqual([...change.namespaces].sort(), ['default', 'shop']);
    assert.deepEqual(index.workloads('shop').map((w) => w.name), ['web']);
    assert.deepEqual(index.workloads('fixed').map((w) => w.name), ['pinned']);
    assert.deepEqual(index.workloads('default').map((w) => w.name), ['api']);
    index.setFile('file:///app/policy.yaml', policy('p', undefined, 'web'));
    assert.equal(index.policies('shop')[0]?.name, 'p');
    index.removeFile('file:///app/kustomization.yaml');
    assert.deepEqual(index.workloads('default').map((w) => w.name).sort(), ['api', 'web']);
    assert.equal(index.policies('default')[0]?.name, 'p');
  });

  it('selects pods by policy selectors and peers, namespaces by their labels', () => {
    const index = new WorkspaceIndex();
    index.setFile('file:///ns.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a}\n');
    index.setFile('file:///a.yaml', deployment('web', { app: 'web' }, { namespace: 'shop' }) + '---\n' + deployment('web', { app: 'web' }, { namespace: 'tools' }));
    index.setFile('file:///p.yaml', `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: p, namespace: shop}
spec:
  podSelector: {matchLabels: {app: web}}
  ingress:
    - from:
        - podSelector: {matchLabels: {app: web}}
        - namespaceSelector: {matchLabels: {team: a}}
        - namespaceSelector: {}
          podSelector: {matchLabels: {app: web}}
`);
    const p = index.policies('shop')[0]!;
    assert.deepEqual(index.selectPods('shop', p.podSelector).map((c) => c.key.split('\u0000')[0]), ['shop']);
    const peers = p.ingress[0]!.peers;
    assert.ok(peers !== 'all');
    assert.deepEqual(peers.map((peer) => index.selectPeer('shop', peer).map((c) => c.namespace)), [['shop'], ['shop'], ['shop', 'tools']]);
    assert.deepEqual(index.namespace('shop')!.labels, { team: 'a', 'kubernetes.io/metadata.name': 'shop' });
    assert.deepEqual(index.policiesSelecting(index.podClasses('shop')[0]!).map((x) => x.name), ['p']);
    assert.equal(index.hasWorkloads('shop'), true);
    assert.equal(index.hasWorkloads('nowhere'), false);
  });

  it('counts a controller-owned Pod as its owner\'s pod when the owner is indexed', () => {
    const index = new WorkspaceIndex();
    index.setFile('file:///a.yaml', deployment('web', { app: 'web' }, { namespace: 'x' }));
    const pod = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web-1\n  namespace: x\n  labels: {app: web}\n  ownerReferences: [{kind: Deployment, name: web, controller: true}]\nspec: {containers: []}\n';
    index.setFile('file:///pod.yaml', pod);
    assert.deepEqual(index.podClasses('x').map((c) => c.workloads.map((w) => w.name)), [['web']]);
    index.removeFile('file:///a.yaml');
    assert.deepEqual(index.podClasses('x').map((c) => c.workloads.map((w) => w.name)), [['web-1']]);
  });
});
