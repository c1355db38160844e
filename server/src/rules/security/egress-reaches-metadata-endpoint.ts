// An egress rule that lets pods reach a cloud metadata endpoint (169.254.169.254, ...), from which they can read the node's
// instance-role credentials. Decided with CIDR arithmetic: an ipBlock reaches an endpoint when its cidr contains it and no
// `except` of the same ipBlock does; a rule with no `to` reaches every endpoint.
import { detectStyle, insertMapEntry, insertSeqItems, replaceEntryValue, type TextEdit, type YamlValue } from '../../edit/index';
import { parseCidr, parseIp, type Family } from '../../net/ip';
import { metadataEndpoints } from '../../net/metadata-endpoints';
import { effectivePolicyTypes, type NetworkPolicy, type PolicyRule } from '../../model/policy';
import { allowsAllPeers, ipBlockContains, peerIpBlock, ruleAnchor, ruleAllowsPort } from '../../model/traffic';
import { defineRule, type Fix, type FixContext } from '../types';

interface Endpoint {
  readonly address: string;
  readonly family: Family;
  readonly value: bigint;
  readonly note: string;
}

function endpointsFor(cloud: string): Endpoint[] {
  return metadataEndpoints(cloud).flatMap((e) => {
    const ip = parseIp(e.address);
    return ip ? [{ address: e.address, family: ip.family, value: ip.value, note: `${e.provider} ${e.note}` }] : [];
  });
}

const hostCidr = (e: Endpoint) => `${e.address}/${e.family === 4 ? 32 : 128}`;

function describe(endpoints: readonly Endpoint[]): string {
  const parts = endpoints.map((e) => `${e.address} (${e.note})`);
  return parts.length === 1 ? `the cloud metadata endpoint ${parts[0]}` : `the cloud metadata endpoints ${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

const RISK = "a compromised pod can read the node's instance-role credentials there";

export default defineRule({
  meta: {
    id: 'egress-reaches-metadata-endpoint',
    title: 'Egress allows the cloud metadata endpoint',
    category: 'security',
    severity: 'warning',
    docs: `An egress rule whose destinations include a cloud provider's instance metadata endpoint, most often
\`169.254.169.254\`. From there any process in the pod can fetch the node's instance-role credentials (AWS IAM role, GCP
service account token, Azure managed identity) and act with the node's cloud permissions: the classic SSRF-to-cloud-takeover
path. An ipBlock such as \`0.0.0.0/0\`, \`128.0.0.0/1\` or \`169.254.0.0/16\` includes it unless an \`except\` of the same
ipBlock covers it (\`169.254.169.254/32\`, \`169.254.0.0/16\`, ...); \`::/0\` includes AWS's IPv6 endpoint
\`fd00:ec2::254\`. An egress rule without \`to\` (or with \`to: []\`) allows every destination, so it includes them all.
The check uses CIDR arithmetic (IPv4 and IPv6), not string comparison: \`10.0.0.0/8\` never matches, and neither does
\`0.0.0.0/1\`, which ends at 127.255.255.255. Peers are ORed, so an endpoint excepted in one ipBlock is still reached
through another ipBlock of the same rule that includes it.

Ports: every metadata endpoint listed below is served over plain HTTP on TCP port 80 (the documented URLs are
\`http://<address>/...\` with no port). A rule whose \`ports\` do not let TCP 80 through (for example only UDP/TCP 53 for
DNS) cannot reach the endpoint and is not reported. Named ports are resolved against the destination pod's container ports,
and a metadata endpoint is not a pod, so a rule with only named ports is not reported either. A rule with no \`ports\`
allows every port and is reported.

Rules only count where they take effect: egress rules of a policy whose \`policyTypes\` leave out Egress are ignored by
Kubernetes (see \`ignored-rules\`).

Endpoints checked by default (\`netpol.cloud: any\`): \`169.254.169.254\` (AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle,
Hetzner) and \`fd00:ec2::254\` (AWS IPv6 IMDS). \`netpol.cloud\` adds a provider's own:

| \`netpol.cloud\` | Extra endpoints | Source |
|---|---|---|
| \`aws\` | \`169.254.170.2\` (ECS task metadata and credentials), \`169.254.170.23\` and \`fd00:ec2::23\` (EKS Pod Identity Agent) | docs.aws.amazon.com/AmazonECS/latest/developerguide/task-metadata-endpoint-v2.html; docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html |
| \`azure\` | \`168.63.129.16\` (WireServer) | cloud-init \`sources/helpers/azure.py\`; learn.microsoft.com/azure/virtual-machines/instance-metadata-service |
| \`alibaba\` | \`100.100.100.200\` | cloud-init \`DataSourceAliYun.py\` |
| \`oracle\` | \`fd00:c1::a9fe:a9fe\` | cloud-init \`DataSourceOracle.py\` |
| \`tencent\` | \`169.254.0.23\` | tencentcloud.com/document/product/213/4934 |
| \`scaleway\` | \`169.254.42.42\`, \`fd00:42::42\` | cloud-init \`DataSourceScaleway.py\` |

Sources for the shared endpoints: docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
(\`169.254.169.254\`, \`fd00:ec2::254\`); cloud.google.com/compute/docs/ip-addresses/configure-ipv6-address; Azure's
instance-metadata-service page; cloud-init's \`DataSourceEc2.py\`, \`DataSourceGCE.py\`, \`DataSourceOpenStack.py\`,
\`DataSourceDigitalOcean.py\`, \`DataSourceHetzner.py\`. If some pods do need the metadata service (for example pods
that use the node role on EKS, which AWS warns policies can block), allow it in a separate policy that selects only those pods.

Quick fixes: add the reached endpoints to the ipBlock's \`except\` (safe; the list is created when missing, other entries
are kept). For a rule without \`to\`: write \`to\` as \`0.0.0.0/0\` and \`::/0\`, each except the endpoints of its family
(not safe: whether an ipBlock matches pod IPs depends on the CNI, so traffic to other pods may change).

Triggers:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 0.0.0.0/0
\`\`\`

Fixed:

\`\`\`yaml
egress:
  - to:
      - ipBlock:
          cidr: 0.0.0.0/0
          except:
            - 169.254.169.254/32
\`\`\``,
  },
  *checkPolicy(policy, ctx) {
    if (!effectivePolicyTypes(policy).egress || !policy.egress) return;
    const endpoints = endpointsFor(ctx.settings.cloud);
    for (const rule of policy.egress.rules) {
      // Every endpoint serves HTTP on TCP 80; named ports only resolve against pods.
      if (ruleAllowsPort(rule, 'TCP', 80) !== 'yes') continue;
      if (allowsAllPeers(rule)) {
        const what = rule.peersEntry ? 'has an empty `to`, so it' : 'has no `to`, so it';
        yield {
          span: ruleAnchor(rule),
          message: `This egress rule ${what} allows every destination, including ${describe(endpoints)}: ${RISK}. Restrict \`to\`, or use an ipBlock such as 0.0.0.0/0 with these addresses in \`except\`.`,
          data: { endpoints: endpoints.map(hostCidr), allDestinations: true },
        };
        continue;
      }
      for (const peer of rule.peers ?? []) {
        // An ipBlock next to a selector is rejected by the API server (ipblock-with-selector): nothing to add.
        const block = peerIpBlock(peer);
        if (!block) continue;
        const reached = endpoints.filter((e) => ipBlockContains(block, e));
        if (reached.length === 0) continue;
        const cidrs = reached.map(hostCidr);
        yield {
          span: block.cidrNode.span,
          message: `This ipBlock includes ${describe(reached)}: ${RISK}. Add ${cidrs.join(', ')} to \`except\`.`,
          data: { endpoints: cidrs, family: block.cidr.family },
        };
      }
    }
  },
  fix(finding, ctx) {
    const endpoints = finding.data?.endpoints;
    if (!ctx.policy || !Array.isArray(endpoints) || !endpoints.every((e) => typeof e === 'string')) return [];
    return finding.data?.allDestinations ? fixAllDestinations(finding.span.start, endpoints, ctx) : fixIpBlock(finding.span.start, endpoints, ctx);
  },
});

/** Adds the endpoints to the `except` of the ipBlock whose cidr the finding is on, creating the list when missing. */
function fixIpBlock(cidrStart: number, endpoints: readonly string[], ctx: FixContext): Fix[] {
  const peer = egressRules(ctx.policy!).flatMap((r) => r.peers ?? []).find((p) => p.ipBlock?.cidr?.value.span.start === cidrStart);
  const block = peer?.ipBlock;
  const cidr = block?.cidr?.value;
  const parsed = cidr?.kind === 'scalar' && typeof cidr.value === 'string' ? parseCidr(cidr.value.trim()) : undefined;
  if (!block?.node || !parsed) return [];
  // An except equal to the cidr is rejected (it must be strictly inside): a cidr that is just the endpoint has no fix here.
  if (endpoints.some((e) => parseCidr(e)?.prefix === parsed.prefix)) return [];
  const style = detectStyle(ctx.text);
  const except = block.except;
  let edit: TextEdit;
  if (!except) edit = insertMapEntry(ctx.text, block.node, 'except', endpoints, style, { after: 'cidr' });
  else if (except.value.kind === 'seq') edit = insertSeqItems(ctx.text, except.value, endpoints, style);
  else if (except.value.kind === 'scalar' && except.value.value === null) edit = replaceEntryValue(ctx.text, block.node, except, endpoints, style);
  else return [];
  // Safe: only the metadata addresses stop being reachable through this ipBlock.
  return [{ title: `Add ${endpoints.join(', ')} to except`, edits: [edit], safe: true, preferred: true }];
}

/**
 * A rule without `to` allows every destination. Writing `to` as every address of both families except the endpoints keeps
 * the internet open and closes the endpoints; not safe, since whether an ipBlock matches pod IPs depends on the CNI, so
 * in-cluster destinations may change.
 */
function fixAllDestinations(anchor: number, endpoints: readonly string[], ctx: FixContext): Fix[] {
  const rule = egressRules(ctx.policy!).find((r) => ruleAnchor(r).start === anchor);
  if (!rule || rule.node.kind !== 'map') return [];
  const v4 = endpoints.filter((e) => !e.includes(':'));
  const v6 = endpoints.filter((e) => e.includes(':'));
  const block = (cidr: string, except: readonly string[]): YamlValue => ({ ipBlock: except.length > 0 ? { cidr, except } : { cidr } });
  const to = [block('0.0.0.0/0', v4), block('::/0', v6)];
  const style = detectStyle(ctx.text);
  const edit = rule.peersEntry
    ? replaceEntryValue(ctx.text, rule.node, rule.peersEntry, to, style)
    : insertMapEntry(ctx.text, rule.node, 'to', to, style, { first: true });
  return [{ title: `Allow every destination except ${endpoints.join(', ')}`, edits: [edit], safe: false }];
}

function egressRules(policy: NetworkPolicy): readonly PolicyRule[] {
  return policy.egress?.rules ?? [];
}
