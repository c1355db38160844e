// Hover and snippets through the real `vscode` API: the hover providers VS Code calls return netpol's documentation,
// and the snippets contributed in package.json reach the completion list and expand to clean policies.
'use strict';
const assert = require('assert');
const fs = require('fs');
const path = require('path');
const vscode = require('vscode');
const h = require('./helpers');

function contributedSnippets() {
  const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
  const entries = (ext.packageJSON.contributes && ext.packageJSON.contributes.snippets) || [];
  const snippets = [];
  for (const entry of entries.filter((e) => e.language === 'yaml')) {
    // Snippet files are JSON with comments allowed; ours have none.
    const file = JSON.parse(fs.readFileSync(path.join(ext.extensionPath, entry.path), 'utf8'));
    for (const [name, s] of Object.entries(file)) {
      for (const prefix of [].concat(s.prefix)) snippets.push({ name, prefix, body: [].concat(s.body).join('\n') });
    }
  }
  return snippets;
}

suite('hover and snippets', () => {
  test('hover on a field shows its documentation from the Kubernetes API', async () => {
    const doc = await h.open('diagnostics.yaml');
    const at = h.positionOf(doc, 'podSelector', { middle: true });
    const text = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at));
    assert.match(text, /selects the pods to which this NetworkPolicy object applies/i, `hover text:\n${text}`);
  });

  test('hover on a CIDR shows its address range', async () => {
    const doc = await h.open('diagnostics.yaml');
    const at = h.positionOf(doc, '0.0.0.0/0', { middle: true });
    const text = h.hoverText(await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, at));
    assert.match(text, /255\.255\.255\.255/, `hover text:\n${text}`);
    assert.match(text, /169\.254\.169\.254|metadata/i, `hover names the metadata endpoint:\n${text}`);
  });

  test('snippets are contributed for YAML and offered by completion', async () => {
    const snippets = contributedSnippets();
    assert.ok(snippets.length >= 3, `contributes.snippets for yaml: ${snippets.map((s) => s.prefix).join(', ') || 'none'}`);
    const { doc } = await h.openUntitled('');
    const list = await vscode.commands.executeCommand('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, 0));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    const missing = snippets.filter((s) => !labels.includes(s.prefix)).map((s) => s.prefix);
    assert.deepStrictEqual(missing, [], `offered: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('every snippet expands to a policy with no errors or warnings', async function () {
    this.timeout(120000); // about a second per snippet; more on a busy machine
    const snippets = contributedSnippets();
    assert.ok(snippets.length > 0, 'snippets contributed');
    const sentinel = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: sentinel\n  namespace: shop\nspec:\n  podSelector: {}\n  polcyTypes: [Ingress]\n';
    const failures = [];
    for (const s of snippets) {
      // The sentinel's known error, once reported on its new line, shows the server has checked the expanded snippet.
      const { doc, editor } = await h.openUntitled(sentinel);
      await h.waitForDiagnostics(doc.uri, h.hasCode('unknown-field'), 'the sentinel\'s error');
      assert.ok(await editor.insertSnippet(new vscode.SnippetString(`${s.body}\n---\n`), new vscode.Position(0, 0)));
      const sentinelLine = doc.getText().split('\n').length - 2; // its polcyTypes line
      const diags = await h.waitForDiagnostics(doc.uri, (d) => d.some((x) => h.codeOf(x) === 'unknown-field' && x.range.start.line === sentinelLine),
        'the sentinel\'s error on its new line');
      const bad = diags.filter((d) => d.range.start.line < sentinelLine - 7 && d.severity <= vscode.DiagnosticSeverity.Warning);
      if (bad.length) failures.push(`${s.prefix}:\n  ${h.describe(bad)}\n${doc.getText()}`);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    assert.deepStrictEqual(failures, []);
  });
});
