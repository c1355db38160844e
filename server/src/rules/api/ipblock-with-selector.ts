// A single peer that sets ipBlock together with podSelector or namespaceSelector.
import { defineRule } from '../types';
import { peersOf } from './walk';

export default defineRule({
  meta: {
    id: 'ipblock-with-selector',
    title: 'ipBlock combined with a selector in one peer',
    category: 'api',
    severity: 'error',
    docs: `A peer selects either by IP (\`ipBlock\`) or by labels (\`podSelector\` and/or \`namespaceSelector\`), never both: the
API server rejects the combination with \`Forbidden: may not specify both ipBlock and another peer\`. (A \`podSelector\` with a
\`namespaceSelector\` in one peer is fine: both must match.) To allow both, make them two entries of the list.

\`\`\`yaml
from:
  - ipBlock:
      cidr: 10.0.0.0/8
    podSelector:
      matchLabels: {app: web}
\`\`\`

Fixed (either of them):

\`\`\`yaml
from:
  - ipBlock:
      cidr: 10.0.0.0/8
  - podSelector:
      matchLabels: {app: web}
\`\`\`

Source: \`ValidateNetworkPolicyPeer\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: peer, path } of peersOf(policy)) {
      if (!peer.ipBlock) continue;
      const others = [peer.podSelector, peer.namespaceSelector].filter((s) => s && s.entry.value.kind !== 'scalar');
      if (others.length === 0) continue;
      const names = others.map((s) => s!.entry.key).join(' and ');
      yield {
        span: peer.ipBlock.entry.keySpan,
        message: `${path}: Forbidden: may not specify both ipBlock and another peer (${names}). Split them into separate \`${path.includes('.from[') ? 'from' : 'to'}\` entries: one with the ipBlock, one with the selector.`,
        data: { selectors: others.map((s) => s!.entry.key) },
      };
    }
  },
});
