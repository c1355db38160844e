// One loop runs every rule's fixtures (test/rules/<rule-id>/*.yaml): adding a rule adds files, not test code.
// By default a fixture checks only the diagnostics of its own rule; `"check": "all"` in its header checks all of them.
// A fixture folder (test/rules/<rule-id>/<case>/) is a workspace of several files: every file is indexed as a workspace
// file, then each is opened in turn and its expectations checked (the header settings of its files are merged).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { createLanguageService } from '../server/src/service';
import { allRules } from '../server/src/rules/registry';
import { compare, parseFixture } from './support/fixtures';

const root = join(import.meta.dirname, 'rules');
const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();

describe('rule fixtures', () => {
  for (const ruleId of folders) {
    describe(ruleId, () => {
      for (const file of readdirSync(join(root, ruleId)).filter((f) => /\.ya?ml$/.test(f)).sort()) {
        it(file, () => {
          const text = readFileSync(join(root, ruleId, file), 'utf8');
          const fixture = parseFixture(text);
          const service = createLanguageService({ settings: fixture.settings });
          service.update(file, text);
          const diagnostics = service.getDiagnostics(file);
          const checked = fixture.check === 'all' ? () => true : (id: string) => (fixture.check ?? [ruleId]).includes(id);
          const problems = compare(fixture, diagnostics, text, checked);
          assert.deepEqual(problems, [], `${ruleId}/${file}:\n${problems.join('\n')}`);
          if (file.startsWith('invalid')) assert.ok(fixture.expectations.some((e) => e.rule === ruleId), `${file} must expect at least one ${ruleId} diagnostic`);
        });
      }
      for (const folder of readdirSync(join(root, ruleId), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()) {
        it(`${folder}/ (a workspace)`, () => {
          const dir = join(root, ruleId, folder);
          const files = readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort();
          const texts = new Map(files.map((f) => [`file:///${ruleId}/${folder}/${f}`, readFileSync(join(dir, f), 'utf8')]));
          const fixtures = new Map([...texts].map(([uri, text]) => [uri, parseFixture(text)]));
          const service = createLanguageService({ settings: Object.assign({}, ...[...fixtures.values()].map((f) => f.settings)) });
          for (const [uri, text] of texts) service.updateWorkspaceFile(uri, text);
          let expected = 0;
          for (const [uri, text] of texts) {
            const fixture = fixtures.get(uri)!;
            service.update(uri, text);
            const checked = fixture.check === 'all' ? () => true : (id: string) => (fixture.check ?? [ruleId]).includes(id);
            const problems = compare(fixture, service.getDiagnostics(uri), text, checked);
            assert.deepEqual(problems, [], `${ruleId}/${folder}/${uri.split('/').pop()}:\n${problems.join('\n')}`);
            service.close(uri);
            expected += fixture.expectations.filter((e) => e.rule === ruleId).length;
          }
          if (folder.startsWith('invalid')) assert.ok(expected > 0, `${folder}/ must expect at least one ${ruleId} diagnostic`);
        });
      }
    });
  }

  it('every rule has a fixture folder with valid and invalid cases, and every folder is a rule', () => {
    const ids = allRules.map((r) => r.meta.id).sort();
    for (const id of ids) {
      assert.ok(folders.includes(id), `no fixtures in test/rules/${id}/`);
      const files = readdirSync(join(root, id));
      assert.ok(files.some((f) => f.startsWith('invalid')), `test/rules/${id}/ has no invalid*.yaml`);
      assert.ok(files.some((f) => f.startsWith('valid')), `test/rules/${id}/ has no valid*.yaml`);
    }
    for (const folder of folders) assert.ok(ids.includes(folder), `test/rules/${folder}/ is not a rule id`);
  });
});
