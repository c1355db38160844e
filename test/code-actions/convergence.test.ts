// Every quick fix offered anywhere in the corpus, applied one at a time to a fresh copy of its file, must leave YAML that
// parses, remove the diagnostic it fixes, add no error, and keep every comment line; fix-all must converge and be
// idempotent. Generic over rules: a fix added to any rule is checked here without new test code.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { parseAllDocuments } from 'yaml';
import type { CodeAction, Diagnostic } from 'vscode-languageserver-types';
import { fixAllText } from '../../server/src/features/code-actions/fix-all';
import { allRules } from '../../server/src/rules/registry';
import { createLanguageService, type LanguageService } from '../../server/src/service';
import { parseFixture } from '../support/fixtures';
import { applyWorkspaceEdit, diagnosticKey, lostComments } from './support';
import { yamlFiles } from '../support/files';
import { SLOW } from '../support/slow';

const corpus = join(import.meta.dirname, '..', 'corpus');
const rulesFixtures = join(import.meta.dirname, '..', 'rules');


function parseErrors(text: string): number {
  return parseAllDocuments(text).reduce((n, d) => n + ('errors' in d ? d.errors.filter((e) => e.code !== 'DUPLICATE_KEY').length : 0), 0);
}

function counts(diagnostics: readonly Diagnostic[], filter: (d: Diagnostic) => boolean = () => true, key = diagnosticKey): Map<string, number> {
  const m = new Map<string, number>();
  for (const d of diagnostics) if (filter(d)) m.set(key(d), (m.get(key(d)) ?? 0) + 1);
  return m;
}

/**
 * An error's key without list indices (`spec.ingress[1].ports[0]` → `spec.ingress[].ports[]`): a fix that merges or removes
 * list items renumbers the items after it, which moves an error that was there before without making it new.
 */
const errorKey = (d: Diagnostic) => diagnosticKey(d).replace(/\[\d+\]/g, '[]');

/** Problems of `after` compared with `before`; `fixed` is the diagnostic the edit claims to fix (if any). */
function damage(service: LanguageService, uri: string, before: string, beforeDiagnostics: readonly Diagnostic[], after: string, fixed?: Diagnostic): string[] {
  const problems: string[] = [];
  if (parseErrors(after) > parseErrors(before)) problems.push('the result does not parse');
  const lost = lostComments(before, after);
  if (lost.length) problems.push(`comment lines lost: ${lost.join(' / ')}`);
  service.update(uri, after);
  const afterDiagnostics = service.getDiagnostics(uri);
  const errorsBefore = counts(beforeDiagnostics, (d) => d.severity === 1, errorKey);
  for (const [key, n] of counts(afterDiagnostics, (d) => d.severity === 1, errorKey)) {
    if (n > (errorsBefore.get(key) ?? 0)) problems.push(`new error: ${key}`);
  }
  if (fixed) {
    const key = diagnosticKey(fixed);
    const left = afterDiagnostics.filter((d) => diagnosticKey(d) === key).length;
    const had = beforeDiagnostics.filter((d) => diagnosticKey(d) === key).length;
    if (left >= had) problems.push(`the diagnostic is still there: ${key}`);
  }
  return problems;
}

describe('the damage check', () => {
  it('catches a lost comment, invalid YAML, a new error and a diagnostic that stays', () => {
    const service = createLanguageService();
    const uri = 'file:///damage.yaml';
    const text = '# keep me\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: a, namespace: b}\nspec:\n  podSelector: {}\n  polcyTypes: [Ingress]\n';
    service.update(uri, text);
    const diagnostics = service.getDiagnostics(uri);
    const typo = diagnostics.find((d) => d.code === 'unknown-field')!;
    assert.ok(typo);
    const broken = damage(service, uri, text, diagnostics, `${text.replace('# keep me\n', '')}x: [\n`, typo);
    assert.ok(broken.some((p) => p.startsWith('comment lines lost')), broken.join('\n'));
    assert.ok(broken.includes('the result does not parse'), broken.join('\n'));
    const wrong = damage(service, uri, text, diagnostics, text.replace('{name: a', '{name: [a]'), typo);
    assert.ok(wrong.some((p) => p.startsWith('the diagnostic is still there')), wrong.join('\n'));
    assert.ok(wrong.some((p) => p.startsWith('new error')), wrong.join('\n'));
  });
});

interface Checked {
  problems: string[];
  fixes: number;
  ruleFixes: number;
  /** Rules whose own fixes were applied. */
  rules: Set<string>;
}

/** Applies every quick fix offered for every diagnostic of the file, each to a fresh copy, then fix-all twice. */
function checkEveryFix(service: LanguageService, uri: string, text: string): Checked {
  const result: Checked = { problems: [], fixes: 0, ruleFixes: 0, rules: new Set() };
  service.update(uri, text);
  const diagnostics = service.getDiagnostics(uri);
  for (const diagnostic of diagnostics) {
    const actions: CodeAction[] = service.getCodeActions(uri, diagnostic.range, { diagnostics: [diagnostic], only: ['quickfix'] });
    assert.ok(
      diagnostic.code === 'unused-suppression' || diagnostic.code === 'go-template' || actions.some((a) => a.title.startsWith('Disable ')),
      `no disable-next-line action for ${String(diagnostic.code)} at line ${diagnostic.range.start.line + 1}`,
    );
    for (const action of actions) {
      assert.equal(action.kind, 'quickfix');
      assert.deepEqual(action.diagnostics, [diagnostic]);
      result.fixes++;
      if (!action.title.startsWith('Disable ')) {
        result.ruleFixes++;
        result.rules.add(String(diagnostic.code));
      }
      const after = applyWorkspaceEdit(text, uri, action.edit);
      assert.notEqual(after, text, `"${action.title}" changes nothing`);
      for (const p of damage(service, uri, text, diagnostics, after, diagnostic)) {
        result.problems.push(`line ${diagnostic.range.start.line + 1} ${String(diagnostic.code)}: "${action.title}": ${p}`);
      }
      service.update(uri, text);
    }
  }
  const once = fixAllText(text, service.getSettings());
  assert.ok(once.converged, 'fix-all did not converge');
  for (const p of damage(service, uri, text, diagnostics, once.text)) result.problems.push(`fix-all: ${p}`);
  const twice = fixAllText(once.text, service.getSettings());
  assert.equal(twice.text, once.text, 'fix-all run twice changed the text the second time');
  assert.deepEqual(twice.applied, []);
  service.update(uri, text);
  return result;
}

describe('every offered fix on the corpus', SLOW, () => {
  const totals = { files: 0, fixes: 0, ruleFixes: 0 };
  for (const file of yamlFiles(corpus, ['helm-templates'])) {
    const name = relative(corpus, file);
    const text = readFileSync(file, 'utf8');
    const service = createLanguageService();
    const uri = `file:///corpus/${name}`;
    service.update(uri, text);
    const snapshot = service.snapshot(uri)!;
    if (!snapshot.documents.some((d) => d.analysis.policies.length > 0)) continue;
    it(name, () => {
      totals.files++;
      const checked = checkEveryFix(service, uri, text);
      totals.fixes += checked.fixes;
      totals.ruleFixes += checked.ruleFixes;
      assert.deepEqual(checked.problems, [], checked.problems.join('\n'));
    });
  }
  it('applied fixes', () => {
    // The corpus has fixable problems (an extensions/v1beta1 policy, kubectl `status: {}` output), so this must not be vacuous.
    assert.ok(totals.files > 250, `only ${totals.files} corpus files with policies`);
    assert.ok(totals.ruleFixes >= 30, `only ${totals.ruleFixes} rule fixes were offered`);
    process.stdout.write(`# convergence (corpus): ${totals.files} files, ${totals.fixes} quick fixes applied (${totals.ruleFixes} rule fixes)\n`);
  });
});

// The rule fixtures hold the cases the corpus lacks (a lower-case protocol, a CIDR with host bits set, ...), with the
// settings of their header, so every rule's fix is exercised on at least its own invalid fixtures.
describe('every offered fix on the rule fixtures', () => {
  const totals = { files: 0, fixes: 0, ruleFixes: 0, rules: new Set<string>() };
  for (const file of yamlFiles(rulesFixtures, ['helm-templates'])) {
    const name = relative(rulesFixtures, file);
    const text = readFileSync(file, 'utf8');
    it(name, () => {
      totals.files++;
      const service = createLanguageService({ settings: parseFixture(text).settings });
      const checked = checkEveryFix(service, `file:///rules/${name}`, text);
      totals.fixes += checked.fixes;
      totals.ruleFixes += checked.ruleFixes;
      for (const r of checked.rules) totals.rules.add(r);
      assert.deepEqual(checked.problems, [], checked.problems.join('\n'));
    });
  }
  it('applied fixes', () => {
    assert.ok(totals.ruleFixes > 0, 'no rule fix was offered on the fixtures');
    // Every fix is exercised at least once: a rule with a fix needs a fixture where it is offered.
    const untested = allRules.filter((r) => typeof r.fix === 'function' && !totals.rules.has(r.meta.id)).map((r) => r.meta.id);
    assert.deepEqual(untested, [], `rules whose fix no fixture exercises: ${untested.join(', ')}`);
    process.stdout.write(`# convergence (rule fixtures): ${totals.files} files, ${totals.fixes} quick fixes applied (${totals.ruleFixes} rule fixes)\n`);
  });
});

// The same fixtures rewritten in the styles fixes must respect: CRLF line endings, and every column doubled (4 spaces
// where the fixture has 2, `-   key` where it has `- key`, sequences kept as indented or not). A fix that writes LF into
// a CRLF file, or assumes 2 spaces, shows up here. Comment lines are left as they are (only their text is checked).
const VARIANTS: Record<string, (text: string) => string> = {
  crlf: (text) => text.replace(/\r?\n/g, '\r\n'),
  'double indentation': (text) =>
    text
      .split('\n')
      .map((line) => {
        if (line.trimStart().startsWith('#')) return line;
        const prefix = /^(?: |-(?= ))*/.exec(line)![0];
        return [...prefix].map((c) => (c === '-' ? '- ' : '  ')).join('') + line.slice(prefix.length);
      })
      .join('\n'),
};

for (const [variant, rewrite] of Object.entries(VARIANTS)) {
  describe(`every offered fix on the rule fixtures, ${variant}`, () => {
    for (const file of yamlFiles(rulesFixtures, ['helm-templates'])) {
      const name = relative(rulesFixtures, file);
      const text = rewrite(readFileSync(file, 'utf8'));
      it(name, () => {
        const service = createLanguageService({ settings: parseFixture(text).settings });
        const checked = checkEveryFix(service, `file:///rules/${name}`, text);
        if (variant === 'crlf') {
          service.update(`file:///rules/${name}`, text);
          for (const d of service.getDiagnostics(`file:///rules/${name}`)) {
            for (const action of service.getCodeActions(`file:///rules/${name}`, d.range, { diagnostics: [d], only: ['quickfix'] })) {
              const after = applyWorkspaceEdit(text, `file:///rules/${name}`, action.edit);
              if (/(^|[^\r])\n/.test(after)) checked.problems.push(`"${action.title}": a bare LF in a CRLF file`);
            }
          }
        }
        assert.deepEqual(checked.problems, [], checked.problems.join('\n'));
      });
    }
  });
}
