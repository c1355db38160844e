// metadata.name must be a DNS-1123 subdomain (lowercase, at most 253 characters); a policy needs a name or a generateName.
import { findNodeBySpan, replaceScalar } from '../../edit/index';
import { entry } from '../../syntax/tree';
import { defineRule } from '../types';
import { isDns1123Subdomain, quote } from './k8s-names';
import { stringOf } from './walk';

export default defineRule({
  meta: {
    id: 'invalid-policy-name',
    title: 'Invalid NetworkPolicy name',
    category: 'api',
    severity: 'error',
    docs: `A NetworkPolicy's \`metadata.name\` is a lowercase RFC 1123 subdomain: at most 253 characters of lowercase letters,
digits, \`-\` and \`.\`, starting and ending with a letter or digit. Capitals and underscores are the usual mistakes. The API
server rejects the policy with \`metadata.name: Invalid value: "Allow_DNS": a lowercase RFC 1123 subdomain must consist of …\`.
A policy without \`name\` (and without \`generateName\`) is rejected too: \`metadata.name: Required value: name or generateName
is required\`. \`generateName\` is checked the same way, ignoring its trailing \`-\`.

\`\`\`yaml
metadata:
  name: Allow_DNS
\`\`\`

Fixed:

\`\`\`yaml
metadata:
  name: allow-dns
\`\`\`

Quick fix (not safe: the new name may already be taken in the namespace): use the suggested name.

Sources: \`ValidateNetworkPolicy\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`;
\`ValidateObjectMeta\` / \`NameIsDNSSubdomain\` in \`staging/src/k8s.io/apimachinery/pkg/api/validation/\`.`,
  },
  *checkPolicy(policy) {
    const metadata = policy.metadata?.value;
    // metadata of the wrong type is an invalid-type error.
    if (metadata && metadata.kind !== 'map' && !(metadata.kind === 'scalar' && metadata.value === null)) return;
    const generateName = entry(metadata, 'generateName');
    const generate = stringOf(generateName?.value);
    if (generate) {
      // NameIsDNSSubdomain(name, prefix=true) masks one trailing dash.
      const masked = generate.endsWith('-') ? `${generate.slice(0, -1)}a` : generate;
      const errors = isDns1123Subdomain(masked);
      if (errors.length) yield { span: generateName!.value.span, message: `metadata.generateName: Invalid value: ${quote(generate)}: ${errors.join(', ')}.` };
    }
    const name = stringOf(policy.name?.value);
    if (name === undefined && policy.name && !(policy.name.value.kind === 'scalar' && policy.name.value.value === null)) return; // invalid-type
    if (!name) {
      if (generate) return;
      const span = policy.name?.keySpan ?? policy.metadata?.keySpan ?? policy.kind?.keySpan ?? { start: policy.node.span.start, end: policy.node.span.start };
      yield { span, message: 'metadata.name: Required value: name or generateName is required. Give the policy a name, e.g. metadata.name: allow-web.' };
      return;
    }
    const errors = isDns1123Subdomain(name);
    if (errors.length === 0) return;
    const suggestion = suggestName(name);
    yield {
      span: policy.name!.value.span,
      message: `metadata.name: Invalid value: ${quote(name)}: ${errors.join(', ')}.${suggestion ? ` Try ${quote(suggestion)}.` : ''}`,
      ...(suggestion ? { data: { replacement: suggestion } } : {}),
    };
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const node = findNodeBySpan(ctx.policy?.node, finding.span);
    if (typeof replacement !== 'string' || node?.kind !== 'scalar') return [];
    // Not safe: the new name may be taken by another policy of the namespace, which applying this one would replace.
    return [{ title: `Rename the policy to ${replacement}`, edits: [replaceScalar(ctx.text, node, replacement)], safe: false, preferred: true }];
  },
});

/** Lowercase, other characters to '-', trimmed to 253 and to alphanumeric ends; undefined when nothing usable is left. */
function suggestName(name: string): string | undefined {
  const s = name
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .slice(0, 253)
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');
  return s && isDns1123Subdomain(s).length === 0 ? s : undefined;
}
