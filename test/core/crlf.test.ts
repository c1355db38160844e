// A file with Windows line endings (CRLF) must be analysed as the same file with LF: same diagnostics, at the same lines
// and characters. Its plain documents now take the fast YAML path, whose spans include the `\r`s where `yaml`'s do.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-types';
import { generate } from '../../bench/generate';
import { createLanguageService } from '../../server/src/service';
import { parseFast } from '../../server/src/syntax/fast-parse';
import { splitDocuments } from '../../server/src/syntax/split';
import { yamlFiles } from '../support/files';

const root = join(import.meta.dirname, '../..');

/**
 * Generated policies with known defects, then every rule's invalid fixture: many documents and most diagnostic codes. Not
 * go-template's, which makes netpol skip the whole file.
 */
function multiDocumentFile(): string {
  const fixtures = yamlFiles(join(root, 'test', 'rules'))
    .filter((f) => f.endsWith('invalid.yaml') && !f.includes('go-template'))
    .map((f) => readFileSync(f, 'utf8').replace(/\r\n/g, '\n'));
  return [generate(60).text, ...fixtures].map((text) => (text.endsWith('\n') ? text : `${text}\n`)).join('---\n');
}

function diagnosticsOf(text: string): Diagnostic[] {
  const service = createLanguageService();
  service.update('file:///policies.yaml', text, 1);
  return service.getDiagnostics('file:///policies.yaml');
}

/** What a diagnostic says and where, in a form `deepStrictEqual` can compare and print. */
function described(d: Diagnostic): string {
  const { start, end } = d.range;
  return `${start.line}:${start.character}-${end.line}:${end.character} ${d.severity} ${String(d.code)} ${d.message}`;
}

describe('CRLF line endings', () => {
  it('give a multi-document file the diagnostics of its LF version, at the same lines and characters', () => {
    const lf = multiDocumentFile();
    const crlf = lf.replace(/\n/g, '\r\n');
    const expected = diagnosticsOf(lf).map(described);
    assert.deepStrictEqual(diagnosticsOf(crlf).map(described), expected);
    // The comparison means something only if the file has many diagnostics of many kinds.
    assert.ok(expected.length > 100, `only ${expected.length} diagnostics`);
    assert.ok(new Set(diagnosticsOf(lf).map((d) => d.code)).size > 30);
  });

  it('let the fast YAML path parse the same documents as with LF', () => {
    const lf = multiDocumentFile();
    const fastOnes = (text: string) => splitDocuments(text).map((chunk) => parseFast(chunk.text, chunk.start) !== undefined);
    const lfFast = fastOnes(lf);
    assert.deepStrictEqual(fastOnes(lf.replace(/\n/g, '\r\n')), lfFast);
    assert.ok(lfFast.filter(Boolean).length > lfFast.length / 2);
  });

  it('give a file mixing LF and CRLF the same diagnostics too', () => {
    const lf = multiDocumentFile();
    let n = 0;
    const mixed = lf.replace(/\n/g, () => (n++ % 3 === 0 ? '\r\n' : '\n'));
    assert.deepStrictEqual(diagnosticsOf(mixed).map(described), diagnosticsOf(lf).map(described));
  });
});
