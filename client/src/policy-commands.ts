// Palette commands that need the user's input: "Insert default-deny policy" (asks for the variant and, when the cursor
// is not in a namespaced policy, the namespace) and "Generate connectivity test commands" (opens the server's script in
// a new untitled document). The server does the work through workspace/executeCommand and applies edits itself.
import * as vscode from 'vscode';
import { ExecuteCommandRequest, type BaseLanguageClient as LanguageClient } from 'vscode-languageclient';

interface CommandResult {
  readonly document?: { readonly language: string; readonly content: string };
  readonly message?: string;
  readonly data?: unknown;
}

interface DefaultDenyOptions {
  readonly atCursor?: string;
  readonly namespaces: readonly string[];
  readonly variants: Readonly<Record<string, readonly string[]>>;
}

const VARIANTS: readonly (vscode.QuickPickItem & { variant: string })[] = [
  { variant: 'ingress', label: 'Default-deny ingress', detail: 'No pod of the namespace accepts connections unless another policy allows them.' },
  { variant: 'egress', label: 'Default-deny egress', detail: 'No pod of the namespace opens connections unless another policy allows them (DNS included).' },
  { variant: 'all', label: 'Default-deny ingress and egress', detail: 'Both directions denied by default.' },
  { variant: 'egress-dns', label: 'Default-deny egress + allow DNS', detail: 'Egress denied except to kube-dns in kube-system (UDP and TCP 53), so names still resolve.' },
  { variant: 'all-dns', label: 'Default-deny ingress and egress + allow DNS', detail: 'Both directions denied, DNS to kube-dns still allowed.' },
];

const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

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
  const options = (await run(client, 'netpol.server.defaultDenyOptions', [uri, position]))?.data as DefaultDenyOptions | undefined;
  // With the namespace known from the cursor, variants the namespace already has are left out of the list.
  const offered = options?.atCursor ? options.variants[options.atCursor] : undefined;
  const choices = offered ? VARIANTS.filter((v) => offered.includes(v.variant)) : VARIANTS;
  if (choices.length === 0) {
    void vscode.window.showInformationMessage(`Namespace "${options?.atCursor ?? ''}" already has default-deny ingress and egress policies in this file.`);
    return;
  }
  const variant = preset?.variant ?? (await vscode.window.showQuickPick(choices, { title: 'Insert default-deny policy', placeHolder: 'Which traffic to deny by default?' }))?.variant;
  if (!variant) return;
  const namespace = options?.atCursor ?? (await pickNamespace(options?.namespaces ?? []));
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
  return vscode.window.showInputBox({
    title: 'Namespace of the default-deny policy',
    prompt: 'The namespace whose pods the policy applies to',
    validateInput: (value) => (NAMESPACE.test(value) && value.length <= 63 ? undefined : 'A namespace name: lower-case letters, digits and "-", at most 63 characters.'),
  });
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
