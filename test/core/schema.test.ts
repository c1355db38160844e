// Schema validation: messages for people on the narrowest span, and a generated validator that is current.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules/registry';
import { createLanguageService } from '../../server/src/service';

// These tests are about schema messages: the security, semantics and CNI rules (with their own fixtures) are left out.
const OTHER_RULES = new Set(allRules.filter((r) => ['security', 'semantics', 'cni'].includes(r.meta.category)).map((r) => r.meta.id));

function diagnosticsOf(text: string) {
  const service = createLanguageService();
  service.update('t.yaml', text);
  return service
    .getDiagnostics('t.yaml')
    .filter((d) => !OTHER_RULES.has(String(d.code)))
    .map((d) => ({ code: d.code, message: d.message, text: slice(text, d.range) }));
}

function slice(text: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): string {
  const lines = text.split('\n');
  if (range.start.line !== range.end.line) return `${lines[range.start.line]!.slice(range.start.character)}…`;
  return lines[range.start.line]!.slice(range.start.character, range.end.character);
}

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: ns\n';

describe('schema errors', () => {
  it('puts an unknown field on its key, with a suggestion', () => {
    const d = diagnosticsOf(`${HEAD}spec:\n  podSelector: {}\n  polcyTypes: [Ingress]\n`);
    assert.deepEqual(d, [{ code: 'unknown-field', message: 'Unknown field "polcyTypes" in spec. Did you mean "policyTypes"?', text: 'polcyTypes' }]);
  });

  it('lists the known fields when nothing is close', () => {
    const d = diagnosticsOf(`${HEAD}spec:\n  podSelector: {}\n  zzzzzzzz: 1\n`);
    assert.equal(d.length, 1);
    assert.match(String(d[0]!.message), /Unknown field "zzzzzzzz" in spec\. Known fields: .*podSelector/);
  });

  it('puts a wrong type on the value', () => {
    const d = diagnosticsOf(`${HEAD}spec:\n  podSelector: {}\n  ingress:\n    - ports:\n        - port: [80, 443]\n`);
    assert.deepEqual(d, [{ code: 'invalid-type', message: '"port" must be an integer or a port name, got a list.', text: '[80, 443]' }]);
  });

  it('puts a missing required field on the parent key', () => {
    const d = diagnosticsOf(`${HEAD}spec:\n  podSelector: {}\n  egress:\n    - to:\n        - ipBlock:\n            except: [10.0.0.0/24]\n`);
    assert.deepEqual(d, [{ code: 'required-field', message: 'Missing required field "cidr" in spec.egress[0].to[0].ipBlock. Add "cidr:".', text: 'ipBlock' }]);
  });

  it('treats null fields as unset, as the API server decoder does', () => {
    assert.deepEqual(diagnosticsOf(`${HEAD}spec:\n  podSelector:\n  ingress:\n  egress:\n`), []);
  });

  it('checks the items of a List and leaves other kinds alone', () => {
    const text = `apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    bogus: 1\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    metadata: {name: x, namespace: prod}\n    spec: {podSelector: {}, bogus: 1}\n`;
    const d = diagnosticsOf(text);
    assert.deepEqual(d.map((x) => [x.code, x.text]), [['unknown-field', 'bogus']]);
    assert.ok(String(d[0]!.message).includes('in spec'));
  });

  it('the committed schema and validator are what scripts/gen-schema.mjs generates', () => {
    assert.doesNotThrow(() => execFileSync(process.execPath, ['scripts/gen-schema.mjs', '--check'], { stdio: 'pipe' }));
  });
});
