// Hover: pinned texts for representative fields, CIDRs, except entries, ports and selectors; `$0` marks the cursor.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hover } from '../../server/src/features/hover/hover';
import { DOCS_URL } from '../../server/src/features/describe/field-doc';
import { snapshotOf } from './policy-fixture';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: api
  namespace: prod
spec:
  podSelector:
    matchLabels:
      app: api
    matchExpressions:
      - key: tier
        operator: In
        values: [web, edge]
  policyTypes: [Ingress, Egress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
        - namespaceSelector:
            matchLabels:
              kubernetes.io/metadata.name: monitoring
          podSelector: {}
      ports:
        - port: 8080
        - protocol: UDP
          port: 53
        - port: 32000
          endPort: 32767
  egress:
    - to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 169.254.169.254/32
              - 10.0.0.0/8
        - ipBlock:
            cidr: 2001:db8::/64
        - ipBlock:
            cidr: 10.1.2.3/16
            except: [192.168.0.0/24]
        - podSelector: {}
      ports:
        - port: 443
        - port: http
`;

/** Hover at the first occurrence of `needle` (after `after`, if given), `at` characters into it. */
function hoverText(needle: string, options: { after?: string; at?: number; text?: string; settings?: unknown } = {}): string {
  const text = options.text ?? POLICY;
  const from = options.after ? text.indexOf(options.after) : 0;
  assert.ok(from >= 0, `no ${options.after}`);
  const offset = text.indexOf(needle, from);
  assert.ok(offset >= 0, `no ${needle}`);
  const h = hover(snapshotOf(text, options.settings), offset + (options.at ?? 1));
  assert.ok(h, `no hover at ${needle}`);
  const contents = h.contents as { kind: string; value: string };
  assert.equal(contents.kind, 'markdown');
  return contents.value;
}

function firstParagraphs(value: string, n = 1): string {
  return value.split('\n\n').slice(0, n).join('\n\n');
}

describe('hover: fields', () => {
  it('shows the upstream description, type, default and the docs link on a key', () => {
    const value = hoverText('protocol: UDP');
    assert.ok(value.includes('protocol represents the protocol (TCP, UDP, or SCTP) which traffic must match.'));
    assert.ok(value.includes('Type: string. Default: `TCP` (per port entry).'));
    assert.ok(value.endsWith(`[Kubernetes docs: Network Policies](${DOCS_URL})`));
  });

  it('gives policyTypes its default and the effective value', () => {
    const value = hoverText('policyTypes');
    assert.equal(firstParagraphs(value), 'In effect for this policy: **Ingress and Egress**.');
    assert.ok(value.includes('Default: `[Ingress]`, plus `Egress` when the policy has a non-empty `egress` list.'));
    const defaulted = hoverText('policyTypes', { text: POLICY.replace('  policyTypes: [Ingress, Egress]\n', '  policyTypes: []\n') });
    assert.equal(firstParagraphs(defaulted), 'In effect for this policy: **Ingress and Egress** (defaulted, since policyTypes is not set).');
  });

  it('explains a policyTypes value', () => {
    assert.equal(firstParagraphs(hoverText('Egress]')), '**Egress**: the selected pods are isolated for outgoing traffic; only what the `egress` rules allow gets out.');
  });

  it('explains the whole policy on kind and on metadata.name', () => {
    const onKind = hoverText('NetworkPolicy');
    assert.equal(firstParagraphs(onKind, 2), '**NetworkPolicy prod/api**\n\nApplies to pods labelled app=api and tier in (web, edge) in namespace prod.');
    assert.ok(onKind.includes('- Ingress: isolated. Allowed from pods labelled app=frontend in this namespace or every pod in namespace monitoring, on TCP 8080 (HTTP alternate), UDP 53 (DNS) or TCP 32000-32767.'));
    assert.equal(hoverText('api', { after: 'name:' }), onKind);
    assert.equal(hoverText('name:'), onKind);
  });

  it('says what a rule and a peer allow', () => {
    assert.equal(firstParagraphs(hoverText('from:')), '**This rule allows** from pods labelled app=frontend in this namespace or every pod in namespace monitoring, on TCP 8080 (HTTP alternate), UDP 53 (DNS) or TCP 32000-32767.');
    assert.ok(hoverText('namespaceSelector').includes('**This peer:** every pod in namespace monitoring.'));
  });

  it('describes the direction on ingress and egress', () => {
    assert.ok(firstParagraphs(hoverText('egress:')).startsWith('Egress: isolated. Allowed to any IPv4 address (0.0.0.0/0) except 169.254.169.254/32 and 10.0.0.0/8'));
  });
});

describe('hover: CIDRs', () => {
  it('shows the range, size and the metadata endpoint it contains', () => {
    assert.equal(
      firstParagraphs(hoverText('0.0.0.0/0'), 2),
      '**IPv4 range** 0.0.0.0/0: 0.0.0.0 – 255.255.255.255, 4,294,967,296 addresses.\n\n' +
        "Contains the cloud metadata endpoint at 169.254.169.254, where a pod can read the node's cloud credentials (instance role, service account or managed identity).",
    );
  });

  it('handles IPv6 and says when no metadata endpoint is inside', () => {
    assert.equal(firstParagraphs(hoverText('2001:db8::/64'), 2), '**IPv6 range** 2001:db8::/64: 2001:db8:: – 2001:db8::ffff:ffff:ffff:ffff, 2^64 addresses.\n\nDoes not contain a cloud metadata endpoint.');
  });

  it('notes host bits', () => {
    assert.equal(firstParagraphs(hoverText('10.1.2.3/16'), 2), '**IPv4 range** 10.1.0.0/16: 10.1.0.0 – 10.1.255.255, 65,536 addresses.\n\nHost bits are set after /16: Kubernetes reads this as 10.1.0.0/16.');
  });

  it('uses the cloud setting', () => {
    const text = POLICY.replace('cidr: 10.1.2.3/16', 'cidr: 168.63.129.0/24');
    assert.ok(hoverText('168.63.129.0/24', { text, settings: { cloud: 'azure' } }).includes("Contains Azure's WireServer at 168.63.129.16, where a pod can talk to the Azure platform as the node's VM agent."));
    assert.ok(hoverText('168.63.129.0/24', { text }).includes('Does not contain a cloud metadata endpoint.'));
  });

  it("says which of the cluster's ranges a block lies in", () => {
    const text = POLICY.replace('cidr: 10.1.2.3/16', 'cidr: 10.96.0.10/32');
    assert.ok(
      hoverText('10.96.0.10/32', { text }).includes(
        "Inside kubeadm's default Service range 10.96.0.0/12 (assumed; set `netpol.cluster.serviceCIDR`): policies see the pod address a Service address is translated to, so this block never matches.",
      ),
    );
    const configured = { cluster: { serviceCIDR: '172.20.0.0/16', podCIDR: '10.96.0.0/16' } };
    const inPods = hoverText('10.96.0.10/32', { text, settings: configured });
    assert.ok(inPods.includes("Inside the cluster's pod range 10.96.0.0/16: pod addresses change"), inPods);
    assert.ok(!inPods.includes('Service range'), inPods);
    assert.ok(!hoverText('10.1.2.3/16').includes('Inside'));
  });

  it('says how much of the parent an except entry removes', () => {
    assert.equal(firstParagraphs(hoverText('10.0.0.0/8'), 2), '**Excluded IPv4 range** 10.0.0.0/8: 10.0.0.0 – 10.255.255.255, 16,777,216 addresses.\n\nIt removes 1/256 (0.39%) of 0.0.0.0/0.');
    const metadata = hoverText('169.254.169.254/32');
    assert.ok(metadata.includes('It removes 1/4,294,967,296 (less than 0.01%) of 0.0.0.0/0.'));
    assert.ok(metadata.includes('It excludes the cloud metadata endpoint at 169.254.169.254.'));
    assert.ok(hoverText('192.168.0.0/24').includes('It is not inside 10.1.0.0/16, so it removes nothing'));
  });
});

describe('hover: ports', () => {
  it('names well-known services', () => {
    assert.equal(firstParagraphs(hoverText('53')), '**UDP 53**: usually DNS.');
    assert.equal(firstParagraphs(hoverText('443')), '**TCP 443**: usually HTTPS.');
    assert.equal(firstParagraphs(hoverText('8080')), '**TCP 8080**: usually HTTP alternate.');
  });

  it('explains ranges and named ports', () => {
    assert.equal(firstParagraphs(hoverText('32767')), '**TCP 32000-32767**: 768 ports, 32000 to 32767 inclusive.');
    assert.ok(firstParagraphs(hoverText('http', { after: 'port: 443' })).startsWith('**TCP port "http"**: a named port. It matches the container port named `http`'));
  });

  it('explains the protocol value', () => {
    assert.ok(hoverText('UDP').includes('**UDP**: needed for DNS (port 53)'));
  });
});

describe('hover: selectors', () => {
  it('reads a selector as a sentence', () => {
    assert.equal(firstParagraphs(hoverText('matchExpressions')), '**Selects** pods labelled app=api and tier in (web, edge) in namespace prod.');
    assert.equal(firstParagraphs(hoverText('podSelector: {}')), '**Selects** every pod in the namespace.');
    assert.equal(firstParagraphs(hoverText('app: frontend')), '**Selects** pods labelled app=frontend.');
  });

  it('explains spec.podSelector {} as every pod of the namespace', () => {
    const text = POLICY.replace('  podSelector:\n    matchLabels:\n      app: api\n    matchExpressions:\n      - key: tier\n        operator: In\n        values: [web, edge]\n', '  podSelector: {}\n');
    assert.equal(firstParagraphs(hoverText('podSelector', { text })), '**Selects** every pod in namespace prod.');
  });

  it('documents well-known label keys and operators', () => {
    assert.ok(hoverText('kubernetes.io/metadata.name').includes("**kubernetes.io/metadata.name**: Set by the API server on every namespace"));
    assert.equal(firstParagraphs(hoverText('In', { after: 'operator:' })), '**In**: the label has one of `values`.');
  });

  it('treats a null selector as absent', () => {
    const text = POLICY.replace('          podSelector: {}\n', '          podSelector:\n');
    assert.equal(firstParagraphs(hoverText('podSelector:\n      ports', { text })), '**podSelector** has no value, which Kubernetes treats as if it were not there.');
  });
});

describe('hover: documents being typed', () => {
  it('documents the keys of a NetworkPolicy that does not parse', () => {
    const text = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nspec:\n  ingress:\n    - ports:\n        - protocol: \n    - : : [\n';
    const snap = snapshotOf(text);
    assert.ok(snap.documents[0]!.analysis.parsed.syntaxErrors.length > 0, 'the document must be invalid');
    const h = hover(snap, text.indexOf('protocol') + 2);
    assert.ok(h && (h.contents as { value: string }).value.startsWith('protocol represents the protocol (TCP, UDP, or SCTP)'));
    assert.deepEqual(h.range, { start: { line: 5, character: 10 }, end: { line: 5, character: 18 } });
    assert.ok((hover(snap, text.indexOf('ports') + 1)!.contents as { value: string }).value.startsWith('ports is a list of ports'));
    assert.equal(hover(snap, text.indexOf('- :') + 3), null);
  });
});

describe('hover: outside policies', () => {
  it('answers nothing in other kinds', () => {
    const snap = snapshotOf('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n');
    assert.equal(hover(snap, 20), null);
  });
});
