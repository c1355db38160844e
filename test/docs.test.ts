// docs/rules.md is generated from rule metadata (scripts/gen-docs.ts); this fails when the committed file is stale, and
// checks that every rule's docs hold what a user needs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { generateRulesMarkdown, RULES_MD } from '../scripts/gen-docs';
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
