// The workspace through the language service, below the transport: open text wins over the disk copy, closing a file puts
// its disk copy back, other open files are named stale when a change touches their namespace, and the workspace hover and
// lenses say what a selector selects and how a workload is isolated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';

const deployment = (app: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  replicas: 2\n  template:\n    metadata:\n      labels: {app: ${app}}\n`;
const POLICY = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  podSelector: {matchLabels: {app: web}}\n  policyTypes: [Ingress]\n';
const codes = (service: ReturnType<typeof createLanguageService>, uri: string) => service.getDiagnostics(uri).map((d) => String(d.code));

describe('the workspace in the language service', () => {
  it('lets open text win, restores the disk copy on close, and names the open files a change makes stale', () => {
    const service = createLanguageService();
    service.updateWorkspaceFile('file:///w/deploy.yaml', deployment('web'));
    service.update('file:///w/policy.yaml', POLICY);
    assert.ok(!codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'));
    service.update('file:///w/deploy.yaml', deployment('api'));
    service.getDiagnostics('file:///w/deploy.yaml');
    assert.deepEqual(service.staleWorkspaceFiles('file:///w/deploy.yaml'), ['file:///w/policy.yaml']);
    assert.ok(codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'));
    assert.deepEqual(service.staleWorkspaceFiles(), []);
    // A disk write while the file is open does not count; closing it does.
    service.updateWorkspaceFile('file:///w/deploy.yaml', deployment('web'));
    assert.ok(codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'));
    service.close('file:///w/deploy.yaml');
    assert.ok(!codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'));
    service.removeWorkspaceFile('file:///w/deploy.yaml');
    assert.ok(!codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'), 'no workloads left: not judged');
    service.setWorkspaceEnabled(false);
    service.updateWorkspaceFile('file:///w/deploy.yaml', deployment('api'));
    assert.ok(!codes(service, 'file:///w/policy.yaml').includes('policy-selects-nothing'));
  });

  it('hovers and lenses say what a podSelector selects and how a workload is isolated', () => {
    const service = createLanguageService();
    service.updateWorkspaceFile('file:///w/policy.yaml', POLICY);
    service.update('file:///w/deploy.yaml', deployment('web'));
    service.update('file:///w/policy.yaml', POLICY);
    // An open file joins the index when it is analysed (the LSP layer analyses every document it opens).
    service.getDiagnostics('file:///w/deploy.yaml');
    const hover = service.doHover('file:///w/policy.yaml', { line: 6, character: 20 });
    assert.match(JSON.stringify(hover?.contents), /selects deployment\/web \(1 workload, 2 replicas\)/);
    const onName = service.doHover('file:///w/deploy.yaml', { line: 3, character: 9 });
    assert.match(JSON.stringify(onName?.contents), /ingress\*\* isolated by 1 policy \(\[web\]\(file:\/\/\/w\/policy.yaml#L4\)\): nothing allowed/);
    assert.match(JSON.stringify(onName?.contents), /egress\*\* not isolated/);
    const lenses = service.getCodeLenses('file:///w/deploy.yaml').map((l) => l.command?.title);
    assert.ok(lenses.includes('ingress isolated by 1 policy; egress not isolated'), JSON.stringify(lenses));
    assert.ok(service.getCodeLenses('file:///w/policy.yaml').some((l) => l.command?.title === 'podSelector selects deployment/web (1 workload, 2 replicas).'));
  });
});
