// The fast YAML path must build exactly the tree `yaml` + `toTree` build, spans included, for every document it accepts,
// and decline what it does not understand. Checked on every YAML file of the repository and on mutations of the fixtures,
// each also with CRLF line breaks and with LF and CRLF mixed, where it must accept whatever it accepts with LF.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { parseFast } from '../../server/src/syntax/fast-parse';
import { splitDocuments } from '../../server/src/syntax/split';
import { toTree } from '../../server/src/syntax/tree';
import { yamlFiles } from '../support/files';
import { SLOW } from '../support/slow';

const root = join(import.meta.dirname, '../..');

/** The text with every line break CRLF. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, '\r\n');
}

/** The text with every other line break CRLF, starting with the first (`parity` 0) or the second (`parity` 1). */
function mixed(text: string, parity: 0 | 1): string {
  let n = 0;
  return text.replace(/\r?\n/g, () => (n++ % 2 === parity ? '\r\n' : '\n'));
}

/** The line-break variants of an LF text that the fast path must treat as it treats the text itself. */
function lineBreakVariants(text: string, parities: readonly (0 | 1)[] = [0, 1]): string[] {
  return [crlf(text), ...parities.map((parity) => mixed(text, parity))];
}

/** Null when the fast path declined; else whether it agreed with `yaml` (which must also have found no error). */
function agrees(text: string): boolean | null {
  const fast = parseFast(text, 7);
  if (fast === undefined) return null;
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, keepSourceTokens: false, strict: true });
  if (doc.errors.length > 0) return false;
  assert.deepStrictEqual(fast, toTree(doc, 7).root, `fast path differs from yaml on:\n${JSON.stringify(text)}`);
  return true;
}

/**
 * `agrees` on an LF text and on its CRLF and mixed variants, which the fast path must accept exactly when it accepts the
 * text. The mutation sweep passes one mixed parity per mutation, alternating, to keep its time down.
 */
function agreesWithAnyLineBreaks(text: string, parities?: readonly (0 | 1)[]): boolean | null {
  const r = agrees(text);
  for (const variant of lineBreakVariants(text, parities)) {
    assert.equal(agrees(variant), r, `CRLF changed the fast path's answer (${r}) on:\n${JSON.stringify(variant)}`);
  }
  return r;
}

const repositoryYamlFiles = (): string[] => [
  ...yamlFiles(join(root, 'test'), ['e2e', 'node_modules']),
  ...yamlFiles(join(root, 'examples'), ['e2e', 'node_modules']),
];

test('agrees with yaml on every document of every YAML file in the repository', () => {
  let accepted = 0;
  let total = 0;
  for (const file of repositoryYamlFiles()) {
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

test('agrees with yaml on every YAML file of the repository with CRLF and mixed line breaks, and accepts what it accepts with LF', SLOW, () => {
  let accepted = 0;
  for (const file of repositoryYamlFiles()) {
    const lf = readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const lfChunks = splitDocuments(lf);
    for (const variant of lineBreakVariants(lf)) {
      // The splitter cuts the converted file into the same documents; each is parsed as the service parses it.
      const chunks = splitDocuments(variant);
      assert.equal(chunks.length, lfChunks.length, `${file}: CRLF changed the documents`);
      chunks.forEach((chunk, i) => {
        const r = agrees(chunk.text);
        assert.notEqual(r, false, `${file}: the fast path accepted a document yaml rejects`);
        assert.equal(r, agrees(lfChunks[i]!.text), `${file}, document ${i}: CRLF changed whether the fast path accepts it`);
        if (r) accepted++;
      });
    }
  }
  assert.ok(accepted > 0);
});

test('agrees with yaml on truncated fixtures and on fixtures with comments and blank lines inserted anywhere', SLOW, () => {
  const fixtures = yamlFiles(join(root, 'test', 'rules'), ['e2e', 'node_modules']).filter((f) => f.endsWith('invalid.yaml'));
  for (const file of fixtures) {
    for (const chunk of splitDocuments(readFileSync(file, 'utf8'))) {
      const lines = chunk.text.split('\n');
      for (let i = 0; i <= lines.length; i++) {
        const parity = [(i % 2) as 0 | 1];
        agreesWithAnyLineBreaks(lines.slice(0, i).join('\n') + (i % 2 ? '\n' : ''), parity);
        for (const indent of [0, 2, 4, 8]) agreesWithAnyLineBreaks([...lines.slice(0, i), `${' '.repeat(indent)}# note`, ...lines.slice(i)].join('\n'), parity);
        agreesWithAnyLineBreaks([...lines.slice(0, i), '   ', ...lines.slice(i)].join('\n'), parity);
        if (lines[i]) agreesWithAnyLineBreaks([...lines.slice(0, i), `${lines[i]}  # trailing`, ...lines.slice(i + 1)].join('\n'), parity);
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

test('accepts CRLF line breaks wherever it accepts LF ones, with the spans yaml gives', () => {
  for (const text of [
    'a: 1\nb: x  # c\n',
    'a: x   \n',
    'a:\nb: 1',
    'a:  \nb:\n',
    'a:\n  - x\n  -\n  - y # c\n',
    'a:\n- x\n- b: c\n  d: e\n',
    'a:\n  b: c\n# top\nd: e\n',
    'a: [1, "two", x]\nb: {"c": d}\n',
    "a: 'it''s'\n\n  \n\nb: c\n\n",
    '---\n',
    '--- # c\n',
    '---\na: 1\n',
    '# only a comment\n\n',
  ]) {
    assert.notEqual(agreesWithAnyLineBreaks(text), null, text);
  }
});

test('declines a carriage return that does not end a line, as yaml reads it as text', () => {
  for (const text of ['a: x\r', 'a: x\rb: y\n', 'a: x\r\r\n', 'a:\r  b: c\r\n', 'a: "x\ry"\r\n', '\r', 'a: [1,\r2]\n', '# c\r\na: 1\r\n# \r']) {
    assert.equal(parseFast(text, 0), undefined, JSON.stringify(text));
  }
});

test('an empty document is null, a lone `---` an empty scalar', () => {
  assert.equal(parseFast('# only a comment\n', 0), null);
  assert.equal(agrees('---\n'), true);
  assert.equal(agrees('--- # c\n'), true);
});
