// File-wide: two NetworkPolicies with the same name in the same namespace. Applying the file creates the first and then
// replaces it with the second, so the first never takes effect.
import { policyName, policyNamespace } from '../../model/policy';
import { defineRule, type FileFinding } from '../types';

interface NameFacts {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
  readonly key: string;
}

export default defineRule({
  meta: {
    id: 'duplicate-policy-name',
    title: 'Same policy name twice in one namespace',
    category: 'semantics',
    severity: 'error',
    docs: `A NetworkPolicy is identified by namespace and name. When one file defines the same name twice in the same
namespace, \`kubectl apply -f\` applies both in order: the second replaces the first, and only its rules take effect. The
first policy, often the one reviewed, silently disappears. Policies without \`metadata.namespace\` are compared with each
other (they land in the same namespace).

Triggers:

\`\`\`yaml
metadata: {name: allow-web, namespace: prod}
---
metadata: {name: allow-web, namespace: prod}   # replaces the first
\`\`\`

Fixed: give each policy its own name, or merge their rules into one policy.

No quick fix: renaming one policy or merging both is a choice only the author can make.

Source: kubernetes.io/docs/concepts/overview/working-with-objects/names (a name is unique per resource type within a
namespace); \`kubectl apply\` updates an existing object of the same name.`,
  },
  fileFacts(policy): NameFacts {
    const name = policyName(policy);
    const namespace = policyNamespace(policy);
    return { name, namespace, key: `${namespace ?? ''}\u0000${name}` };
  },
  *checkFile(ctx) {
    const seen = new Map<string, number>();
    const findings: FileFinding[] = [];
    for (const ref of ctx.policies) {
      const { policy, documentIndex } = ref;
      // Derived once per policy and kept while its document is unchanged (the same key string, whose hash is cached).
      const { name, namespace, key } = ctx.facts<NameFacts>(ref);
      if (name === undefined) continue;
      const first = seen.get(key);
      if (first === undefined) {
        seen.set(key, documentIndex);
        continue;
      }
      const where = namespace === undefined ? 'with no namespace' : `in namespace "${namespace}"`;
      findings.push({
        span: policy.name!.value.span,
        documentIndex,
        message: `A NetworkPolicy named "${name}" ${where} is already defined in document ${first + 1} of this file: applying the file, this one replaces that one, whose rules are then lost. Rename one of them or merge them.`,
        data: { firstDocument: first },
      });
    }
    yield* findings;
  },
});
