// A rule, fix or feature that throws is contained where it happened: the other rules' diagnostics are still published,
// and the failure is logged once (rule name and location, not the document's text), not on every keystroke.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rule } from '../../server/src/rules/types';
import { defaultRegistry, registryOf } from '../../server/src/rules/registry';
import { createLanguageService } from '../../server/src/service';
import type { Failure } from '../../server/src/lint/checks';
import { inProcessStarter } from '../support/lsp-in-process';

const SECRET = 'top-secret-name';
const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${SECRET}
  namespace: prod
spec:
  podSelector: {}
  polcyTypes: [Ingress]
`;

/** A rule that throws on every policy, and one whose fix throws. */
const boom: Rule = {
  meta: { id: 'boom', title: 'Boom', category: 'semantics', severity: 'warning', docs: { why: 'test', fix: 'test' } },
  *checkPolicy() {
    throw new Error('boom failed');
  },
} as unknown as Rule;
const badFix: Rule = {
  meta: { id: 'bad-fix', title: 'Bad fix', category: 'semantics', severity: 'warning', docs: { why: 'test', fix: 'test' } },
  *checkPolicy(policy: { node: { span: { start: number } } }) {
    yield { span: { start: policy.node.span.start, end: policy.node.span.start + 10 }, message: 'Something to fix.' };
  },
  fix() {
    throw new Error('fix failed');
  },
} as unknown as Rule;
const registry = registryOf([boom, badFix, ...defaultRegistry.all]);

describe('contained failures in the language service', () => {
  it('a throwing rule leaves the other rules\' diagnostics, and is reported with its name and line', () => {
    const failures: Failure[] = [];
    const service = createLanguageService({ registry, onFailure: (f) => failures.push(f) });
    service.update('file:///a.yaml', `# a comment\n${POLICY}`);
    const codes = service.getDiagnostics('file:///a.yaml').map((d) => d.code);
    assert.ok(codes.includes('unknown-field'), codes.join(', '));
    assert.ok(codes.includes('bad-fix'), codes.join(', '));
    assert.deepEqual(failures.map((f) => [f.what, f.uri, f.line]), [['rule boom', 'file:///a.yaml', 1]]);
    assert.match(failures[0]!.error, /boom failed/);
    // A request for the same text analyses nothing again, so nothing is reported again.
    service.getDiagnostics('file:///a.yaml');
    assert.equal(failures.length, 1);
  });

  it('a throwing fix leaves the other code actions, and is reported', () => {
    const failures: Failure[] = [];
    const service = createLanguageService({ registry, onFailure: (f) => failures.push(f) });
    service.update('file:///a.yaml', POLICY);
    const diagnostics = service.getDiagnostics('file:///a.yaml');
    const whole = { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } };
    const titles = service.getCodeActions('file:///a.yaml', whole, { diagnostics }).map((a) => a.title);
    assert.ok(titles.some((t) => /policyTypes/.test(t)), titles.join(' / '));
    assert.ok(failures.some((f) => f.what === 'fix of rule bad-fix' && f.line === 0 && /fix failed/.test(f.error)), JSON.stringify(failures));
  });
});

describe('contained failures of file-wide rules', () => {
  /** A file-wide rule that throws judging the policy named `p1`, and one whose facts throw for it. */
  const throwing = (id: string, where: 'checkInFile' | 'fileFacts'): Rule =>
    ({
      meta: { id, title: id, category: 'semantics', severity: 'warning', docs: 'test' },
      fileFacts(policy: { name?: { value: { value: unknown } } }) {
        if (where === 'fileFacts' && policy.name?.value.value === 'p1') throw new Error(`${id} failed`);
        return policy.name?.value.value;
      },
      fileKeys: () => ['all'],
      *checkInFile(_policy: unknown, name: unknown, ctx: { count(key: string): number }) {
        if (where === 'checkInFile' && name === 'p1') throw new Error(`${id} failed`);
        if (ctx.count('all') > 99) yield { span: { start: 0, end: 1 }, message: 'never' };
      },
    }) as unknown as Rule;
  const policy = (name: string) => `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\nspec:\n  podSelector: {}\n`;

  it('turn into an internal-error diagnostic on the policy they failed on, reported once with its line; the other rules go on', () => {
    const failures: Failure[] = [];
    const service = createLanguageService({ registry: registryOf([throwing('judge-boom', 'checkInFile'), throwing('facts-boom', 'fileFacts'), ...defaultRegistry.all]), onFailure: (f) => failures.push(f) });
    const text = [policy('p0'), policy('p1'), policy('p0')].join('---\n');
    service.update('file:///a.yaml', text, 1);
    const diagnostics = service.getDiagnostics('file:///a.yaml');
    const line = text.split('\n').indexOf('  name: p1') - 3;
    for (const id of ['judge-boom', 'facts-boom']) {
      const found = diagnostics.filter((d) => d.code === id);
      assert.deepEqual(found.map((d) => d.range.start.line), [line], id);
      assert.match(String(found[0]!.message), new RegExp(`netpol internal error in rule ${id}: Error: ${id} failed`));
    }
    assert.ok(diagnostics.some((d) => d.code === 'duplicate-policy-name'));
    assert.deepEqual(failures.map((f) => [f.what, f.line]).sort(), [['rule facts-boom', line], ['rule judge-boom', line]]);
    // An edit elsewhere keeps the judgment (and its failure) without reporting it again.
    const at = text.lastIndexOf('p0') + 2;
    service.update('file:///a.yaml', `${text.slice(0, at)}x${text.slice(at)}`, 2, { from: text, edits: [{ start: at, end: at, text: 'x' }] });
    assert.equal(service.getDiagnostics('file:///a.yaml').filter((d) => d.code === 'judge-boom').length, 1);
    assert.equal(failures.length, 2);
  });
});

describe('contained failures over LSP', () => {
  const start = inProcessStarter();

  it('publishes the other rules\' diagnostics and logs the failing rule once, without the text', async () => {
    const client = await start({ registry });
    const uri = 'file:///contained.yaml';
    client.open(uri, POLICY);
    const first = await client.waitFor((p) => p.uri === uri && p.version === 1);
    const codes = first.diagnostics.map((d) => d.code);
    assert.ok(codes.includes('unknown-field') && codes.includes('bad-fix'), codes.join(', '));
    // Two edits that re-analyse the policy (and so run the failing rule again).
    for (const version of [2, 3]) {
      void client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: 4, character: 13 }, end: { line: 4, character: 13 } }, text: 'x' }],
      });
      await client.waitFor((p) => p.uri === uri && p.version === version);
    }
    const failures = client.logged.filter((m) => /failed at/.test(m.message));
    assert.equal(failures.length, 1, JSON.stringify(client.logged));
    assert.match(failures[0]!.message, /^netpol: rule boom failed at file:\/\/\/contained\.yaml:1: Error: boom failed/);
    assert.ok(!failures[0]!.message.includes(SECRET));
  });
});
