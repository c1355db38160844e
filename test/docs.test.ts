// docs/rules.md is generated from rule metadata (scripts/gen-docs.ts); this fails when the committed file is stale, and
// checks that every rule's docs hold what a user needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generatePackageJson, generateRulesMarkdown, PACKAGE_JSON, RULES_MD, vscodeConfiguration } from '../scripts/gen-docs';
import { allRules } from '../server/src/rules/registry';

describe('docs/rules.md', () => {
  it('is current (run `npm run docs` after changing rule metadata)', () => {
    assert.equal(readFileSync(RULES_MD, 'utf8'), generateRulesMarkdown(), 'docs/rules.md is stale: run `npm run docs`');
  });

  it('has a section for every rule', () => {
    const text = generateRulesMarkdown();
    for (const r of allRules) assert.ok(text.includes(`\n## ${r.meta.id}\n`), `no section for ${r.meta.id}`);
  });

  it('every api rule documents an example and its source in the Kubernetes code', () => {
    for (const r of allRules.filter((x) => x.meta.category === 'api')) {
      assert.ok(r.meta.docs.includes('```yaml'), `${r.meta.id}: no YAML example`);
      assert.match(r.meta.docs, /Fixed/, `${r.meta.id}: no fixed version`);
      assert.match(r.meta.docs, /Sources?:/, `${r.meta.id}: no source`);
    }
  });
});

describe("package.json's contributes.configuration", () => {
  it('is current (run `npm run docs` after changing settings or rule metadata)', () => {
    const current = readFileSync(PACKAGE_JSON, 'utf8');
    assert.deepEqual(JSON.parse(current).contributes.configuration, vscodeConfiguration(), 'package.json contributes.configuration is stale: run `npm run docs`');
    assert.equal(current, generatePackageJson(current), 'package.json is not as `npm run docs` writes it');
  });

  it('has one typed property per rule under netpol.rules, and a scope on every setting', () => {
    const { properties } = vscodeConfiguration() as { properties: Record<string, { scope?: string; enum?: string[]; enumDescriptions?: string[]; properties?: Record<string, { enum: string[]; markdownDescription: string }> }> };
    const rules = properties['netpol.rules']!.properties!;
    assert.deepEqual(Object.keys(rules).sort(), allRules.map((r) => r.meta.id).sort());
    for (const [id, p] of Object.entries(rules)) {
      assert.deepEqual(p.enum, ['off', 'hint', 'information', 'warning', 'error'], id);
      assert.ok(p.markdownDescription.includes(allRules.find((r) => r.meta.id === id)!.meta.title), id);
    }
    for (const [name, p] of Object.entries(properties)) {
      assert.ok(p.scope, `${name} has no scope`);
      // One language server per window: its trace and its workspace index are the window's.
      assert.ok(name === 'netpol.trace.server' || name.startsWith('netpol.workspace.') ? p.scope === 'window' : p.scope === 'resource', `${name} has the wrong scope`);
      if (p.enum) assert.equal(p.enumDescriptions?.length, p.enum.length, `${name}: one description per value`);
    }
    assert.ok(properties['netpol.cni']!.enum!.includes('ovn-kubernetes'));
  });
});
