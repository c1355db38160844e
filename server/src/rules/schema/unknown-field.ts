// Fields the NetworkPolicy schema does not have: kubectl's default strict field validation rejects them.
import { applyEdits, deleteMapEntry, findEntryByKeySpan, renameKey, type TextEdit } from '../../edit/index';
import { minorVersion } from '../../lint/settings';
import { findPolicies } from '../../model/build';
import { validatePolicyNode } from '../../schema/validate';
import { parseChunk } from '../../syntax/parse';
import { defineRule } from '../types';

export default defineRule({
  meta: {
    id: 'unknown-field',
    title: 'Unknown field',
    category: 'schema',
    severity: 'error',
    docs: `A field that networking.k8s.io/v1 NetworkPolicy does not have, usually a typo (\`polcyTypes\`) or a field at the
wrong level (\`ports\` directly under \`spec\`). kubectl validates strictly by default (\`--validate=strict\`, field validation
GA in Kubernetes 1.27) and rejects the object with \`strict decoding error: unknown field\`; with validation off the field is
silently dropped, which is worse. netpol suggests the closest valid field name.

\`status\` was a field (alpha, never enabled by default) from 1.24 to 1.27 and was removed in 1.28, so \`status: {}\` from old
\`kubectl get -o yaml\` output is reported from 1.28 on (setting \`netpol.kubernetesVersion\`).

\`\`\`yaml
spec:
  podSelector: {}
  polcyTypes: [Ingress]
\`\`\`

Fixed:

\`\`\`yaml
spec:
  podSelector: {}
  policyTypes: [Ingress]
\`\`\``,
  },
  *checkPolicy(policy, ctx) {
    const minor = minorVersion(ctx.settings);
    for (const p of ctx.schemaProblems.get(policy) ?? []) {
      if (p.kind !== 'unknown-field') continue;
      if (p.path.length === 1 && p.field === 'status' && minor >= 24 && minor <= 27) continue;
      const message =
        p.path.length === 1 && p.field === 'status'
          ? 'Unknown field "status": NetworkPolicy has had no status since Kubernetes 1.28, and kubectl rejects it. Remove it (it comes from `kubectl get -o yaml` output).'
          : p.message;
      yield { span: p.span, message, data: { field: p.field, ...(p.suggestion ? { suggestion: p.suggestion } : {}) } };
    }
  },
  fix(finding, ctx) {
    const policy = ctx.policy;
    const found = policy && findEntryByKeySpan(policy.node, finding.span);
    if (!policy || !found) return [];
    const suggestion = typeof finding.data?.suggestion === 'string' ? finding.data.suggestion : undefined;
    if (suggestion) {
      const edit = renameKey(ctx.text, found.entry.keySpan, suggestion);
      // Renaming must not trade this error for another: `port: 80` renamed to `ports` would be a list written as a number.
      if (!cleanAfter(ctx.text, edit, found.entry.keySpan.start, found.entry.span.end + edit.newText.length - (edit.span.end - edit.span.start))) return [];
      return [{ title: `Rename "${found.entry.key}" to "${suggestion}"`, edits: [edit], safe: true, preferred: true }];
    }
    if (found.entry.key === 'status' && found.map === policy.node) {
      return [{ title: 'Remove the status field', edits: [deleteMapEntry(ctx.text, found.map, found.entry)], safe: true, preferred: true }];
    }
    return [];
  },
});

/** True when, after the edit, the schema reports nothing between `start` and `end` of the edited policy. */
function cleanAfter(text: string, edit: TextEdit, start: number, end: number): boolean {
  const parsed = parseChunk(applyEdits(text, [edit]), 0);
  if (parsed.syntaxErrors.length > 0) return false;
  const policies = findPolicies(parsed.root);
  const policy = policies.find((p) => p.node.span.start <= start && end <= p.node.span.end);
  if (!policy) return false;
  return !validatePolicyNode(policy.node).some((p) => p.span.start >= start && p.span.start < end);
}
