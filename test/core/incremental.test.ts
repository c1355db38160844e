// An edit re-parses and re-checks only the YAML documents whose text changed; the others keep their analysis.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';

const policy = (name: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${name}
  namespace: prod
spec:
  podSelector: {}
  policyTypes: [Ingress]
`;

describe('incremental analysis', () => {
  it('reuses the analysis of every unchanged document, even when offsets move', () => {
    const service = createLanguageService();
    const docs = ['a', 'b', 'c', 'd'].map(policy);
    service.update('f', docs.join('---\n'), 1);
    const before = service.snapshot('f')!.documents.map((d) => d.analysis);
    // Lengthen the first document: every later document moves, none of them changes.
    docs[0] = policy('a-longer-name');
    service.update('f', docs.join('---\n'), 2);
    const after = service.snapshot('f')!;
    assert.notEqual(after.documents[0]!.analysis, before[0]);
    for (let i = 1; i < 4; i++) assert.equal(after.documents[i]!.analysis, before[i], `document ${i} was re-analysed`);
    assert.ok(after.documents[3]!.start > 0);
  });

  it('places findings of reused documents at their new offsets', () => {
    const service = createLanguageService();
    const broken = policy('b').replace('policyTypes', 'polcyTypes');
    service.update('f', [policy('a'), broken].join('---\n'), 1);
    const first = service.getDiagnostics('f');
    assert.equal(first.length, 1);
    service.update('f', [`# a comment\n${policy('a')}`, broken].join('---\n'), 2);
    const second = service.getDiagnostics('f');
    assert.equal(second.length, 1);
    assert.equal(second[0]!.range.start.line, first[0]!.range.start.line + 1);
  });

  it('re-runs rules, without re-parsing, when settings change', () => {
    const service = createLanguageService();
    service.update('f', policy('a').replace('policyTypes', 'polcyTypes'), 1);
    assert.equal(service.getDiagnostics('f').length, 1);
    service.setSettings({ rules: { 'unknown-field': 'off' } });
    assert.equal(service.getDiagnostics('f').length, 0);
    service.setSettings({ enable: false });
    service.setSettings({});
    assert.equal(service.getDiagnostics('f').length, 1);
  });
});
