// metadata.annotations: keys must be qualified names (compared in lowercase) and all keys and values together at most 256 KiB.
import { entry } from '../../syntax/tree';
import { defineRule } from '../types';
import { byteLength, isLabelKey, quote } from './k8s-names';

const TOTAL_LIMIT = 256 * 1024;

export default defineRule({
  meta: {
    id: 'invalid-annotation',
    title: 'Invalid annotation key or annotations too large',
    category: 'api',
    severity: 'error',
    docs: `Annotation keys follow the label key format — an optional DNS-subdomain prefix and \`/\`, then a name of 1–63
letters, digits, \`-\`, \`_\` and \`.\` starting and ending with a letter or digit — except that upper case is allowed anywhere
(the API server lowercases the key before checking). Values are free text, but all keys and values of an object together may
not exceed 256 KiB (\`metadata.annotations: Too long: must have at most 262144 bytes\`).

\`\`\`yaml
metadata:
  name: allow-web
  annotations:
    "owner team": network
\`\`\`

Fixed:

\`\`\`yaml
metadata:
  name: allow-web
  annotations:
    example.com/owner-team: network
\`\`\`

Source: \`ValidateAnnotations\` in kubernetes/kubernetes \`staging/src/k8s.io/apimachinery/pkg/api/validation/objectmeta.go\`.`,
  },
  *checkPolicy(policy) {
    const annotations = entry(policy.metadata?.value, 'annotations');
    if (annotations?.value.kind !== 'map') return;
    let total = 0;
    for (const e of annotations.value.entries) {
      const value = e.value.kind === 'scalar' && typeof e.value.value === 'string' ? e.value.value : '';
      total += byteLength(e.key) + byteLength(value);
      const errors = isLabelKey(e.key.toLowerCase());
      if (errors.length === 0) continue;
      yield {
        span: e.keySpan,
        message: `metadata.annotations: Invalid value: ${quote(e.key)}: ${errors.join(', ')}. An annotation key is an optional DNS-subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit.`,
      };
    }
    if (total > TOTAL_LIMIT) {
      yield { span: annotations.keySpan, message: `metadata.annotations: Too long: must have at most ${TOTAL_LIMIT} bytes (these have ${total}). Move large data out of annotations.` };
    }
  },
});
