// The server's palette commands own what the client shows: the default-deny choices with their wording, the message when
// nothing is left to insert, and the check of a namespace name the user typed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DefaultDenyOptions } from '../../server/src/features/code-actions/commands';
import { createLanguageService } from '../../server/src/service';

const URI = 'file:///commands.yaml';
const DENY_ALL = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: deny\n  namespace: prod\nspec:\n  podSelector: {}\n  policyTypes: [Ingress, Egress]\n';
const INGRESS_ONLY = DENY_ALL.replace('[Ingress, Egress]', '[Ingress]');

function service(text: string) {
  const s = createLanguageService();
  s.update(URI, text);
  return s;
}

describe('server commands', () => {
  it('defaultDenyOptions offers the variants the cursor namespace lacks, with their labels and details', () => {
    const result = service(INGRESS_ONLY).executeCommand('netpol.server.defaultDenyOptions', [URI, { line: 4, character: 2 }]);
    const data = result?.data as DefaultDenyOptions;
    assert.equal(data.atCursor, 'prod');
    assert.deepEqual(data.namespaces, ['prod']);
    assert.deepEqual(data.choices.map((c) => c.variant), ['egress', 'egress-dns']);
    assert.equal(data.choices[0]!.label, 'Default-deny egress');
    assert.ok(data.choices.every((c) => c.detail.length > 20));
  });

  it('defaultDenyOptions says so when the namespace has every variant, and offers all of them away from a policy', () => {
    const s = service(DENY_ALL);
    assert.deepEqual(s.executeCommand('netpol.server.defaultDenyOptions', [URI, { line: 4, character: 2 }]), {
      message: 'Namespace "prod" already has default-deny ingress and egress policies in this file.',
    });
    const away = s.executeCommand('netpol.server.defaultDenyOptions', [URI])?.data as DefaultDenyOptions;
    assert.equal(away.choices.length, 5);
  });

  it('insertDefaultDeny checks the namespace name the user typed', () => {
    const result = service(INGRESS_ONLY).executeCommand('netpol.server.insertDefaultDeny', [URI, { variant: 'egress', namespace: 'Bad_Name' }]);
    assert.match(result?.message ?? '', /^"Bad_Name" is not a namespace name: a lowercase RFC 1123 label/);
    assert.equal(result?.edits, undefined);
    const ok = service(INGRESS_ONLY).executeCommand('netpol.server.insertDefaultDeny', [URI, { variant: 'egress', namespace: 'staging' }]);
    assert.equal(ok?.edits?.length, 1);
  });
});
