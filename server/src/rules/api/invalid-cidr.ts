// ipBlock.cidr or an except entry that is empty or not a CIDR at all (a bare IP, /33, a zone suffix, a typo).
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { parseIp } from '../../net/ip';
import { defineRule } from '../types';
import { cidrValues } from './cidrs';
import { quote } from './k8s-names';

export default defineRule({
  meta: {
    id: 'invalid-cidr',
    title: 'ipBlock value is not a valid CIDR',
    category: 'api',
    severity: 'error',
    docs: `\`ipBlock.cidr\` and every \`except\` entry must be a CIDR: an IPv4 or IPv6 address, a slash and a prefix length (at most
32 for IPv4, 128 for IPv6). A bare IP address is not a CIDR (write \`/32\` or \`/128\` for a single address), nor is a zone
suffix (\`fe80::1%eth0/64\`). The API server rejects the policy with
\`Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)\`, and an empty \`cidr: ""\` with
\`Required value\`. (A missing \`cidr\` key is reported by \`required-field\`.)

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.1
    except: [10.0.0.0/33]
\`\`\`

Fixed:

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.1/32
\`\`\`

Quick fix (safe): a bare address gets the prefix length of a single address (\`/32\` or \`/128\`).

Source: \`ValidateIPBlock\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\` and \`IsValidCIDR\` in
\`staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go\`.`,
  },
  *checkPolicy(policy) {
    for (const value of cidrValues(policy)) {
      if (value.parsed) continue;
      if (value.text === '' && !value.of) {
        yield { span: value.node.span, message: `${value.path}: Required value. Write the network this peer allows, e.g. 10.0.0.0/8.` };
        continue;
      }
      const ip = parseIp(value.text.trim());
      const suggestion = ip ? `${value.text.trim()}/${ip.family === 4 ? 32 : 128}` : undefined;
      const hint = suggestion
        ? ` An address needs a prefix length: write ${suggestion} for this one address.`
        : value.text.includes('%')
          ? ' Zone suffixes (%eth0) are not allowed.'
          : ' Write an address, a slash and a prefix length (at most 32 for IPv4, 128 for IPv6).';
      yield {
        span: value.node.span,
        message: `${value.path}: Invalid value: ${quote(value.text)}: must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64).${hint}`,
        ...(suggestion ? { data: { replacement: suggestion } } : {}),
      };
    }
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof replacement !== 'string' || node?.kind !== 'scalar') return [];
    // Safe: a bare address can only mean that one address.
    return [{ title: `Change to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: true, preferred: true }];
  },
});
