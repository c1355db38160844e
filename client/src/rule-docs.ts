// Rule docs one click away, offline: the server links each diagnostic's code to the published rules page; here the link
// becomes a command that opens the rule's section of the copy of docs/rules.md inside the extension, as a Markdown
// preview, so that it works without a network (and in vscode.dev, where the extension's files are served with it).
import * as vscode from 'vscode';
import type { Middleware } from 'vscode-languageclient';

const SCHEME = 'netpol-rule-docs';
const SHOW_RULE_DOC = 'netpol.showRuleDoc';

/** Replaces each netpol diagnostic's documentation link with the command that opens the bundled page. */
export function ruleDocsMiddleware(): Middleware {
  return {
    handleDiagnostics(uri, diagnostics, next) {
      for (const d of diagnostics) {
        if (typeof d.code === 'object' && d.code !== null && typeof d.code.value === 'string') {
          d.code = { value: d.code.value, target: ruleDocCommand(d.code.value) };
        }
      }
      next(uri, diagnostics);
    },
  };
}

function ruleDocCommand(ruleId: string): vscode.Uri {
  return vscode.Uri.parse(`command:${SHOW_RULE_DOC}?${encodeURIComponent(JSON.stringify([ruleId]))}`);
}

/** The section of docs/rules.md under `## <ruleId>`, up to the next second-level heading. */
function ruleSection(markdown: string, ruleId: string): string | undefined {
  const lines = markdown.split(/\r?\n/);
  const start = lines.indexOf(`## ${ruleId}`);
  if (start < 0) return undefined;
  let end = start + 1;
  while (end < lines.length && !lines[end]!.startsWith('## ')) end++;
  return lines.slice(start, end).join('\n').replace(/^## /, '# ');
}

export function registerRuleDocs(context: vscode.ExtensionContext): void {
  let rulesPage: Promise<string> | undefined;
  const page = (): Promise<string> =>
    (rulesPage ??= Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules.md'))).then((bytes) => new TextDecoder().decode(bytes)));
  const provider: vscode.TextDocumentContentProvider = {
    async provideTextDocumentContent(uri) {
      const id = uri.path.replace(/^\//, '').replace(/\.md$/, '');
      const section = ruleSection(await page(), id);
      return section
        ? `${section}\n\n---\n\n*From netpol's rule reference, shipped with the extension (docs/rules.md).*\n`
        : `# ${id}\n\nnetpol has no rule named "${id}".\n`;
    },
  };
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(SCHEME, provider),
    vscode.commands.registerCommand(SHOW_RULE_DOC, async (ruleId: unknown) => {
      if (typeof ruleId !== 'string' || !/^[a-z0-9-]+$/.test(ruleId)) return;
      // A mistake in a `.netpol.yaml` links to the page on that file, which the extension ships too.
      const uri = ruleId === 'netpol-config' ? vscode.Uri.joinPath(context.extensionUri, 'docs', 'configuration.md') : vscode.Uri.from({ scheme: SCHEME, path: `/${ruleId}.md` });
      try {
        await vscode.commands.executeCommand('markdown.showPreview', uri);
      } catch {
        // Without the built-in Markdown extension, the page's source is still readable.
        await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: true });
      }
    }),
  );
}
