// Golden tests of code actions and commands: each folder of test/code-actions/golden/ holds `input.yaml`, `action.json`
// (which action to take) and the expected result, compared byte for byte (`output.yaml`, or `output.sh` for a generated
// document). `UPDATE_GOLDEN=1 node scripts/run-tests.mjs code-actions` rewrites the expected files; review them in the diff.
//
// action.json: {"quickfix": {"rule": ID, "title": TEXT, "nth"?: N}} | {"source": TEXT} | {"fixAll": true} |
//              {"command": ID, "arguments": [...]}, with optional "position" {line, character} (the cursor),
//              "settings", "absent": [titles that must not be offered at the position], and "message" (expected text of a
//              command's message instead of an output file).
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { CodeAction, Position } from 'vscode-languageserver-types';
import { createLanguageService } from '../../server/src/service';
import { applyLspEdits, applyWorkspaceEdit, lostComments } from './support';

interface Action {
  quickfix?: { rule: string; title: string; nth?: number };
  source?: string;
  fixAll?: boolean;
  command?: string;
  arguments?: unknown[];
  position?: Position;
  settings?: Record<string, unknown>;
  absent?: string[];
  message?: string;
}

const root = join(import.meta.dirname, 'golden');
const update = process.env.UPDATE_GOLDEN === '1';
const URI = 'file:///golden/input.yaml';

function run(folder: string): { output: string; file: string } | undefined {
  const input = readFileSync(join(folder, 'input.yaml'), 'utf8');
  const action = JSON.parse(readFileSync(join(folder, 'action.json'), 'utf8')) as Action;
  const service = createLanguageService({ settings: action.settings ?? {} });
  service.update(URI, input);
  const position = action.position ?? { line: 0, character: 0 };
  const at = { start: position, end: position };
  if (action.absent) {
    const offered = service.getCodeActions(URI, at, { diagnostics: [] }).map((a) => a.title);
    for (const title of action.absent) assert.ok(!offered.some((t) => t.includes(title)), `"${title}" must not be offered; offered: ${offered.join(' | ')}`);
  }
  if (action.quickfix) {
    const { rule, title, nth = 0 } = action.quickfix;
    const diagnostic = service.getDiagnostics(URI).filter((d) => d.code === rule)[nth];
    assert.ok(diagnostic, `no ${rule} diagnostic #${nth}`);
    const actions = service.getCodeActions(URI, diagnostic.range, { diagnostics: [diagnostic] });
    const chosen = pick(actions, title);
    assert.equal(chosen.kind, 'quickfix');
    assert.deepEqual(chosen.diagnostics, [diagnostic], 'a quick fix names the diagnostic it fixes');
    return { output: applyWorkspaceEdit(input, URI, chosen.edit), file: 'output.yaml' };
  }
  if (action.source !== undefined) {
    const chosen = pick(service.getCodeActions(URI, at, { diagnostics: [], only: ['source'] }), action.source);
    return { output: applyWorkspaceEdit(input, URI, chosen.edit), file: 'output.yaml' };
  }
  if (action.fixAll) {
    const chosen = pick(service.getCodeActions(URI, at, { diagnostics: [], only: ['source.fixAll'] }), 'Fix all');
    const output = applyWorkspaceEdit(input, URI, chosen.edit);
    service.update(URI, output);
    assert.deepEqual(service.getCodeActions(URI, at, { diagnostics: [], only: ['source.fixAll'] }), [], 'fix-all run twice changes nothing the second time');
    return { output, file: 'output.yaml' };
  }
  if (action.command) {
    const result = service.executeCommand(action.command, [URI, ...(action.arguments ?? [])]);
    assert.ok(result, `command ${action.command} returned nothing`);
    if (action.message !== undefined) {
      assert.equal(result.message, action.message);
      assert.equal(result.edits, undefined);
      return undefined;
    }
    if (result.document) return { output: result.document.content, file: 'output.sh' };
    assert.ok(result.edits, `command ${action.command} returned neither edits nor a document: ${JSON.stringify(result)}`);
    return { output: applyLspEdits(input, result.edits), file: 'output.yaml' };
  }
  return undefined;
}

function pick(actions: readonly CodeAction[], title: string): CodeAction {
  const matching = actions.filter((a) => a.title.includes(title));
  assert.equal(matching.length, 1, `expected one action titled "${title}", got: ${actions.map((a) => a.title).join(' | ')}`);
  return matching[0]!;
}

describe('code action goldens', () => {
  const cases = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  it('has cases', () => assert.ok(cases.length > 0));
  for (const name of cases) {
    it(name, () => {
      const folder = join(root, name);
      const result = run(folder);
      if (!result) return;
      const expectedPath = join(folder, result.file);
      if (update) writeFileSync(expectedPath, result.output);
      assert.ok(existsSync(expectedPath), `${name}: no ${result.file} (run with UPDATE_GOLDEN=1 and review it)`);
      assert.equal(result.output, readFileSync(expectedPath, 'utf8'), `${name}: differs from ${result.file}`);
      if (result.file === 'output.yaml') {
        const input = readFileSync(join(folder, 'input.yaml'), 'utf8');
        assert.deepEqual(lostComments(input, result.output), [], `${name}: comment lines lost`);
        const check = createLanguageService();
        check.update(URI, result.output);
        assert.deepEqual(check.getDiagnostics(URI).filter((d) => d.code === 'yaml-syntax'), [], `${name}: the output is not valid YAML`);
      }
    });
  }
});
