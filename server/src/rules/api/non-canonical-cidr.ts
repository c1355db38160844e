// CIDRs the strict IP/CIDR validation of KEP-4858 rejects (leading zeros, IPv4-mapped IPv6, bits set beyond the prefix
// length): errors from Kubernetes 1.36, where StrictIPCIDRValidation is on by default, and the API server's warnings before.
// IPv6 that is not in RFC 5952 form only ever gets the warning.
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { cidrContainsIp, formatCidr, formatIp, type Cidr } from '../../net/ip';
import { minorVersion } from '../../lint/settings';
import { defineRule, type Finding } from '../types';
import type { NetworkPolicy } from '../../model/policy';
import type { YNode } from '../../syntax/tree';
import { cidrValues, type CidrValue } from './cidrs';
import { ipBlocksOf } from './walk';
import { quote } from './k8s-names';

/** StrictIPCIDRValidation: beta and on by default in 1.36, GA in 1.38. */
const STRICT_FROM_MINOR = 36;

export default defineRule({
  meta: {
    id: 'non-canonical-cidr',
    title: 'CIDR not in canonical form',
    category: 'api',
    severity: 'error',
    docs: `Kubernetes parsed \`ipBlock\` CIDRs sloppily for years: \`010.0.0.0/8\` (leading zeros, which some tools read as octal),
\`::ffff:10.0.0.0/104\` (an IPv4-mapped IPv6 address) and \`10.0.0.1/8\` (bits set beyond the prefix length: did you mean the
network \`10.0.0.0/8\` or the single address \`10.0.0.1/32\`?) were accepted with a warning. With strict IP/CIDR validation
(KEP-4858: alpha in 1.33, **on by default from 1.36**, GA in 1.38) the API server rejects them for new values:
\`must not have leading 0s in IP or prefix length\`, \`must not have an IPv4-mapped IPv6 address\`,
\`must not have bits set beyond the prefix length\`. netpol reports them as errors when \`netpol.kubernetesVersion\` is 1.36 or
later, and as warnings, worded as the API server's warnings, before. Values already stored in a cluster keep working on update
(ratcheting), but the manifest will fail on a fresh cluster.

IPv6 not written in RFC 5952 canonical form (\`2001:DB8:0:0::/64\` instead of \`2001:db8::/64\`) is only ever a warning.

The canonical replacement is in each diagnostic and offered as a fix. Quick fixes: the canonical form (safe: it is the value
the API server already uses), and for a \`cidr\` with host bits set and no \`except\`, the single address (\`/32\` or
\`/128\`; not safe, it changes what is allowed).

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.1/8
    except: [010.1.0.0/16]
\`\`\`

Fixed:

\`\`\`yaml
- ipBlock:
    cidr: 10.0.0.0/8
    except: [10.1.0.0/16]
\`\`\`

Sources: kubernetes/kubernetes \`staging/src/k8s.io/apimachinery/pkg/util/validation/ip.go\` (\`IsValidCIDRForLegacyField\`,
\`GetWarningsForCIDR\`); KEP-4858 (kubernetes/enhancements \`keps/sig-network/4858-ip-cidr-validation\`); the 1.36 changelog
("The \`StrictIPCIDRValidation\` feature gate to kube-apiserver is now enabled by default").`,
  },
  *checkPolicy(policy, ctx) {
    const strict = minorVersion(ctx.settings) >= STRICT_FROM_MINOR;
    for (const value of cidrValues(policy)) {
      if (!value.parsed) continue;
      const finding = check(value, value.parsed, strict);
      if (finding) yield finding;
    }
  },
  fix(finding, ctx) {
    const { canonical, alternative } = finding.data ?? {};
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof canonical !== 'string' || node?.kind !== 'scalar') return [];
    // An except-not-in-cidr error quotes the cidr as written: while one stands, the except is fixed first.
    if (hasInvalidExcept(ctx.policy!, node)) return [];
    // Safe: the canonical form is the value the API server already read (host bits cleared, the same address otherwise).
    const fixes = [{ title: `Change to ${canonical}`, edits: [replaceScalar(ctx.text, node, canonical)], safe: true, preferred: true }];
    // The single address is another meaning, and only a cidr without `except` entries can shrink to it (an except must stay
    // strictly inside its cidr).
    if (typeof alternative === 'string' && isCidrWithoutExcept(ctx.policy!, node)) {
      fixes.push({ title: `Change to ${alternative} (the single address)`, edits: [replaceScalar(ctx.text, node, alternative)], safe: false, preferred: false });
    }
    return fixes;
  },
});

function hasInvalidExcept(policy: NetworkPolicy, cidrNode: YNode): boolean {
  for (const value of cidrValues(policy)) {
    if (value.of?.node !== cidrNode || !value.of.parsed) continue;
    const inner = value.parsed;
    if (!inner || !cidrContainsIp(value.of.parsed, { family: inner.family, value: inner.network }) || value.of.parsed.prefix >= inner.prefix) return true;
  }
  return false;
}

function isCidrWithoutExcept(policy: NetworkPolicy, node: YNode): boolean {
  for (const { item: block } of ipBlocksOf(policy)) if (block.cidr?.value === node) return block.exceptItems.length === 0;
  return false;
}

function singleAddress(c: Cidr): string {
  if (c.mapped) return `${formatIp(4, c.address & 0xffffffffn)}/32`;
  return `${formatIp(c.family, c.address)}/${c.family === 4 ? 32 : 128}`;
}

function check(value: CidrValue, c: Cidr, strict: boolean): Finding | undefined {
  const canonical = formatCidr(c);
  const span = value.node.span;
  const alternative = c.hostBitsSet ? singleAddress(c) : undefined;
  const data = { canonical, ...(alternative ? { alternative } : {}) };
  if (strict) {
    const reason = c.leadingZeros
      ? 'must not have leading 0s in IP or prefix length'
      : c.mapped
        ? 'must not have an IPv4-mapped IPv6 address'
        : c.hostBitsSet
          ? 'must not have bits set beyond the prefix length'
          : undefined;
    if (reason) {
      const use = alternative && !c.leadingZeros && !c.mapped ? `Use ${quote(canonical)} for the network, or ${quote(alternative)} for the single address` : `Use ${quote(canonical)}`;
      return {
        span,
        message: `${value.path}: Invalid value: ${quote(value.text)}: ${reason}. ${use} (strict IP/CIDR validation is on from Kubernetes 1.36).`,
        data,
      };
    }
  } else {
    const warnings: string[] = [];
    if (c.hostBitsSet) warnings.push(`CIDR value ${quote(value.text)} is ambiguous in this context (should be ${quote(canonical)} or ${quote(alternative!)}?)`);
    if (c.leadingZeros || c.mapped) warnings.push(`non-standard CIDR value ${quote(value.text)} will be considered invalid in a future Kubernetes release: use ${quote(canonical)}`);
    if (warnings.length > 0) {
      return { span, severity: 'warning', message: `${value.path}: ${warnings.join('; ')}. It is an error from Kubernetes 1.36 (strict IP/CIDR validation).`, data };
    }
  }
  if (c.family === 6 && !c.mapped && !c.leadingZeros && !c.hostBitsSet) {
    const rfc5952 = `${formatIp(6, c.address)}/${c.prefix}`;
    if (rfc5952 !== value.text) {
      return {
        span,
        severity: 'warning',
        message: `${value.path}: IPv6 CIDR value ${quote(value.text)} should be in RFC 5952 canonical format (${quote(rfc5952)}).`,
        data: { canonical: rfc5952 },
      };
    }
  }
  return undefined;
}
