// An egress rule that lets pods reach a cloud metadata endpoint (169.254.169.254, ...), from which they can read the node's
// credentials or data. Decided with CIDR arithmetic: an ipBlock reaches an endpoint when its cidr contains it, no `except` of
// the same ipBlock does and the rule's ports let the endpoint's port through; a rule with no `to` reaches every endpoint.
import { detectStyle, insertMapEntry, insertSeqItems, replaceEntryValue, type TextEdit, type YamlValue } from '../../edit/index';
import { parseCidr, parseIp, type Family } from '../../net/ip';
import { metadataEndpoints, type MetadataEndpoint } from '../../net/metadata-endpoints';
import { effectivePolicyTypes, type NetworkPolicy, type PolicyRule } from '../../model/policy';
import { allowsAllPeers, ipBlockContains, peerIpBlock, ruleAnchor, ruleAllowsPort } from '../../model/traffic';
import { defineRule, type Fix, type FixContext } from '../types';

interface Endpoint extends MetadataEndpoint {
  readonly family: Family;
  readonly value: bigint;
}

function endpointsFor(cloud: string): Endpoint[] {
  return metadataEndpoints(cloud).flatMap((e) => {
    const ip = parseIp(e.address);
    return ip ? [{ ...e, family: ip.family, value: ip.value }] : [];
  });
}

const hostCidr = (e: Endpoint) => `${e.address}/${e.family === 4 ? 32 : 128}`;

/** "AWS's instance metadata service (IMDS), where a pod can read the node's IAM role credentials", and so on for each. */
function describe(endpoints: readonly Endpoint[], options: { addresses?: boolean } = {}): string {
  const parts = endpoints.map((e) => `${e.service}${options.addresses ? ` at ${e.address}` : ''}, where ${e.exposes}`);
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')}, and ${parts.at(-1)}`;
}

/** Whether the rule's ports let TCP through to one of the endpoint's ports. */
const portsReach = (rule: PolicyRule, e: Endpoint) => e.ports.some((port) => ruleAllowsPort(rule, 'TCP', port) === 'yes');

const portList = (endpoints: readonly Endpoint[]) => [...new Set(endpoints.flatMap((e) => e.ports))].map((p) => `TCP ${p}`).join(' or ');

export default defineRule({
  meta: {
    id: 'egress-reaches-metadata-endpoint',
    title: 'Egress allows the cloud metadata endpoint',
    category: 'security',
    severity: 'warning',
    docs: `An egress rule whose destinations include a cloud provider's instance metadata endpoint, most often
\`169.254.169.254\`. From there any process in the pod can read what the node itself may use: its instance-role
credentials (AWS IAM role, GCP service account token, Azure managed identity), or its user data, which may hold bootstrap
secrets. That is the classic SSRF-to-cloud-takeover path. An ipBlock such as \`0.0.0.0/0\`, \`128.0.0.0/1\` or
\`169.254.0.0/16\` includes it unless an \`except\` of the same ipBlock covers it (\`169.254.169.254/32\`,
\`169.254.0.0/16\`, ...); \`::/0\` includes AWS's IPv6 endpoint \`fd00:ec2::254\`. An egress rule without \`to\` (or with
\`to: []\`) allows every destination, so it includes them all. The check uses CIDR arithmetic (IPv4 and IPv6), not string
comparison: \`10.0.0.0/8\` never matches, and neither does \`0.0.0.0/1\`, which ends at 127.255.255.255. Peers are ORed, so
an endpoint excepted in one ipBlock is still reached through another ipBlock of the same rule that includes it.

Each message starts with what to do (the addresses to add to \`except\`) and says, per endpoint, whose credentials or data
are at stake.

Ports: the endpoints serve plain HTTP on TCP 80 (Azure's WireServer also on TCP 32526). A rule whose \`ports\` do not let
one of them through (for example only TCP 443) cannot reach the endpoint today, but only because of its port list: its
ipBlock gets a **hint** with the same safe fix, so that adding port 80 later cannot silently open the endpoint (a
**warning** in the \`strict\` profile). Named ports are resolved against the destination pod's container ports, and a
metadata endpoint is not a pod, so a rule with only named ports counts as not reaching it. A rule with no \`ports\` allows
every port.

Rules only count where they take effect: egress rules of a policy whose \`policyTypes\` leave out Egress are ignored by
Kubernetes (see \`ignored-rules\`).

Endpoints, per \`netpol.cloud\` (only what the provider's Kubernetes nodes serve; an unknown name checks those of \`any\`):

| \`netpol.cloud\` | Endpoints | At stake | Source |
|---|---|---|---|
| \`any\` (default) | \`169.254.169.254\`, \`fd00:ec2::254\` | the node's cloud credentials | the provider pages below |
| \`aws\` | \`169.254.169.254\`, \`fd00:ec2::254\` (IMDS; IPv6 on Nitro) | the node's IAM role credentials | docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html |
| \`aws\` | \`169.254.170.23\`, \`fd00:ec2::23\` (EKS Pod Identity Agent) | the IAM role of the pod's own service account: **information**, fix not safe | docs.aws.amazon.com/eks/latest/userguide/pod-id-agent-setup.html; .../pod-identities.html ("Credential isolation") |
| \`gcp\` | \`169.254.169.254\` (GCE metadata server) | the node's service account token, unless GKE Workload Identity is on | cloud.google.com/kubernetes-engine/docs/how-to/protecting-cluster-metadata; cloud-init \`DataSourceGCE.py\` |
| \`azure\` | \`169.254.169.254\` (IMDS) | the node's managed identity tokens (on AKS, the kubelet identity) | learn.microsoft.com/azure/virtual-machines/instance-metadata-service |
| \`azure\` | \`168.63.129.16\` (WireServer; TCP 80 and 32526) | the node's VM agent channel to the Azure platform | learn.microsoft.com/azure/virtual-network/what-is-ip-address-168-63-129-16 |
| \`alibaba\` | \`100.100.100.200\` | the node's instance RAM role credentials (STS tokens) | alibabacloud.com/help/en/ecs/user-guide/attach-an-instance-ram-role-to-an-ecs-instance; cloud-init \`DataSourceAliYun.py\` |
| \`oracle\` | \`169.254.169.254\`, \`fd00:c1::a9fe:a9fe\` | the node's metadata and user data | docs.oracle.com/iaas/Content/Compute/Tasks/gettingmetadata.htm; cloud-init \`DataSourceOracle.py\` |
| \`tencent\` | \`169.254.0.23\` | the node's CAM role credentials | tencentcloud.com/document/product/213/4934 and /213/45917 |
| \`scaleway\` | \`169.254.42.42\`, \`fd00:42::42\` | the node's metadata and user data | cloud-init's Scaleway datasource docs |
| \`digitalocean\`, \`openstack\`, \`hetzner\` | \`169.254.169.254\` | the node's metadata and user data | cloud-init \`DataSourceDigitalOcean.py\`, \`DataSourceOpenStack.py\`, \`DataSourceHetzner.py\` |

Not checked: ECS's task metadata endpoint \`169.254.170.2\`, which only the ECS agent serves (no Kubernetes node does);
Alibaba, Tencent and Scaleway nodes do not serve \`169.254.169.254\`, so with those clouds it is an ordinary address. The EKS
Pod Identity Agent hands out only the credentials of the pod's own service account ("a container never has access to
credentials that are used by other containers in other Pods"), so reaching it is an information ("if these pods do not use
EKS Pod Identity, add ... to except"), and its fix is not safe, since pods that use Pod Identity need it. If some pods do need
the metadata service (for example pods that use the node role on EKS, which AWS warns policies can block), allow it in a
separate policy that selects only those pods.

Quick fixes: add the reached endpoints to the ipBlock's \`except\` (safe, except for the Pod Identity Agent; the list is
created when missing, other entries are kept). For a rule without \`to\`: write \`to\` as \`0.0.0.0/0\` and \`::/0\`, each
except the endpoints of its family (not safe: whether an ipBlock matches pod IPs depends on the CNI, so traffic to other pods
may change).

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
    const strict = ctx.settings.profile === 'strict';
    for (const rule of policy.egress.rules) {
      if (allowsAllPeers(rule)) {
        const reached = endpoints.filter((e) => e.scope === 'node' && portsReach(rule, e));
        if (reached.length === 0) continue;
        const what = rule.peersEntry ? 'has an empty `to`, so it' : 'has no `to`, so it';
        yield {
          span: ruleAnchor(rule),
          message: `Restrict \`to\`, or allow 0.0.0.0/0 and ::/0 with ${reached.map(hostCidr).join(', ')} in \`except\`: this egress rule ${what} allows every destination, including ${describe(reached, { addresses: true })}.`,
          data: { endpoints: reached.map(hostCidr), allDestinations: true },
        };
        continue;
      }
      for (const peer of rule.peers ?? []) {
        // An ipBlock next to a selector is rejected by the API server (ipblock-with-selector): nothing to add.
        const block = peerIpBlock(peer);
        if (!block) continue;
        const inside = endpoints.filter((e) => ipBlockContains(block, e));
        const node = inside.filter((e) => e.scope === 'node');
        const reached = node.filter((e) => portsReach(rule, e));
        // Endpoints that hand out only the pod's own identity: pods that use them need them, so they are only pointed out.
        const own = inside.filter((e) => e.scope === 'pod' && portsReach(rule, e));
        const unless = own.length > 0 ? `If these pods do not use ${own[0]!.feature ?? own[0]!.service}, add ${own.map(hostCidr).join(', ')}` : '';
        const ownText = own.length > 0 ? `: this range holds ${describe(own)}.` : '';
        if (reached.length > 0) {
          yield {
            span: block.cidrNode.span,
            message: `Add ${reached.map(hostCidr).join(', ')} to \`except\`: this range holds ${describe(reached)}.${own.length > 0 ? ` ${unless} too${ownText}` : ''}`,
            data: { endpoints: reached.map(hostCidr), own: own.map(hostCidr) },
          };
        } else if (own.length > 0) {
          yield {
            span: block.cidrNode.span,
            severity: 'information',
            message: `${unless} to \`except\`${ownText}`,
            data: { endpoints: [], own: own.map(hostCidr) },
          };
        } else if (node.length > 0) {
          // Unreachable only through the port list: say so, so that adding port 80 later does not silently open it.
          yield {
            span: block.cidrNode.span,
            severity: strict ? 'warning' : 'hint',
            message: `Add ${node.map(hostCidr).join(', ')} to \`except\` so that a later change of \`ports\` cannot open it: only the missing ${portList(node)} keeps this rule from ${describe(node)}.`,
            data: { endpoints: node.map(hostCidr) },
          };
        }
      }
    }
  },
  fix(finding, ctx) {
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((e) => typeof e === 'string');
    const { endpoints, own } = finding.data ?? {};
    if (!ctx.policy || !strings(endpoints)) return [];
    if (finding.data?.allDestinations) return fixAllDestinations(finding.span.start, endpoints, ctx);
    const fixes: Fix[] = [];
    // Safe for the node's credentials: only the metadata addresses stop being reachable through this ipBlock.
    if (endpoints.length > 0) fixes.push(...fixIpBlock(finding.span.start, endpoints, ctx, { safe: true }));
    // Not safe for an endpoint that serves the pod's own identity, which pods that use it need.
    if (strings(own) && own.length > 0) fixes.push(...fixIpBlock(finding.span.start, [...endpoints, ...own], ctx, { safe: false }));
    return fixes;
  },
});

/** Adds the endpoints to the `except` of the ipBlock whose cidr the finding is on, creating the list when missing. */
function fixIpBlock(cidrStart: number, endpoints: readonly string[], ctx: FixContext, options: { safe: boolean }): Fix[] {
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
  return [{ title: `Add ${endpoints.join(', ')} to except`, edits: [edit], safe: options.safe, preferred: options.safe }];
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
