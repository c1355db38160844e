// policyTypes entries other than exactly Ingress or Egress, and lists of more than two entries.
import { deleteSeqItem, replaceScalar, type TextEdit } from '../../edit/index';
import { seqValue } from '../../model/policy';
import type { YSeq } from '../../syntax/tree';
import { defineRule } from '../types';
import { quote } from './k8s-names';

const ALLOWED = ['Ingress', 'Egress'];

export default defineRule({
  meta: {
    id: 'invalid-policy-types',
    title: 'Invalid policyTypes',
    category: 'api',
    severity: 'error',
    docs: `\`policyTypes\` lists at most two values, each exactly \`Ingress\` or \`Egress\` (case-sensitive). The API server rejects
\`ingress\` with \`Unsupported value: "ingress": supported values: "Ingress", "Egress"\`, and a list of more than two entries with
\`may not specify more than two policyTypes\`.

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [ingress, egress]
\`\`\`

Fixed:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress, Egress]
\`\`\`

Quick fixes: a wrongly capitalised type is written with its capitals (safe); a list of more than two keeps each valid type
once (safe when only copies go, not safe when an invalid entry goes with what it meant).

Source: \`ValidateNetworkPolicySpec\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    const seq = seqValue(policy.policyTypes);
    if (!seq) return;
    if (seq.items.length > 2) {
      const written = seq.items.map((i) => (i.kind === 'scalar' ? quote(String(i.value)) : '…')).join(', ');
      // What a fix can write instead: each valid type once, in the order written.
      const replacement = [...new Set(seq.items.flatMap((i) => (i.kind === 'scalar' && ALLOWED.includes(String(i.value)) ? [String(i.value)] : [])))];
      yield {
        span: policy.policyTypes!.keySpan,
        message: `spec.policyTypes: Invalid value: [${written}]: may not specify more than two policyTypes. List Ingress, Egress or both, once each.`,
        ...(replacement.length > 0 ? { data: { replacement } } : {}),
      };
      // The API server stops checking policyTypes here.
      return;
    }
    for (const [i, item] of seq.items.entries()) {
      if (item.kind !== 'scalar' || typeof item.value !== 'string' || ALLOWED.includes(item.value)) continue;
      const match = ALLOWED.find((a) => a.toLowerCase() === (item.value as string).trim().toLowerCase());
      yield {
        span: item.span,
        message: `spec.policyTypes[${i}]: Unsupported value: ${quote(item.value)}: supported values: "Ingress", "Egress".${match ? ` Write ${match} (case-sensitive).` : ''}`,
        ...(match ? { data: { replacement: match } } : {}),
      };
    }
  },
  fix(finding, ctx) {
    const replacement = finding.data?.replacement;
    const seq = seqValue(ctx.policy?.policyTypes);
    if (!seq) return [];
    if (typeof replacement === 'string') {
      const item = seq.items.find((i) => i.span.start === finding.span.start && i.span.end === finding.span.end);
      // Safe: only the capitalisation changes.
      return item?.kind === 'scalar' ? [{ title: `Change to ${replacement}`, edits: [replaceScalar(ctx.text, item, replacement)], safe: true, preferred: true }] : [];
    }
    if (!Array.isArray(replacement)) return [];
    const keep = seq.items.filter((item, n) => item.kind === 'scalar' && replacement.includes(item.value) && seq.items.findIndex((i) => i.kind === 'scalar' && i.value === item.value) === n);
    const edits = keepOnly(ctx.text, seq, keep);
    // Safe only when every entry that goes is a copy of one that stays; dropping `ingress` loses what it meant.
    const safe = seq.items.every((i) => keep.includes(i) || (i.kind === 'scalar' && keep.some((k) => k.kind === 'scalar' && k.value === i.value)));
    return edits ? [{ title: `Keep ${replacement.join(', ')} only`, edits, safe, preferred: true }] : [];
  },
});

/** Deletes the items of `seq` not in `keep`: line by line in block style; a one-line flow list is rewritten from the kept items' text. */
function keepOnly(text: string, seq: YSeq, keep: readonly YSeq['items'][number][]): TextEdit[] | undefined {
  if (!seq.flow) return seq.items.filter((i) => !keep.includes(i)).map((i) => deleteSeqItem(text, seq, i));
  const written = text.slice(seq.span.start, seq.span.end);
  if (written.includes('#') || written.includes('\n')) return undefined;
  return [{ span: seq.span, newText: `[${keep.map((i) => text.slice(i.span.start, i.span.end)).join(', ')}]` }];
}
