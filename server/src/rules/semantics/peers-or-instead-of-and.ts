// Two adjacent peers, one with only a namespaceSelector and one with only a podSelector: Kubernetes ORs list items, so this
// allows every pod of those namespaces plus those pods of the policy's own namespace. One item with both (AND) was likely meant.
import { mergeSeqItems } from '../../edit/index';
import type { Peer } from '../../model/policy';
import { selectorRequirements, selectorText } from '../../model/traffic';
import { defineRule } from '../types';

const onlyNamespace = (p: Peer) => !!p.namespaceSelector && p.namespaceSelector.node !== null && !p.podSelector && !p.ipBlock;
// An empty podSelector in the AND reading adds nothing, so `- podSelector: {}` is a deliberate "my namespace" and not this mistake.
const onlyPods = (p: Peer) => !!p.podSelector && selectorRequirements(p.podSelector).length > 0 && !p.namespaceSelector && !p.ipBlock;

export default defineRule({
  meta: {
    id: 'peers-or-instead-of-and',
    title: 'namespaceSelector and podSelector as two peers (OR) where one peer (AND) was likely meant',
    category: 'semantics',
    severity: 'information',
    docs: `Items of a \`from\`/\`to\` list are ORed; selectors inside one item are ANDed. One dash decides which:

\`\`\`yaml
from:
  - namespaceSelector:
      matchLabels: {team: monitoring}
  - podSelector:
      matchLabels: {app: prometheus}
\`\`\`

allows **every pod** of the \`team=monitoring\` namespaces, **plus** pods labelled \`app=prometheus\` in the policy's own
namespace. Usually what was meant is pods labelled \`app=prometheus\` **in** the \`team=monitoring\` namespaces:

\`\`\`yaml
from:
  - namespaceSelector:
      matchLabels: {team: monitoring}
    podSelector:
      matchLabels: {app: prometheus}
\`\`\`

Quick fix (not safe): merge the two items into one, by removing the second item's dash (or joining the two \`{...}\`).

Reported (as information, since both are legitimate) when a namespaceSelector-only peer and a podSelector-only peer with
labels are next to each other in one list. A \`podSelector: {}\` peer is a deliberate "all pods of my namespace" and is not
reported. The fix (merging the two items) changes what is allowed, so it is never applied automatically.

Source: kubernetes.io/docs/concepts/services-networking/network-policies ("Behavior of to and from selectors").`,
  },
  *checkPolicy(policy) {
    for (const list of [policy.ingress, policy.egress]) {
      for (const rule of list?.rules ?? []) {
        const peers = rule.peers ?? [];
        for (let i = 0; i + 1 < peers.length; i++) {
          const [a, b] = [peers[i]!, peers[i + 1]!];
          const ns = onlyNamespace(a) ? a : onlyNamespace(b) ? b : undefined;
          const pods = onlyPods(a) ? a : onlyPods(b) ? b : undefined;
          if (!ns || !pods || ns === pods) continue;
          const nsText = selectorRequirements(ns.namespaceSelector).length === 0 ? 'all namespaces' : `namespaces matching {${selectorText(ns.namespaceSelector)}}`;
          const podText = `{${selectorText(pods.podSelector)}}`;
          const key = rule.direction === 'ingress' ? 'from' : 'to';
          yield {
            span: pods.podSelector!.entry.keySpan,
            message: `These are two \`${key}\` items, so they are ORed: every pod in ${nsText}, plus pods matching ${podText} in this policy's namespace only. If you meant pods matching ${podText} in ${nsText}, put both selectors in one item (remove the "-" before the second selector).`,
            data: { namespacePeer: ns.index, podPeer: pods.index, direction: rule.direction, rule: rule.index },
          };
          i++;
        }
      }
    }
  },
  fix(finding, ctx) {
    const { namespacePeer, podPeer, direction, rule: ruleIndex } = finding.data ?? {};
    if (typeof namespacePeer !== 'number' || typeof podPeer !== 'number' || (direction !== 'ingress' && direction !== 'egress')) return [];
    const peers = ctx.policy?.[direction]?.rules.find((r) => r.index === ruleIndex)?.peers;
    const first = peers?.[Math.min(namespacePeer, podPeer)];
    const second = peers?.[Math.max(namespacePeer, podPeer)];
    if (!first || !second || Math.abs(namespacePeer - podPeer) !== 1) return [];
    const edit = mergeSeqItems(ctx.text, first.node, second.node);
    // Not safe: AND allows fewer pods than the OR it replaces; which was meant is the author's call.
    return edit ? [{ title: 'Merge into one item (pods matching the podSelector in the selected namespaces)', edits: [edit], safe: false }] : [];
  },
});
