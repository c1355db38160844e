// Activation and diagnostics, through the real `vscode` API: the extension wakes up for YAML, the server's findings
// reach the Problems model with the fixture's ranges, severities and rule ids, and other YAML is left alone.
'use strict';
const assert = require('assert');
const vscode = require('vscode');
const h = require('./helpers');

suite('activation and diagnostics', () => {
  test('the extension activates when a YAML file opens', async () => {
    const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
    assert.ok(ext, `${h.EXTENSION_ID} is installed`);
    const doc = await h.open('unknown-field.yaml');
    assert.strictEqual(doc.languageId, 'yaml');
    // onLanguage:yaml activates it; activate() resolves once the language client has started.
    await ext.activate();
    assert.ok(ext.isActive);
    await h.waitForDiagnostics(doc.uri, (d) => d.length > 0, 'the first diagnostics');
  });

  for (const file of ['unknown-field.yaml', 'diagnostics.yaml']) {
    test(`${file}: diagnostics have the marked ranges, severities and rule ids`, async () => {
      const doc = await h.open(file);
      const expected = h.expectations(doc.getText());
      assert.ok(expected.length > 0, 'the fixture has markers');
      const diags = await h.waitForDiagnostics(doc.uri, (d) => expected.every((e) => d.some((x) => h.codeOf(x) === e.code)),
        `rules ${expected.map((e) => e.code).join(', ')}`).catch((e) => {
        throw new Error(`${e.message}\n(expected: ${expected.map((x) => `${x.line}:${x.start}-${x.end} ${x.severity}[${x.code}]`).join(', ')})`);
      });
      for (const e of expected) {
        const range = new vscode.Range(e.line, e.start, e.line, e.end);
        const match = diags.find((d) => h.codeOf(d) === e.code && d.range.isEqual(range));
        assert.ok(match, `${e.severity}[${e.code}] at ${e.line}:${e.start}-${e.end} (text "${doc.getText(range)}"); got:\n  ${h.describe(diags)}`);
        assert.strictEqual(match.severity, h.SEVERITY[e.severity], `severity of ${e.code}`);
        assert.ok(match.message.length > 10, `a message that says what to do: "${match.message}"`);
      }
      // Nothing above warning that the fixture does not mark.
      const unexpected = diags.filter((d) => d.severity <= vscode.DiagnosticSeverity.Warning
        && !expected.some((e) => h.codeOf(d) === e.code && d.range.isEqual(new vscode.Range(e.line, e.start, e.line, e.end))));
      assert.deepStrictEqual(h.describe(unexpected), '(none)', 'errors or warnings the fixture does not mark');
    });
  }

  test('a YAML file without NetworkPolicies gets no diagnostics', async () => {
    const doc = await h.open('deployment.yaml');
    const original = doc.getText();
    // A positive control makes the wait deterministic: append a policy with a known error, wait until it is reported
    // (the server has then checked the whole file), then remove it and wait for the list to become empty again.
    const sentinel = '---\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: sentinel\n  namespace: shop\nspec:\n  podSelector: {}\n  polcyTypes: [Ingress]\n';
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, doc.positionAt(original.length), sentinel);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const withSentinel = await h.waitForDiagnostics(doc.uri, h.hasCode('unknown-field'), 'the sentinel policy\'s error');
    const firstSentinelLine = original.split('\n').length - 1;
    assert.strictEqual(h.describe(withSentinel.filter((d) => d.range.start.line < firstSentinelLine)), '(none)', 'diagnostics on the Deployment or the ConfigMap');
    const undo = new vscode.WorkspaceEdit();
    undo.delete(doc.uri, new vscode.Range(doc.positionAt(original.length), doc.positionAt(doc.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(undo));
    assert.strictEqual(doc.getText(), original);
    await h.waitForDiagnostics(doc.uri, (d) => d.length === 0, 'no diagnostics');
    await doc.save();
  });
});
