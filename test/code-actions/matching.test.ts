// Quick fixes are attached to diagnostics by rule id and range, never by message text; source actions come by kind.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: web
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
`;

describe('matching fixes to diagnostics', () => {
  const service = createLanguageService();
  const uri = 'file:///m.yaml';
  service.update(uri, POLICY);
  const typo = service.getDiagnostics(uri).find((d) => d.code === 'unknown-field')!;
  const titles = (diagnostics: typeof typo[], only?: string[]) =>
    service.getCodeActions(uri, typo.range, { diagnostics, ...(only ? { only } : {}) }).map((a) => a.title);

  it('matches by rule id and range, whatever the message says', () => {
    assert.ok(titles([{ ...typo, message: 'reworded by the client' }]).includes('Rename "polcyTypes" to "policyTypes"'));
  });

  it('attaches nothing to a diagnostic of another rule or another range', () => {
    assert.deepEqual(titles([{ ...typo, code: 'invalid-type' }], ['quickfix']), []);
    const moved = { ...typo, range: { start: { line: 6, character: 2 }, end: { line: 6, character: 13 } } };
    assert.deepEqual(titles([moved], ['quickfix']), []);
  });

  it('falls back to the findings in the range when the client sends no netpol diagnostic', () => {
    assert.ok(titles([], ['quickfix']).includes('Rename "polcyTypes" to "policyTypes"'));
    assert.ok(titles([{ range: typo.range, message: 'other tool', source: 'yaml' }], ['quickfix']).includes('Disable unknown-field for this line'));
  });

  it('answers requests by kind: quick fixes, fix-all, default-deny', () => {
    assert.ok(titles([typo], ['quickfix']).every((t) => !t.startsWith('Insert') && !t.startsWith('Fix all')));
    assert.deepEqual(titles([], ['source.fixAll']), ['Fix all safe netpol problems']);
    assert.deepEqual(titles([], ['source.fixAll.netpol']), ['Fix all safe netpol problems']);
    assert.ok(titles([], ['source']).includes('Insert default-deny egress policy for namespace "prod"'));
    assert.ok(!titles([], ['source']).some((t) => t.includes('default-deny ingress policy')), 'prod already denies all ingress (this policy)');
    assert.deepEqual(titles([], ['refactor']), []);
  });
});
