// Helpers for the integration tests that run inside the real extension host: open fixtures, wait on diagnostics events
// (never on a clock), read inline expectation markers, apply code actions.
'use strict';
const vscode = require('vscode');

const EXTENSION_ID = 'netpol.netpol';
const WAIT_MS = 15000;

function workspaceUri(name) {
  return vscode.Uri.joinPath(vscode.workspace.workspaceFolders[0].uri, name);
}

async function open(name) {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(name));
  await vscode.window.showTextDocument(doc, { preview: false });
  return doc;
}

async function openUntitled(content) {
  const doc = await vscode.workspace.openTextDocument({ language: 'yaml', content });
  const editor = await vscode.window.showTextDocument(doc, { preview: false });
  return { doc, editor };
}

function codeOf(d) {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

function ours(uri) {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'netpol');
}

function describe(diags) {
  return diags.map((d) => `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${codeOf(d)} ${d.message}`).join('\n  ') || '(none)';
}

/** Resolves with our diagnostics for `uri` as soon as `predicate` holds for them; listens to diagnostics events. */
function waitForDiagnostics(uri, predicate, what = 'the expected diagnostics', ms = WAIT_MS) {
  return new Promise((resolve, reject) => {
    const check = () => {
      const diags = ours(uri);
      if (!predicate(diags)) return false;
      done();
      resolve(diags);
      return true;
    };
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${ms} ms waiting for ${what} on ${uri.path}; now:\n  ${describe(ours(uri))}`));
    }, ms);
    function done() {
      sub.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

const hasCode = (code) => (diags) => diags.some((d) => codeOf(d) === code);

/**
 * Inline expectations, as in the rule fixtures: `#   ^^^ severity[rule-id]` under a line gives the expected range
 * (columns of the carets) on the nearest line above that is not a marker.
 */
function expectations(text) {
  const out = [];
  let target = -1;
  text.split('\n').forEach((line, i) => {
    const m = /^(\s*)#(\s*)(\^+)\s+(error|warning|information|hint)\[([a-z0-9-]+)\]/.exec(line.replace(/\r$/, ''));
    if (!m) {
      target = i;
      return;
    }
    const start = m[1].length + 1 + m[2].length;
    out.push({ line: target, start, end: start + m[3].length, severity: m[4], code: m[5] });
  });
  return out;
}

const SEVERITY = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, information: vscode.DiagnosticSeverity.Information, hint: vscode.DiagnosticSeverity.Hint };

/** The position of the `nth` occurrence of `needle` in the document (the middle of it with `middle`). */
function positionOf(doc, needle, { nth = 0, middle = false } = {}) {
  const text = doc.getText();
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" (#${nth}) not in ${doc.uri.path}`);
  }
  return doc.positionAt(at + (middle ? Math.floor(needle.length / 2) : 0));
}

/** Applies a code action the way the editor does: its edit, then its command. */
async function applyCodeAction(action) {
  if (action.edit) {
    const ok = await vscode.workspace.applyEdit(action.edit);
    if (!ok) throw new Error(`the edit of "${action.title}" was not applied`);
  }
  const command = action.command && typeof action.command === 'object' ? action.command : action.command ? action : undefined;
  if (command && typeof command.command === 'string') await vscode.commands.executeCommand(command.command, ...(command.arguments || []));
}

async function codeActions(uri, range, kind) {
  return (await vscode.commands.executeCommand('vscode.executeCodeActionProvider', uri, range, kind)) || [];
}

function hoverText(hovers) {
  return (hovers || []).flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n---\n');
}

/** Resolves when the document's text satisfies `predicate` (edits from the server arrive asynchronously). */
function waitForText(doc, predicate, what, ms = WAIT_MS) {
  if (predicate(doc.getText())) return Promise.resolve(doc.getText());
  return new Promise((resolve, reject) => {
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document === doc && predicate(doc.getText())) {
        sub.dispose();
        clearTimeout(timer);
        resolve(doc.getText());
      }
    });
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}; the document is:\n${doc.getText()}`));
    }, ms);
  });
}

module.exports = {
  EXTENSION_ID, WAIT_MS, workspaceUri, open, openUntitled, codeOf, ours, describe, waitForDiagnostics, hasCode, expectations,
  SEVERITY, positionOf, applyCodeAction, codeActions, hoverText, waitForText,
};
