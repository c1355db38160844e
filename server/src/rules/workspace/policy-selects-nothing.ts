// A policy whose spec.podSelector selects no workload of its namespace, while the workspace holds workloads of that
// namespace: usually a typo'd label, and the pods the author meant to protect stay open.
import { renameKey, replaceScalar } from '../../edit/index';
import { labelSelectorText, selectsEverything } from '../../model/selector';
import { defineRule } from '../types';
import { closestClasses, didYouMean } from './describe';

export default defineRule({
  meta: {
    id: 'policy-selects-nothing',
    title: 'Policy selects no workload of the workspace',
    category: 'workspace',
    severity: 'warning',
    docs: `Workspace rule: the policy's \`spec.podSelector\` matches the pod labels of no workload (Pod, Deployment,
StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job, CronJob) of the policy's namespace in this workspace. The
API server accepts such a policy and it does nothing: the pods it was written for are not isolated, and nobody notices
until the traffic it should have blocked gets through. The cause is almost always a typo in a label or a label renamed on
the workload but not in the policy. Reported only when the workspace holds workloads of the policy's namespace (a
repository of policies alone gets no such diagnostic); manifests without \`metadata.namespace\` are in the namespace of the
\`kustomization.yaml\` beside them, else \`default\`.

The message lists the closest label sets that exist. Quick fix (not applied by fix-all, since it changes what the policy
selects): change the one label that differs to the value (or key) the closest workload has.

\`\`\`yaml
# deployment.yaml
kind: Deployment
metadata: {name: frontend, namespace: shop}
spec:
  template:
    metadata:
      labels: {app: frontend}
---
# policy.yaml
kind: NetworkPolicy
metadata: {name: frontend, namespace: shop}
spec:
  podSelector:
    matchLabels: {app: fronted}   # selects nothing: did you mean app=frontend?
\`\`\`

Fixed: \`matchLabels: {app: frontend}\`. Source: kubernetes.io/docs/concepts/services-networking/network-policies (a policy
applies to the pods its podSelector selects); kube-linter's \`dangling-networkpolicy\` check makes the same judgment.`,
  },
  // Judges these facts of a document, again when these facts of the index change: the workloads (pod classes) of its namespace.
  workspaceJudges: ['policies'],
  workspaceReads: ['workloads'],
  *checkWorkspace(ctx) {
    for (const p of ctx.facts.policies) {
      if (selectsEverything(p.podSelector) || !ctx.index.hasWorkloads(p.namespace)) continue;
      const classes = ctx.index.podClasses(p.namespace);
      if (ctx.index.selectPods(p.namespace, p.podSelector).length > 0) continue;
      const suggestions = closestClasses(p.podSelector, classes);
      const edit = suggestions.length === 1 ? suggestions[0]!.edit : undefined;
      yield {
        span: p.podSelectorLocation.span,
        message: `podSelector selects no pod: no workload of namespace "${p.namespace}" in this workspace has ${labelSelectorText(p.podSelector)}, so the policy isolates nothing.${didYouMean(suggestions)} Fix the labels to select the pods this policy is for.`,
        ...(edit ? { data: { ...edit } } : {}),
      };
    }
  },
  fix(finding, ctx) {
    const key = finding.data?.['key'];
    const newKey = finding.data?.['newKey'];
    const newValue = finding.data?.['newValue'];
    const pair = ctx.policy?.podSelector?.matchLabels.find((l) => l.key === key);
    if (!pair) return [];
    if (typeof newValue === 'string' && pair.value.kind === 'scalar') {
      return [{ title: `Change ${String(key)} to ${newValue}`, edits: [replaceScalar(ctx.text, pair.value, newValue)], safe: false, preferred: true }];
    }
    if (typeof newKey === 'string') return [{ title: `Change the label key ${String(key)} to ${newKey}`, edits: [renameKey(ctx.text, pair.keySpan, newKey)], safe: false, preferred: true }];
    return [];
  },
});
