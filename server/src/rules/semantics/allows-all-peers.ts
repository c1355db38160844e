// A rule with no `from`/`to`, an empty one, or an empty rule `{}`: it allows every source or destination. Said out loud so
// that nobody mistakes `from: []` or `- {}` for "deny".
import { rulesInEffect } from '../../model/policy';
import { allowsAllPeers, allowsAllPorts, ruleAnchor } from '../../model/traffic';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'allows-all-peers',
    title: 'Rule allows every source or destination',
    category: 'semantics',
    severity: 'information',
    docs: `An ingress rule without \`from\` (or with \`from: []\`) allows traffic from every source: all pods of all
namespaces and every IP address. Likewise an egress rule without \`to\` allows every destination. An empty rule
(\`ingress: [{}]\`, \`- {}\`) allows everything on every port. These read like "nothing" and are easily mistaken for deny;
the way to deny all is to isolate with no rules (\`ingress: []\` with \`policyTypes: [Ingress]\`). Reported as
information, so that the meaning is visible where the rule is written. Not reported for a direction the policy does not
enforce (see \`ignored-rules\`). Where such an egress rule also reaches a cloud metadata endpoint,
\`egress-reaches-metadata-endpoint\` says so separately.

Triggers:

\`\`\`yaml
ingress:
  - from: []      # every source, not "none"
\`\`\`

Fixed (deny all ingress):

\`\`\`yaml
policyTypes: [Ingress]
ingress: []
\`\`\`

or list the sources that are meant.

No quick fix: the rule may be meant (an allow-all rule is legitimate); which peers to list instead is the author's
knowledge.

Source: \`NetworkPolicyIngressRule.from\` / \`NetworkPolicyEgressRule.to\` in k8s.io/api/networking/v1/types.go ("If this field
is empty or missing, this rule matches all sources").`,
  },
  *checkPolicy(policy) {
    for (const rule of rulesInEffect(policy).flat()) {
      if (!allowsAllPeers(rule)) continue;
      const ingress = rule.direction === 'ingress';
      const key = ingress ? 'from' : 'to';
      const how = rule.peersEntry ? `an empty \`${key}\`` : `no \`${key}\``;
      const who = ingress ? 'from every source (all pods in all namespaces and every IP address)' : 'to every destination (all pods in all namespaces and every IP address)';
      const ports = allowsAllPorts(rule) ? 'on every port' : 'on the listed ports';
      yield {
        span: ruleAnchor(rule),
        message: `This ${rule.direction} rule has ${how}, so it allows traffic ${who} ${ports}. It does not deny anything.`,
      };
    }
  },
});
