// The workspace through the language service, below the transport: open text wins over the disk copy, closing a file puts
// its disk copy back, other open files are named stale when a change touches their namespace, and the workspace hover and
// lenses say what a selector selects and how a workload is isolated.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createLanguageService } from '../../server/src/service';
import { WorkspaceIndex } from '../../server/src/workspace/index';

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

  it('indexes an open file of policies only once the workspace holds a workload, and then names it stale', () => {
    const service = createLanguageService();
    const policy = 'file:///w/policy.yaml';
    service.update(policy, POLICY.replace('app: web', 'app: api'));
    assert.ok(!codes(service, policy).includes('policy-selects-nothing'));
    // Nothing to judge against, so nothing extracted: the index does not hold the open file yet.
    assert.equal(service.workspaceIndex().has(policy), false);
    assert.deepEqual(service.staleWorkspaceFiles(), []);
    service.updateWorkspaceFile('file:///w/deploy.yaml', deployment('web'));
    assert.deepEqual(service.staleWorkspaceFiles(), [policy]);
    assert.ok(codes(service, policy).includes('policy-selects-nothing'));
    assert.equal(service.workspaceIndex().has(policy), true);
    assert.deepEqual(service.staleWorkspaceFiles(), []);
  });

  it('after every edit of an open file, indexes and judges it exactly as a fresh service does (documents replaced, moved, added, removed)', () => {
    // Edits through the incremental path (a FileChange), checked after each against a fresh index and a fresh service.
    const docs = [
      deployment('web'),
      POLICY,
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector: {app: web}\n  ports:\n    - port: 80\n      targetPort: 8080\n',
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a}\n',
      deployment('db').replace('name: web', 'name: db'),
    ];
    let text = docs.join('---\n');
    const uri = 'file:///w/all.yaml';
    const service = createLanguageService();
    service.updateWorkspaceFile('file:///w/other.yaml', POLICY.replace('name: web', 'name: other').replace('app: web', 'app: db'));
    service.update(uri, text, 1);
    service.getDiagnostics(uri);
    // Each edit: [text to find, replacement]; the k-th occurrence of `find` is chosen by a fixed sequence.
    const edits: [string, string][] = [
      ['app: web}', 'app: wbe}'],
      ['apiVersion', '\n\napiVersion'],
      ['app: wbe}', 'app: web}'],
      ['namespace: shop', 'namespace: shop2'],
      ['---\n', '---\n# moved\n'],
      ['team: a', 'team: b'],
      ['targetPort: 8080', 'targetPort: 8081'],
      ['---\n', '---\nkind: Pod\nmetadata: {name: extra, namespace: shop, labels: {app: web}}\n---\n'],
      ['namespace: shop2', 'namespace: shop'],
      ['---\nkind: Pod', 'kind: Pod'],
      ['name: db', 'name: db2'],
    ];
    // Between edits, another file of the workspace changes too: what the open file's documents read of the index.
    const others = [
      POLICY.replace('name: web', 'name: other').replace('app: web', 'app: db'),
      deployment('api').replace('name: web', 'name: api'),
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: c}\n',
      POLICY.replace('name: web', 'name: deny').replace('podSelector: {matchLabels: {app: web}}', 'podSelector: {}').replace('[Ingress]', '[Ingress, Egress]'),
    ];
    let other = others[0]!;
    // The workspace findings the run went through: the test means something only if they came and went.
    const WORKSPACE_CODES = new Set(['policy-selects-nothing', 'peer-selects-nothing', 'named-port-not-declared', 'service-port-blocked', 'workload-not-isolated', 'egress-blocks-dns', 'namespace-without-default-deny']);
    const seenCodes = new Set<string>();
    let version = 1;
    for (let k = 0; k < edits.length * 3; k++) {
      if (k % 4 === 3) {
        other = others[(k >> 2) % others.length]!;
        service.updateWorkspaceFile('file:///w/other.yaml', other);
      }
      const [find, replacement] = edits[k % edits.length]!;
      const hits: number[] = [];
      for (let at = text.indexOf(find); at !== -1; at = text.indexOf(find, at + 1)) hits.push(at);
      if (hits.length === 0) continue;
      const start = hits[(k * 7) % hits.length]!;
      const from = text;
      text = text.slice(0, start) + replacement + text.slice(start + find.length);
      service.update(uri, text, ++version, { from, edits: [{ start, end: start + find.length, text: replacement }] });
      const diagnostics = service.getDiagnostics(uri);
      const fresh = new WorkspaceIndex();
      fresh.setFile('file:///w/other.yaml', other);
      fresh.setFile(uri, text);
      const index = service.workspaceIndex();
      const seen = (i: WorkspaceIndex) =>
        JSON.stringify({
          namespaces: i.namespaces(),
          classes: i.podClasses(),
          services: i.services(),
          policies: i.policies(),
          spans: [...i.workloads(), ...i.services(), ...i.policies()].map((f) => f.location.span),
          file: i.file(uri) && { ...i.file(uri)!, spans: i.file(uri)!.policies.map((p) => [p.location.span, p.podSelectorLocation.span]) },
          versions: i.namespaces().map((n) => n.name),
        });
      assert.equal(seen(index), seen(fresh), `after edit ${k}: ${JSON.stringify(replacement)}`);
      const alone = createLanguageService();
      alone.updateWorkspaceFile('file:///w/other.yaml', other);
      alone.update(uri, text, 1);
      assert.deepEqual(diagnostics, alone.getDiagnostics(uri), `diagnostics after edit ${k}`);
      seenCodes.add(diagnostics.filter((d) => WORKSPACE_CODES.has(String(d.code))).map((d) => d.code).sort().join(' '));
    }
    assert.ok(seenCodes.size >= 3, [...seenCodes].join(" | "));
  });
});
