// The data of the "Show connectivity" view over a workspace index: the report of the engine, recomputed only when the
// files' revision changes, and following an edit of a policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { ConnectivityViews } from '../../server/src/connectivity/view';
import { WorkspaceIndex } from '../../server/src/workspace/index';

const ws = join(import.meta.dirname, 'golden', 'workspace');

describe('connectivity view', () => {
  it('reports the index, caches by revision and follows an edit', () => {
    const index = new WorkspaceIndex();
    const app = readFileSync(join(ws, 'app.yaml'), 'utf8');
    const policies = readFileSync(join(ws, 'policies.yaml'), 'utf8');
    index.setFile('file:///w/app.yaml', app);
    index.setFile('file:///w/policies.yaml', policies);
    const views = new ConnectivityViews();
    const first = views.view(index, 1);
    assert.equal(views.view(index, 1), first);
    assert.equal(first.level, 'workloads');
    if (first.level !== 'workloads') return;
    const apiToDb = first.edges.find((e) => e.src === 'shop/api[Deployment]' && e.dst === 'data/db-7f9c[ReplicaSet]');
    assert.equal(apiToDb?.conns, 'TCP 5432');
    assert.equal(apiToDb?.rules[0]?.location.uri, 'file:///w/policies.yaml');
    assert.ok(first.peers.some((p) => p.id === 'shop/web[Deployment]' && p.ingressIsolated && p.egressIsolated));
    index.setFile('file:///w/policies.yaml', policies.replace('ports: [{port: 5432}]', 'ports: [{port: 5432}, {port: 6379}]'));
    const second = views.view(index, 2);
    assert.equal(second.level, 'workloads');
    if (second.level !== 'workloads') return;
    assert.equal(second.edges.find((e) => e.src === 'shop/api[Deployment]' && e.dst === 'data/db-7f9c[ReplicaSet]')?.conns, 'TCP 5432,6379');
  });
});
