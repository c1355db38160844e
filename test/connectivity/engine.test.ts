// The connectivity engine's Kubernetes semantics on small workspaces: isolation per direction, the union of rules, egress at
// the source and ingress at the destination, named ports on the destination's containers, ipBlocks with excepts in IPv4 and
// IPv6, and the reasons it gives.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { computeConnectivity, type ConnectivityOptions } from '../../server/src/connectivity/engine';
import { connsText, connsOf, union, intersect, subtract, ALL_CONNS, NO_CONNS, isAll } from '../../server/src/connectivity/conns';
import { disjointRanges, rangeText } from '../../server/src/connectivity/addresses';
import { connectivityReport, edgeLine } from '../../server/src/connectivity/report';
import { extractFacts } from '../../server/src/workspace/extract';
import { parseCidr } from '../../server/src/net/ip';

const deployment = (name: string, labels: Record<string, string>, ns = 'default', ports = ''): string => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  template:
    metadata:
      labels: {${Object.entries(labels).map(([k, v]) => `${k}: ${v}`).join(', ')}}
    spec:
      containers:
      - name: c
${ports ? `        ports:\n${ports}` : ''}`;

/** A NetworkPolicy document; `spec` follows `spec:` as written (a flow map, or a newline and the block). */
const networkPolicy = (name: string, ns: string, spec: string): string => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: ${name}, namespace: ${ns}}
spec:${spec}`;

function lines(yaml: string[], options?: ConnectivityOptions): string[] {
  const facts = yaml.map((text, i) => extractFacts(`file:///w/${i}.yaml`, text));
  return connectivityReport(computeConnectivity(facts, options)).edges.map(edgeLine);
}

describe('conns', () => {
  it('formats as netpol-analyzer does', () => {
    assert.equal(connsText(ALL_CONNS), 'All Connections');
    assert.equal(connsText(NO_CONNS), 'No Connections');
    assert.equal(connsText(union(connsOf('UDP', 53, 53), union(connsOf('TCP', 8080, 8090), connsOf('TCP', 80, 80)))), 'TCP 80,8080-8090,UDP 53');
    assert.equal(connsText(subtract(ALL_CONNS, connsOf('UDP', 5353, 5353))), 'SCTP 1-65535,TCP 1-65535,UDP 1-5352,5354-65535');
    assert.equal(connsText(intersect(connsOf('TCP', 1, 100), connsOf('TCP', 90, 200))), 'TCP 90-100');
    assert.equal(connsText(union(connsOf('TCP', 1, 10), connsOf('TCP', 11, 20))), 'TCP 1-20');
    assert.ok(isAll(union(union(connsOf('TCP'), connsOf('UDP')), connsOf('SCTP'))));
  });
});

describe('addresses', () => {
  it('cuts the space at the pieces of cidr less except; adjacent excepts make one hole', () => {
    const block = { cidr: parseCidr('0.0.0.0/0')!, except: [parseCidr('10.0.0.0/9')!, parseCidr('10.128.0.0/9')!] };
    assert.deepEqual(disjointRanges([block], [4]).map(rangeText), ['0.0.0.0-9.255.255.255', '10.0.0.0-10.255.255.255', '11.0.0.0-255.255.255.255']);
  });
  it('IPv6 ranges in RFC 5952 form', () => {
    const block = { cidr: parseCidr('2001:db8::/32')!, except: [] };
    assert.deepEqual(disjointRanges([block], [6]).map(rangeText), ['::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db8::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db9::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff']);
  });
});

describe('engine', () => {
  it('without policies everything connects, to the whole IPv4 space too; no self pairs', () => {
    assert.deepEqual(lines([deployment('a', { app: 'a' }), deployment('b', { app: 'b' })]), [
      '0.0.0.0-255.255.255.255[External] => default/a[Deployment] : All Connections',
      '0.0.0.0-255.255.255.255[External] => default/b[Deployment] : All Connections',
      'default/a[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/a[Deployment] => default/b[Deployment] : All Connections',
      'default/b[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/b[Deployment] => default/a[Deployment] : All Connections',
    ]);
  });

  const denyAll = networkPolicy('deny', 'default', ' {podSelector: {}, policyTypes: [Ingress, Egress]}');

  it('a connection needs egress at the source and ingress at the destination; rules add up', () => {
    const web = deployment('web', { app: 'web' }, 'default', '        - {name: http, containerPort: 8080}\n');
    const db = deployment('db', { app: 'db' }, 'default', '        - {name: pg, containerPort: 5432}\n');
    const policies = [
      networkPolicy('web-out', 'default', `
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Egress]
  egress:
  - to: [{podSelector: {matchLabels: {app: db}}}]
    ports: [{port: pg}, {port: 9000, endPort: 9010}]`),
      networkPolicy('db-in', 'default', `
  podSelector: {matchLabels: {app: db}}
  ingress:
  - from: [{podSelector: {matchLabels: {app: web}}}]
    ports: [{port: 5432}]
  - from: [{podSelector: {}}]
    ports: [{port: 9005, protocol: TCP}]`),
    ].join('\n---\n');
    assert.deepEqual(
      lines([web, db, denyAll, policies]).filter((l) => !l.includes('External')),
      ['default/web[Deployment] => default/db[Deployment] : TCP 5432,9005'],
    );
    // Without the default deny, db may still send anywhere and web receive from anyone.
    assert.deepEqual(lines([web, db, policies]), [
      '0.0.0.0-255.255.255.255[External] => default/web[Deployment] : All Connections',
      'default/db[Deployment] => 0.0.0.0-255.255.255.255[External] : All Connections',
      'default/db[Deployment] => default/web[Deployment] : All Connections',
      'default/web[Deployment] => default/db[Deployment] : TCP 5432,9005',
    ]);
  });

  it('named ports resolve on the destination; a name no container has allows nothing', () => {
    const a = deployment('a', { app: 'a' }, 'default', '        - {name: dns, containerPort: 53, protocol: UDP}\n');
    const b = deployment('b', { app: 'b' }, 'default', '        - {name: dns, containerPort: 5353, protocol: UDP}\n');
    const c = deployment('c', { app: 'c' });
    const policy = networkPolicy('in', 'default', `
  podSelector: {}
  ingress: [{ports: [{port: dns, protocol: UDP}]}]`);
    assert.deepEqual(
      lines([a, b, c, policy]).filter((l) => !l.startsWith('default/') || !l.includes('External')),
      [
        '0.0.0.0-255.255.255.255[External] => default/a[Deployment] : UDP 53',
        '0.0.0.0-255.255.255.255[External] => default/b[Deployment] : UDP 5353',
        'default/a[Deployment] => default/b[Deployment] : UDP 5353',
        'default/b[Deployment] => default/a[Deployment] : UDP 53',
        'default/c[Deployment] => default/a[Deployment] : UDP 53',
        'default/c[Deployment] => default/b[Deployment] : UDP 5353',
      ],
    );
  });

  it('namespaceSelector with podSelector, across namespaces', () => {
    const ns = `apiVersion: v1\nkind: Namespace\nmetadata: {name: mon, labels: {team: ops}}`;
    const prom = deployment('prom', { app: 'prom' }, 'mon');
    const other = deployment('other', { app: 'other' }, 'mon');
    const app = deployment('app', { app: 'app' }, 'prod');
    const policy = networkPolicy('scrape', 'prod', `
  podSelector: {}
  policyTypes: [Ingress]
  ingress: [{from: [{namespaceSelector: {matchLabels: {team: ops}}, podSelector: {matchExpressions: [{key: app, operator: In, values: [prom]}]}}], ports: [{port: 9090}]}]`);
    assert.deepEqual(
      lines([ns, prom, other, app, policy]).filter((l) => l.includes('=> prod/')),
      ['mon/prom[Deployment] => prod/app[Deployment] : TCP 9090'],
    );
  });

  it('IPv6 ipBlocks: the IPv6 space joins when some block is IPv6', () => {
    const a = deployment('a', { app: 'a' });
    const policy = networkPolicy('out', 'default', `
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ipBlock: {cidr: '2001:db8::/32', except: ['2001:db8:1::/48']}}, {ipBlock: {cidr: 10.0.0.0/8}}]
    ports: [{port: 443}]`);
    assert.deepEqual(lines([a, policy]).filter((l) => l.startsWith('default/')), [
      'default/a[Deployment] => 10.0.0.0-10.255.255.255[External] : TCP 443',
      'default/a[Deployment] => 2001:db8:2::-2001:db8:ffff:ffff:ffff:ffff:ffff:ffff[External] : TCP 443',
      'default/a[Deployment] => 2001:db8::-2001:db8:0:ffff:ffff:ffff:ffff:ffff[External] : TCP 443',
    ]);
    // A workspace without IPv6 blocks can still be asked about both families.
    assert.ok(lines([a], { families: [4, 6] }).includes('default/a[Deployment] => ::-ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff[External] : All Connections'));
  });

  it('says why: the allowing rules, or the isolating policies', () => {
    const a = deployment('a', { app: 'a' });
    const b = deployment('b', { app: 'b' });
    const policy = networkPolicy('b-in', 'default', `
  podSelector: {matchLabels: {app: b}}
  ingress: [{from: [{podSelector: {matchLabels: {app: a}}}], ports: [{port: 80}]}]`);
    const result = computeConnectivity([a, b, policy].map((t, i) => extractFacts(`file:///w/${i}.yaml`, t)));
    const node = (id: string): number => result.nodeOfPeer[result.peers.findIndex((p) => p.id === id)]!;
    const ab = result.verdict(node('default/a[Deployment]'), node('default/b[Deployment]'));
    assert.equal(connsText(ab.conns), 'TCP 80');
    assert.deepEqual(ab.egress, { isolatedBy: [], allowedBy: [], conns: ALL_CONNS });
    assert.deepEqual(ab.ingress?.isolatedBy, [0]);
    assert.deepEqual(ab.ingress?.allowedBy.map((r) => [r.ref, connsText(r.conns)]), [[{ policy: 0, direction: 'ingress', rule: 0 }, 'TCP 80']]);
    const ext = result.verdict(result.nodeOfPeer[result.sourceRanges[0]!]!, node('default/b[Deployment]'));
    assert.equal(connsText(ext.conns), 'No Connections');
    assert.deepEqual(ext.ingress?.isolatedBy, [0]);
    assert.equal(ext.egress, undefined);
  });
});
