// The fast YAML path must build exactly the tree `yaml` + `toTree` build, spans included, for every document it accepts,
// and decline what it does not understand. Checked on every YAML file of the repository and on mutations of the fixtures.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseFast } from '../../server/src/syntax/fast-parse';
import { splitDocuments } from '../../server/src/syntax/split';
import { toTree } from '../../server/src/syntax/tree';
import { yamlFiles } from '../support/files';

const root = join(import.meta.dirname, '../..');


/** Null when the fast path declined; else whether it agreed with `yaml` (which must also have found no error). */
function agrees(text: string): boolean | null {
  const fast = parseFast(text, 7);
  if (fast === undefined) return null;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  if (doc.errors.length > 0) return false;
  assert.deepStrictEqual(fast, toTree(doc, 7).root, `fast path differs from yaml on:\n${text}`);
  return true;
}

test('agrees with yaml on every document of every YAML file in the repository', () => {
  let accepted = 0;
  let total = 0;
  for (const file of [...yamlFiles(join(root, 'test'), ['e2e', 'node_modules']), ...yamlFiles(join(root, 'examples'), ['e2e', 'node_modules'])]) {
    for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
      total++;
      const r = agrees(chunk.text);
      assert.notEqual(r, false, `${file}: the fast path accepted a document yaml rejects`);
      if (r) accepted++;
    }
  }
  // Most real manifests are plain block YAML: the fast path must actually be the common path.
  assert.ok(accepted > total / 2, `fast path took only ${accepted} of ${total} documents`);
});

test('agrees with yaml on truncated fixtures and on fixtures with comments and blank lines inserted anywhere', () => {
  const fixtures = yamlFiles(join(root, 'test', 'rules'), ['e2e', 'node_modules']).filter((f) => f.endsWith('invalid.yaml'));
  for (const file of fixtures) {
    for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
      const lines = chunk.text.split('\n');
      for (let i = 0; i <= lines.length; i++) {
        agrees(lines.slice(0, i).join('\n') + (i % 2 ? '\n' : ''));
        for (const indent of [0, 2, 4, 8]) agrees([...lines.slice(0, i), `${' '.repeat(indent)}# note`, ...lines.slice(i)].join('\n'));
        agrees([...lines.slice(0, i), '   ', ...lines.slice(i)].join('\n'));
        if (lines[i]) agrees([...lines.slice(0, i), `${lines[i]}  # trailing`, ...lines.slice(i + 1)].join('\n'));
      }
    }
  }
});

test('resolves plain scalars as the YAML 1.2 core schema does', () => {
  for (const v of ['~', 'null', 'Null', 'true', 'False', '0o17', '017', '-42', '+7', '0x1F', '.inf', '-.Inf', '.nan', '1e3', '1.50', '.5', '2.', '1_000', '0b1', 'yes', 'on', '1.2.3', '10.0.0.0/8', '-', 'a-b']) {
    assert.notEqual(agrees(`k: ${v}\n`), false, v);
  }
});

test('declines what it does not model, so that yaml parses it', () => {
  for (const text of [
    'a: &x 1\nb: *x\n',
    'a: !!str 1\n',
    'a: |\n  text\n',
    'a: >\n  text\n',
    'a: "esc\\n"\n',
    'a: plain\n  continued\n',
    'a: 1\na: 2\n',
    '? complex\n: key\n',
    'a:\n\t- 1\n',
    '- - nested\n',
    'a: [1, [2]]\n',
    'a: {b: {c: 1}}\n',
    'a: [1,\n  2]\n',
    'just a scalar\n',
    '%YAML 1.2\n---\na: 1\n',
    '--- a: 1\n',
  ]) {
    assert.equal(parseFast(text, 0), undefined, text);
  }
});

test('an empty document is null, a lone `---` an empty scalar', () => {
  assert.equal(parseFast('# only a comment\n', 0), null);
  assert.equal(agrees('---\n'), true);
  assert.equal(agrees('--- # c\n'), true);
});
