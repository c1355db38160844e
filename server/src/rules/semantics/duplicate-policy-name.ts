// File-wide: two NetworkPolicies with the same name in the same namespace. Applying the file creates the first and then
// replaces it with the second, so the first never takes effect.
import { policyName, policyNamespace } from '../../model/policy';
import { defineRule } from '../types';

interface NameFacts {
  readonly name: string | undefined;
  readonly namespace: string | undefined;
}

/** The key of the file's index a named policy is filed under: its namespace and name. */
const keyOf = ({ name, namespace }: NameFacts) => `${namespace ?? ''}\u0000${name}`;

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
  fileFacts: (policy): NameFacts => ({ name: policyName(policy), namespace: policyNamespace(policy) }),
  // Filed under namespace and name: a policy is judged again only when the first of that pair changes or moves.
  fileKeys: (facts) => ((facts as NameFacts).name === undefined ? [] : [keyOf(facts as NameFacts)]),
  *checkInFile(policy, facts, ctx) {
    const { name, namespace } = facts as NameFacts;
    const key = keyOf(facts as NameFacts);
    if (name === undefined || ctx.isFirst(key)) return;
    const first = ctx.firstDocument(key)!;
    const where = namespace === undefined ? 'with no namespace' : `in namespace "${namespace}"`;
    yield {
      span: policy.name!.value.span,
      message: `A NetworkPolicy named "${name}" ${where} is already defined in document ${first + 1} of this file: applying the file, this one replaces that one, whose rules are then lost. Rename one of them or merge them.`,
      data: { firstDocument: first },
    };
  },
});
