// An ingress/egress item with only peers next to an item with only ports: one dash too many. As two rules they allow every
// port to (or from) those peers plus those ports to (or from) everywhere, where one rule (those ports, those peers) was meant.
import { contentEnd, mergeSeqItems } from '../../edit/index';
import { rulesInEffect, type PolicyRule, type PortEntry } from '../../model/policy';
import { allowsAllPeers, allowsAllPorts, numericPort, namedPort, portProtocol } from '../../model/traffic';
import type { YMap } from '../../syntax/tree';
import { defineRule } from '../types';

/** The item is a mapping whose only key is `from`/`to`, with at least one peer. */
const onlyPeers = (rule: PolicyRule): rule is PolicyRule & { node: YMap } =>
  rule.node.kind === 'map' && rule.node.entries.length === 1 && !!rule.peersEntry && !allowsAllPeers(rule);

/** The item is a mapping whose only key is `ports`, with at least one port. */
const onlyPorts = (rule: PolicyRule): rule is PolicyRule & { node: YMap } =>
  rule.node.kind === 'map' && rule.node.entries.length === 1 && !!rule.portsEntry && !allowsAllPorts(rule);

function portText(p: PortEntry): string {
  const protocol = portProtocol(p) ?? 'TCP';
  const named = namedPort(p);
  if (named !== undefined) return `${protocol} "${named}"`;
  const start = numericPort(p);
  if (start === undefined) return `every ${protocol} port`;
  const end = p.endPort?.value;
  return end?.kind === 'scalar' && typeof end.value === 'number' && end.value > start ? `${protocol} ${start}-${end.value}` : `${protocol} ${start}`;
}

function portsText(rule: PolicyRule): string {
  const parts = (rule.ports ?? []).map(portText);
  const shown = parts.slice(0, 4);
  const more = parts.length > shown.length ? ` and ${parts.length - shown.length} more` : '';
  return shown.join(', ') + more;
}

export default defineRule({
  meta: {
    id: 'rule-split-across-items',
    title: 'One rule split across two items (peers in one, ports in the next)',
    category: 'semantics',
    severity: 'warning',
    docs: `An \`ingress\` or \`egress\` item that has only peers (\`from\`/\`to\`), next to an item that has only \`ports\`. Each
list item is a rule of its own, and rules are ORed, so one dash too many turns "these ports to these peers" into two
rules: **every port** to (or from) those peers, **plus** those ports to (or from) **everywhere** (a rule without \`to\` or
\`from\` matches every address and every pod). The author almost always meant one rule.

Triggers:

\`\`\`yaml
egress:
  - to:
      - podSelector:
          matchLabels: {app: db}
  - ports:            # a second rule: TCP 5432 to every destination
      - port: 5432
\`\`\`

Fixed (one rule: TCP 5432 to the db pods):

\`\`\`yaml
egress:
  - to:
      - podSelector:
          matchLabels: {app: db}
    ports:
      - port: 5432
\`\`\`

Not reported when the ports-only item has no peers-only neighbour (a lone \`- ports: [...]\` rule is a deliberate "these ports
to everywhere", which \`allows-all-peers\` points out), or when both items are complete (peers and ports each). The
range covers both items.

Quick fix (not safe: it changes what is allowed): merge the two items into one by removing the second item's dash (or
joining the two \`{...}\`); every line, comments included, stays where it is.

Sources: kubernetes/website#38780 (a user making exactly this change to a docs example); lensapp/lens#8195 (a policy
viewer grouping ports under the wrong rule); \`NetworkPolicyEgressRule\` in k8s.io/api/networking/v1/types.go ("If this
field is empty or missing, this rule matches all destinations").`,
  },
  *checkPolicy(policy, ctx) {
    for (const rules of rulesInEffect(policy)) {
      for (let i = 0; i + 1 < rules.length; i++) {
        const [a, b] = [rules[i]!, rules[i + 1]!];
        const peers = onlyPeers(a) ? a : onlyPeers(b) ? b : undefined;
        const ports = onlyPorts(a) ? a : onlyPorts(b) ? b : undefined;
        if (!peers || !ports || peers === ports) continue;
        const ingress = a.direction === 'ingress';
        const key = ingress ? 'from' : 'to';
        const listed = portsText(ports);
        const second = a === peers ? '`ports`' : `\`${key}\``;
        yield {
          span: { start: a.node.span.start, end: contentEnd(ctx.text, b.node) },
          message: `One ${a.direction} rule split in two by an extra "-": as written, these items allow every port ${ingress ? 'from' : 'to'} the \`${key}\` peers, plus ${listed} ${ingress ? 'from every source' : 'to every destination'}. If you meant ${listed} ${ingress ? 'from' : 'to'} those peers only, merge the items (remove the "-" before ${second}).`,
          data: { direction: a.direction, first: a.index },
        };
        i++;
      }
    }
  },
  fix(finding, ctx) {
    const { direction, first } = finding.data ?? {};
    if ((direction !== 'ingress' && direction !== 'egress') || typeof first !== 'number') return [];
    const rules = ctx.policy?.[direction]?.rules;
    const a = rules?.find((r) => r.index === first);
    const b = rules?.find((r) => r.index === first + 1);
    if (a?.node.kind !== 'map' || b?.node.kind !== 'map') return [];
    const edit = mergeSeqItems(ctx.text, a.node, b.node);
    // Not safe: one rule allows less than the two it replaces; which was meant is the author's call.
    return edit ? [{ title: 'Merge into one rule (these ports to these peers only)', edits: [edit], safe: false }] : [];
  },
});
