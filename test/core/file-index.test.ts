// The file-wide rules' index judges again, after an edit, only the policies whose reads of the index the edit changed:
// counted here by wrapping every file-wide rule's `checkInFile` (netpol's own rules, unchanged otherwise).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { policyName, type NetworkPolicy } from '../../server/src/model/policy';
import { defaultRegistry, registryOf } from '../../server/src/rules/registry';
import type { FileIndexContext, Rule } from '../../server/src/rules/types';
import { createLanguageService } from '../../server/src/service';

/** netpol's rules, each file-wide one counting the policies (by name) it judges. */
function countingRegistry(judged: string[]) {
  const rules = defaultRegistry.all.map((rule): Rule => {
    const check = rule.checkInFile;
    if (!check) return rule;
    return {
      ...rule,
      checkInFile(policy: NetworkPolicy, facts: unknown, ctx: FileIndexContext) {
        judged.push(`${rule.meta.id}:${policyName(policy)}`);
        return check.call(rule, policy, facts, ctx);
      },
    };
  });
  return registryOf(rules);
}

/** A policy isolating egress in namespace `ns`; with `dns` it allows DNS (UDP 53) to all pods of its namespace. */
const policy = (name: string, ns: string, app: string, dns: boolean) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  podSelector:${app ? `\n    matchLabels:\n      app: ${app}` : ' {}'}
  policyTypes: [Egress]
  egress:
    - ports:
        - protocol: UDP
          port: ${dns ? 53 : 443}
`;

describe('the file-wide index after an edit', () => {
  // 40 namespaces, each with a DNS allowance for all its pods and a few policies without one (covered by it).
  const documents: string[] = [];
  for (let n = 0; n < 40; n++) {
    documents.push(policy(`dns-${n}`, `ns${n}`, '', true));
    for (let k = 0; k < 4; k++) documents.push(policy(`p-${n}-${k}`, `ns${n}`, `a${k}`, k % 2 === 0));
  }
  const text = documents.join('---\n');

  function opened() {
    const judged: string[] = [];
    const service = createLanguageService({ registry: countingRegistry(judged) });
    service.update('f', text, 1);
    const before = service.getDiagnostics('f');
    // duplicate-policy-name, egress-blocks-dns and cni-no-enforcement (namespace-without-default-deny is strict only).
    assert.equal(judged.length, 3 * documents.length, 'every policy judged once by each file-wide rule at the open');
    judged.length = 0;
    return { service, judged, before };
  }

  function edit(service: ReturnType<typeof createLanguageService>, from: string, start: number, end: number, inserted: string): string {
    const next = from.slice(0, start) + inserted + from.slice(end);
    service.update('f', next, 2, { from, edits: [{ start, end, text: inserted }] });
    return next;
  }

  it('judges only the edited policy when a DNS port changes and its namespace stays covered', () => {
    const { service, judged } = opened();
    const at = text.indexOf('port: 53', text.indexOf('name: p-20-0')) + 'port: 5'.length;
    const next = edit(service, text, at, at + 1, '4');
    const diagnostics = service.getDiagnostics('f');
    assert.deepEqual([...new Set(judged.map((j) => j.split(':')[1]))], ['p-20-0']);
    const fresh = createLanguageService();
    fresh.update('f', next, 2);
    assert.deepEqual(diagnostics, fresh.getDiagnostics('f'));
  });

  it('judges only the new policy when a document is added before the others, and moves every later finding', () => {
    const { service, judged, before } = opened();
    // Before the second document's `---`: no other document's text changes.
    const at = text.indexOf('---\n');
    const added = `---\n${policy('new', 'ns-new', '', true)}`;
    edit(service, text, at, at, added);
    const after = service.getDiagnostics('f');
    assert.deepEqual([...new Set(judged.map((j) => j.split(':')[1]))], ['new']);
    const line = text.slice(0, at).split('\n').length - 1;
    const shift = added.split('\n').length - 1;
    assert.ok(before.some((d) => d.range.start.line > line));
    // The new document's own diagnostics aside, every diagnostic is the one before, moved with its document.
    const others = after.filter((d) => d.range.start.line < line || d.range.start.line >= line + shift);
    assert.deepEqual(
      others.map((d) => [d.code, d.range.start.line]),
      before.map((d) => [d.code, d.range.start.line >= line ? d.range.start.line + shift : d.range.start.line]),
    );
  });

  it('judges again the policies of a namespace that loses its DNS allowance, and no others', () => {
    const { service, judged } = opened();
    const at = text.indexOf('port: 53', text.indexOf('name: dns-7')) + 'port: 5'.length;
    const next = edit(service, text, at, at + 1, '4');
    const diagnostics = service.getDiagnostics('f');
    // The policies of ns7 that do not allow DNS themselves now isolate egress without it: those read the allowance.
    assert.deepEqual([...new Set(judged.map((j) => j.split(':')[1]))].sort(), ['dns-7', 'p-7-1', 'p-7-3']);
    assert.deepEqual(
      diagnostics.filter((d) => d.code === 'egress-blocks-dns').map((d) => d.range.start.line).length,
      3,
    );
    const fresh = createLanguageService();
    fresh.update('f', next, 2);
    assert.deepEqual(diagnostics, fresh.getDiagnostics('f'));
  });
});
