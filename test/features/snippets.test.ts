// Every snippet, expanded with its defaults, is a valid NetworkPolicy file that lints without warnings or errors (with all
// registered rules, so the test grows stricter as rules land), and the same file is what package.json contributes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { DiagnosticSeverity } from 'vscode-languageserver-types';
import { explainPolicy } from '../../server/src/features/describe/explain';
import { expandSnippet, POLICY_SNIPPETS } from '../../server/src/features/completion/snippets';
import { createLanguageService } from '../../server/src/service';

const root = join(import.meta.dirname, '..', '..');

describe('snippets', () => {
  it('are contributed to VS Code for YAML from the same file the server bundles', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { snippets?: { language: string; path: string }[] } };
    assert.deepEqual(pkg.contributes.snippets, [{ language: 'yaml', path: './snippets/networkpolicy.json' }]);
    const file = JSON.parse(readFileSync(join(root, 'snippets', 'networkpolicy.json'), 'utf8')) as Record<string, { prefix: unknown; body: unknown; description: unknown }>;
    assert.deepEqual(Object.keys(file), POLICY_SNIPPETS.map((s) => s.name));
    for (const s of Object.values(file)) {
      assert.ok(Array.isArray(s.body) && typeof s.description === 'string' && s.prefix);
    }
  });

  it('cover the policies the issue lists', () => {
    assert.deepEqual(
      POLICY_SNIPPETS.map((s) => s.prefix),
      [
        'netpol-deny-ingress',
        'netpol-deny-egress',
        'netpol-deny-all',
        'netpol-allow-same-namespace',
        'netpol-allow-from-namespace',
        'netpol-allow-dns',
        'netpol-allow-internet-egress',
        'netpol-allow-ingress-controller',
        'netpol-allow-prometheus',
      ],
    );
  });

  it('expand placeholders to their defaults', () => {
    assert.equal(expandSnippet('name: ${1:web}\nport: ${2|TCP,UDP|}\n$0\\$x ${3:a ${4:b}}'), 'name: web\nport: TCP\n$x a b');
  });

  for (const cloud of ['any', 'aws', 'gcp']) {
    for (const snippet of POLICY_SNIPPETS) {
      it(`${snippet.prefix} lints clean (cloud ${cloud})`, () => {
        const text = expandSnippet(snippet.body);
        const service = createLanguageService({ settings: { cloud } });
        service.update('file:///snippet.yaml', text);
        const problems = service
          .getDiagnostics('file:///snippet.yaml')
          .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
          .map((d) => `${String(d.code)} line ${d.range.start.line + 1}: ${d.message}`);
        assert.deepEqual(problems, [], text);
        const snap = service.snapshot('file:///snippet.yaml')!;
        const policies = snap.documents.flatMap((d) => d.analysis.policies);
        assert.ok(policies.length >= 1, 'the snippet must hold a NetworkPolicy');
        for (const p of policies) assert.ok(explainPolicy(p).subject);
      });
    }
  }

  it('say what they do (explanations of the defaults)', () => {
    const explain = (prefix: string) => {
      const snippet = POLICY_SNIPPETS.find((s) => s.prefix === prefix)!;
      const service = createLanguageService();
      service.update('x', expandSnippet(snippet.body));
      return explainPolicy(service.snapshot('x')!.documents[0]!.analysis.policies[0]!);
    };
    assert.equal(explain('netpol-deny-ingress').ingress, 'Ingress: isolated. Nothing is allowed: all ingress is denied.');
    assert.equal(explain('netpol-deny-egress').egress, 'Egress: isolated. Nothing is allowed: all egress is denied.');
    assert.equal(explain('netpol-allow-from-namespace').ingress, 'Ingress: isolated. Allowed from pods labelled app=web in namespace frontend, on TCP 8080 (HTTP alternate). Everything else is denied.');
    assert.ok(explain('netpol-allow-internet-egress').egress.startsWith('Egress: isolated. Allowed to any IPv4 address (0.0.0.0/0) except 169.254.0.0/16, 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16, on TCP 443 (HTTPS); and to pods labelled k8s-app=kube-dns in namespace kube-system'));
  });
});
