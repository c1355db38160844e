// The data of the "Show connectivity" view over a workspace index: the report of the engine, recomputed only when the
// files' revision changes, and following an edit of a policy.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { workspaceFiles } from '../../bench/connectivity-workspace';
import { ConnectivityViews, type ConnectivityView } from '../../server/src/connectivity/view';
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

  it('computes in steps the view it computes at once, and keeps it only while no newer revision was computed', () => {
    // The generated workspace of the scale figures, small: 100 files, 300 Deployments in 50 namespaces, summarised per namespace.
    const index = new WorkspaceIndex();
    for (const [path, text] of workspaceFiles(100, 300)) index.setFile(`file:///w/${path}`, text);
    const limits = { maxNodes: 50, maxEdges: 50 };
    const stepped = new ConnectivityViews();
    const steps = stepped.viewInSteps(index, 1, { limits });
    let yields = 0;
    let r = steps.next();
    for (; !r.done; r = steps.next()) yields++;
    const atOnce = new ConnectivityViews().view(index, 1, { limits });
    assert.equal(r.value.level, 'namespaces');
    assert.deepEqual(r.value, atOnce);
    // A step per file, per policy and per class at least: a caller can let other work run between them.
    assert.ok(yields > 200, `${yields} steps`);
    // Revision 2 is computed while revision 1 is under way: 1's result, finished later, does not replace 2's.
    const late = stepped.viewInSteps(index, 3, { limits });
    late.next();
    index.setFile('file:///w/ns-00/policies.yaml', '');
    const newer = stepped.view(index, 4, { limits });
    let rest = late.next();
    while (!rest.done) rest = late.next();
    assert.equal(stepped.view(index, 4, { limits }), newer, 'the newer view is still the one kept');
    assert.notDeepEqual((rest.value as ConnectivityView).totals, newer.totals);
  });
});

