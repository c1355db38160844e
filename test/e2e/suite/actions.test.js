// Code actions through the real `vscode` API, the way the lightbulb applies them: the quick fix for the metadata
// endpoint adds the `except` entry and the warning goes away; the insert-default-deny source action appends the expected
// policy and leaves the rest of the file as it was.
'use strict';
const assert = require('assert');
const fs = require('fs');
const vscode = require('vscode');
const YAML = require('yaml');
const h = require('./helpers');

const METADATA = 'egress-reaches-metadata-endpoint';

suite('code actions', () => {
  test('the quick fix adds 169.254.169.254/32 to except and the warning goes away', async () => {
    const doc = await h.open('quickfix.yaml');
    const before = doc.getText();
    const [diag] = (await h.waitForDiagnostics(doc.uri, h.hasCode(METADATA), METADATA)).filter((d) => h.codeOf(d) === METADATA);
    const actions = await h.codeActions(doc.uri, diag.range, vscode.CodeActionKind.QuickFix.value);
    const fix = actions.find((a) => /169\.254\.169\.254/.test(a.title));
    assert.ok(fix, `quick fixes offered: ${actions.map((a) => a.title).join(' | ') || 'none'}`);
    await h.applyCodeAction(fix);
    const text = await h.waitForText(doc, (t) => t !== before, 'the fix\'s edit');
    const egress = YAML.parse(text).spec.egress;
    assert.deepStrictEqual(egress[1].to[0].ipBlock, { cidr: '0.0.0.0/0', except: ['169.254.169.254/32'] }, text);
    assert.deepStrictEqual(egress[0], YAML.parse(before).spec.egress[0], 'the DNS rule is untouched');
    assert.ok(text.startsWith(before.split('\n').slice(0, 27).join('\n')), `only the ipBlock changed:\n${text}`);
    await h.waitForDiagnostics(doc.uri, (d) => !d.some((x) => h.codeOf(x) === METADATA), `${METADATA} to go away`);
    assert.ok(await doc.save());
    assert.strictEqual(fs.readFileSync(doc.uri.fsPath, 'utf8'), text, 'the saved file');
  });

  test('insert default-deny appends a default-deny ingress policy for the namespace', async () => {
    const doc = await h.open('default-deny.yaml');
    const before = doc.getText();
    const at = h.positionOf(doc, 'api-allow-frontend');
    const actions = await h.codeActions(doc.uri, new vscode.Range(at, at), vscode.CodeActionKind.Source.value);
    const titles = actions.map((a) => a.title);
    const action = actions.find((a) => /default-deny/i.test(a.title) && /ingress/i.test(a.title) && !/egress/i.test(a.title));
    assert.ok(action, `source actions offered: ${titles.join(' | ') || 'none'}`);
    await h.applyCodeAction(action);
    const text = await h.waitForText(doc, (t) => t !== before, 'the default-deny edit');
    assert.ok(text.startsWith(before), `the existing policy is kept byte for byte:\n${text}`);
    const docs = YAML.parseAllDocuments(text).map((d) => d.toJS());
    assert.strictEqual(docs.length, 2, text);
    assert.deepStrictEqual(docs[1], {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'default-deny-ingress', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    }, text);
    // The action is not offered again for a namespace that now has one.
    const again = await h.codeActions(doc.uri, new vscode.Range(at, at), vscode.CodeActionKind.Source.value);
    assert.ok(!again.some((a) => a.title === action.title && !a.disabled), `offered again: ${again.map((a) => a.title).join(' | ')}`);
    assert.ok(await doc.save());
  });

  test('insert default-deny is a command in the palette', async () => {
    const ext = vscode.extensions.getExtension(h.EXTENSION_ID);
    const commands = (ext.packageJSON.contributes && ext.packageJSON.contributes.commands) || [];
    const entry = commands.find((c) => /default-deny/i.test(`${c.title} ${c.command}`));
    assert.ok(entry, `contributes.commands: ${commands.map((c) => `${c.command} "${c.title}"`).join(', ') || 'none'}`);
    const registered = await vscode.commands.getCommands(true);
    assert.ok(registered.includes(entry.command), `${entry.command} is registered`);
  });
});
