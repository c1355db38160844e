// The language status item of YAML files ({} in the status bar): whether netpol's server runs, and the settings that
// apply to the active file (Kubernetes version, cloud, CNI, profile, the `.netpol.yaml` in use), with a link to the
// settings. The server answers `netpol/status` for a document; the item asks again when the editor or the settings change.
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';

/** The answer to `netpol/status` (see server/src/lsp/status.ts). */
export interface ServerStatus {
  readonly enable: boolean;
  readonly kubernetesVersion: string;
  readonly cloud: string;
  readonly cni: string;
  readonly profile: string;
  /** The `.netpol.yaml` that applies to the document, if any. */
  readonly configFile?: string;
}

export class LanguageStatus implements vscode.Disposable {
  private readonly item = vscode.languages.createLanguageStatusItem('netpol.status', { language: 'yaml' });
  private readonly subscriptions: vscode.Disposable[];
  private asked = 0;

  constructor(private readonly client: () => BaseLanguageClient | undefined) {
    this.item.name = 'netpol';
    this.item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['netpol.'] };
    this.subscriptions = [
      vscode.window.onDidChangeActiveTextEditor(() => this.refresh()),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('netpol') && this.refresh()),
      // A saved `.netpol.yaml` changes what applies; the server has re-read it by the time its diagnostics change.
      vscode.languages.onDidChangeDiagnostics(() => this.refresh()),
    ];
  }

  starting(): void {
    this.item.text = 'netpol: starting';
    this.item.detail = undefined;
    this.item.busy = true;
    this.item.severity = vscode.LanguageStatusSeverity.Information;
  }

  refresh(): void {
    const client = this.client();
    const editor = vscode.window.activeTextEditor;
    if (!client || !client.isRunning()) {
      this.item.busy = false;
      this.item.text = 'netpol: not running';
      this.item.detail = 'Run "NetworkPolicy: Restart the language server"';
      this.item.severity = vscode.LanguageStatusSeverity.Error;
      this.item.command = { title: 'Restart', command: 'netpol.restartServer' };
      return;
    }
    const ask = ++this.asked;
    const uri = editor?.document.languageId === 'yaml' ? editor.document.uri.toString() : undefined;
    client.sendRequest<ServerStatus>('netpol/status', { uri }).then(
      (status) => {
        if (ask !== this.asked) return;
        this.item.busy = false;
        this.item.severity = vscode.LanguageStatusSeverity.Information;
        this.item.text = status.enable ? `netpol: Kubernetes ${status.kubernetesVersion}` : 'netpol: off (netpol.enable)';
        this.item.detail = [`cloud ${status.cloud}`, `CNI ${status.cni}`, `profile ${status.profile}`,
          status.configFile ? `config ${vscode.workspace.asRelativePath(vscode.Uri.parse(status.configFile))}` : 'no .netpol.yaml'].join(' · ');
        this.item.command = { title: 'Settings', command: 'workbench.action.openSettings', arguments: ['netpol.'] };
      },
      () => undefined,
    );
  }

  dispose(): void {
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}
