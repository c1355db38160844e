// Under the strict profile, a namespace without default-deny gets the insertion as a quick fix on its diagnostic, and
// applying it makes the diagnostic go away without adding an error.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { applyEdits } from '../../server/src/edit/text-edit';
import { createLanguageService } from '../../server/src/service';
import type { TextEdit as LspTextEdit } from 'vscode-languageserver-types';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector:
    matchLabels: {app: web}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector: {app: lb}
`.replace('{app: lb}', '\n            matchLabels: {app: lb}');

describe('namespace-without-default-deny quick fix', () => {
  it('inserts the missing default-deny (with DNS for egress) and the diagnostic goes away', () => {
    const service = createLanguageService({ settings: { profile: 'strict' } });
    const uri = 'file:///strict.yaml';
    service.update(uri, POLICY);
    const diagnostic = service.getDiagnostics(uri).find((d) => d.code === 'namespace-without-default-deny')!;
    assert.ok(diagnostic, 'the strict rule fires');
    const actions = service.getCodeActions(uri, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
    const insert = actions.filter((a) => a.title.startsWith('Insert'));
    assert.deepEqual(
      insert.map((a) => [a.title, a.isPreferred ?? false]),
      [
        ['Insert default-deny ingress and egress + allow DNS policy for namespace "prod"', true],
        ['Insert default-deny ingress and egress policy for namespace "prod"', false],
      ],
    );
    const edits = insert[0]!.edit!.changes![uri]! as LspTextEdit[];
    const lines = POLICY.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const fixed = applyEdits(POLICY, edits.map((e) => ({ span: { start: offset(e.range.start), end: offset(e.range.end) }, newText: e.newText })));
    service.update(uri, fixed);
    const after = service.getDiagnostics(uri);
    assert.ok(!after.some((d) => d.code === 'namespace-without-default-deny'), after.map((d) => `${d.code}: ${d.message}`).join('\n'));
    assert.ok(!after.some((d) => d.severity === 1), 'no error after the fix');
    assert.ok(fixed.startsWith(POLICY), 'the existing policy is untouched');
  });
});
