// Palette commands that need the user's input: "Insert default-deny policy" (asks for the variant and, when the cursor
// is not in a namespaced policy, the namespace) and "Generate connectivity test commands" (opens the server's script in
// a new untitled document). The server does the work through workspace/executeCommand and applies edits itself; it
// owns the choices, their wording, the checks of what the user typed and every message, and the client shows them.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import type { CommandResult, DefaultDenyOptions } from '../../server/src/features/code-actions/commands';

export function registerPolicyCommands(context: vscode.ExtensionContext, getClient: () => LanguageClient | undefined): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('netpol.insertDefaultDeny', (preset?: { variant?: string }) => insertDefaultDeny(getClient(), preset)),
    vscode.commands.registerCommand('netpol.generateConnectivityTests', () => generateConnectivityTests(getClient())),
  );
}

async function run(client: LanguageClient, command: string, args: unknown[]): Promise<CommandResult | undefined> {
  return ((await client.sendRequest(ExecuteCommandRequest.type, { command, arguments: args })) ?? undefined) as CommandResult | undefined;
}

function activeYaml(client: LanguageClient | undefined): { editor: vscode.TextEditor; client: LanguageClient } | undefined {
  const editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'yaml') {
    void vscode.window.showInformationMessage('netpol: open a YAML file first.');
    return undefined;
  }
  if (!client) {
    void vscode.window.showWarningMessage('netpol: the language server is not running.');
    return undefined;
  }
  return { editor, client };
}

async function insertDefaultDeny(maybeClient: LanguageClient | undefined, preset?: { variant?: string }): Promise<void> {
  const active = activeYaml(maybeClient);
  if (!active) return;
  const { editor, client } = active;
  const uri = editor.document.uri.toString();
  const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
  const answer = await run(client, 'netpol.server.defaultDenyOptions', [uri, position]);
  if (answer?.message) {
    void vscode.window.showInformationMessage(answer.message);
    return;
  }
  const options = answer?.data as DefaultDenyOptions | undefined;
  if (!options) return;
  const variant = preset?.variant ?? (await vscode.window.showQuickPick([...options.choices], { title: 'Insert default-deny policy', placeHolder: 'Which traffic to deny by default?' }))?.variant;
  if (!variant) return;
  const namespace = options.atCursor ?? (await pickNamespace(options.namespaces));
  if (namespace === undefined) return;
  const result = await run(client, 'netpol.server.insertDefaultDeny', [uri, { variant, namespace }]);
  if (result?.message) void vscode.window.showInformationMessage(result.message);
}

async function pickNamespace(known: readonly string[]): Promise<string | undefined> {
  if (known.length > 0) {
    const other = 'Another namespace…';
    const picked = await vscode.window.showQuickPick([...known, other], { title: 'Namespace of the default-deny policy' });
    if (picked !== other) return picked;
  }
  // The server checks the name and says what is wrong with it.
  return vscode.window.showInputBox({ title: 'Namespace of the default-deny policy', prompt: 'The namespace whose pods the policy applies to' });
}

async function generateConnectivityTests(maybeClient: LanguageClient | undefined): Promise<void> {
  const active = activeYaml(maybeClient);
  if (!active) return;
  const { editor, client } = active;
  const position = client.code2ProtocolConverter.asPosition(editor.selection.active);
  const result = await run(client, 'netpol.server.connectivityTests', [editor.document.uri.toString(), position]);
  if (result?.document) {
    const doc = await vscode.workspace.openTextDocument({ language: result.document.language, content: result.document.content });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
  } else if (result?.message) {
    void vscode.window.showInformationMessage(result.message);
  }
}
