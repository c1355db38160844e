// The view's summaries of large workspaces (server/src/connectivity/summary.ts, view.ts): per namespace, and around one
// namespace with workloads grouped by how they connect. Each summary edge must stand for exactly the engine's workload
// connections between its ends' members (their count, their ports, whether every pair has them), checked against the full
// report on the golden workspace and on the generated workspace of the scale figures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { workspaceFiles } from '../../bench/connectivity-workspace';
import { computeConnectivity, type Connectivity } from '../../server/src/connectivity/engine';
import { connectivityReport, type ReportEdge } from '../../server/src/connectivity/report';
import { namespaceFocus, namespaceSummary, type Summary } from '../../server/src/connectivity/summary';
import { connectivityView } from '../../server/src/connectivity/view';
import { WorkspaceIndex } from '../../server/src/workspace/index';

function connectivityOf(files: ReadonlyMap<string, string>): Connectivity {
  const index = new WorkspaceIndex();
  for (const [path, text] of files) index.setFile(`file:///w/${path}`, text);
  return computeConnectivity([...index.uris()].map((u) => index.file(u)!));
}

const golden = join(import.meta.dirname, 'golden', 'workspace');
const goldenFiles = new Map(['app.yaml', 'policies.yaml'].map((f) => [f, readFileSync(join(golden, f), 'utf8')]));

/** Every summary edge is exactly the report's edges between its ends' members; every report edge is in one summary edge. */
function assertCovers(summary: Summary, full: readonly ReportEdge[]): void {
  const members = new Map(summary.nodes.map((n) => [n.id, new Set(n.members)]));
  const covered = new Set<ReportEdge>();
  for (const e of summary.edges) {
    const src = members.get(e.src)!;
    const dst = members.get(e.dst)!;
    const inside = full.filter((x) => src.has(x.src) && dst.has(x.dst));
    for (const x of inside) covered.add(x);
    assert.equal(inside.length, e.pairs, `${e.src} -> ${e.dst}: pairs`);
    const all = e.src === e.dst ? src.size * (src.size - 1) : src.size * dst.size;
    const uniform = inside.length === all && inside.every((x) => x.conns === e.conns);
    assert.equal(e.uniform, uniform, `${e.src} -> ${e.dst}: uniform`);
    if (new Set(inside.map((x) => x.conns)).size === 1) assert.equal(e.conns, inside[0]!.conns);
    const rules = new Set(inside.flatMap((x) => x.rules.map((r) => `${r.policy} ${r.direction} ${r.index}`)));
    assert.deepEqual(new Set(e.rules.map((r) => `${r.policy} ${r.direction} ${r.index}`)), rules, `${e.src} -> ${e.dst}: rules`);
  }
  assert.equal(covered.size, full.length, 'every connection is in some summary edge');
}

describe('connectivity summary', () => {
  it('per namespace: the golden workspace, every pair counted and the rules behind them', () => {
    const result = connectivityOf(goldenFiles);
    const full = connectivityReport(result);
    const summary = namespaceSummary(result);
    assertCovers(summary, full.edges);
    // The view's count of workload pairs: the edges a drawing of every workload would have.
    assert.equal(connectivityView(result).totals.pairs, full.edges.length);
    const shop = summary.nodes.find((n) => n.id === 'ns:shop')!;
    assert.deepEqual(shop.members, ['shop/api[Deployment]', 'shop/web[Deployment]']);
    assert.equal(shop.ingressIsolated, 2);
    // Only api of shop's two workloads reaches data's db: one pair of two, so not every pair has it.
    const shopToData = summary.edges.find((e) => e.src === 'ns:shop' && e.dst === 'ns:data')!;
    assert.deepEqual({ conns: shopToData.conns, pairs: shopToData.pairs, uniform: shopToData.uniform }, { conns: 'TCP 5432', pairs: 1, uniform: false });
    assert.deepEqual(
      shopToData.rules.map((r) => `${r.policy} ${r.direction} rule ${r.index + 1}: ${r.conns}`),
      ['shop/api egress rule 1: TCP 5432'],
    );
    assert.ok(summary.nodes.some((n) => n.type === 'external' && n.members.length === 1));
  });

  it('around a namespace: the generated workspace groups its workloads by tier, exactly', () => {
    const result = connectivityOf(workspaceFiles(150, 1000));
    const full = connectivityReport(result).edges;
    const summary = namespaceSummary(result);
    assertCovers(summary, full);
    assert.equal(summary.nodes.filter((n) => n.type === 'namespace').length, 50);

    const focus = namespaceFocus(result, 'ns-07')!;
    const inFocus = (id: string): boolean => id.startsWith('ns-07/');
    assertCovers(focus, full.filter((e) => inFocus(e.src) || inFocus(e.dst)));
    // ns-07's 20 workloads: one group per tier (web, api, db, worker; the generator deals tiers round-robin over files of 10);
    // the peers: ns-06's api and ns-08's db.
    const groups = focus.nodes.filter((n) => n.type === 'group');
    assert.deepEqual(groups.map((g) => `${g.namespace} ${g.label}`).sort(), ['ns-06 tier=api ×6', 'ns-07 tier=api ×4', 'ns-07 tier=db ×6', 'ns-07 tier=web ×4', 'ns-07 tier=worker ×6', 'ns-08 tier=db ×4']);
    const label = new Map(focus.nodes.map((n) => [n.id, `${n.namespace ?? ''} ${n.label}`]));
    const webToApi = focus.edges.find((e) => label.get(e.src) === 'ns-07 tier=web ×4' && label.get(e.dst) === 'ns-07 tier=api ×4')!;
    assert.deepEqual({ conns: webToApi.conns, pairs: webToApi.pairs, uniform: webToApi.uniform }, { conns: 'TCP 9090', pairs: 16, uniform: true });
    assert.deepEqual(webToApi.rules.map((r) => `${r.policy} ${r.direction} ${r.index}`), ['ns-07/web egress 0', 'ns-07/api ingress 0']);
    assert.equal(namespaceFocus(result, 'nowhere'), undefined);
  });

  it('the view picks the level that fits, and falls back from a namespace that is gone', () => {
    const result = connectivityOf(goldenFiles);
    assert.equal(connectivityView(result).level, 'workloads');
    const tight = { maxNodes: 3, maxEdges: 3 };
    const summary = connectivityView(result, { limits: tight });
    assert.equal(summary.level, 'namespaces');
    assert.deepEqual(summary.namespaces, ['data', 'shop']);
    assert.equal(summary.totals.pairs, connectivityReport(result).edges.length);
    const shop = connectivityView(result, { focus: 'shop', limits: tight });
    assert.equal(shop.level, 'groups');
    assert.equal(shop.focus, 'shop');
    // Roomy enough for shop's own connections: every workload, as the namespace listing has them.
    const detail = connectivityView(result, { focus: 'shop', limits: { maxNodes: 100, maxEdges: 100 } });
    assert.equal(detail.level, 'workloads');
    if (detail.level === 'workloads') assert.deepEqual(detail.edges, connectivityReport(result, { namespace: 'shop' }).edges);
    const gone = connectivityView(result, { focus: 'nowhere', limits: tight });
    assert.equal(gone.level, 'namespaces');
    assert.equal(gone.focus, undefined);
  });
});
