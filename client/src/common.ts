// What the desktop (Node) and the web (browser) clients share: the client options, the rule-docs links, the palette
// commands, the language status item and the restart command. It imports only the transport-free
// `vscode-languageclient`, so that both bundles can use it; each entry supplies how to construct its LanguageClient.
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type BaseLanguageClient, type DocumentSelector, type LanguageClientOptions } from 'vscode-languageclient';
import { registerConnectivityView } from './connectivity/panel';
import { registerPolicyCommands } from './policy-commands';
import { registerRuleDocs, ruleDocsMiddleware } from './rule-docs';
import { LanguageStatus } from './language-status';
import { RestartPolicy } from './restart-policy';

export interface ClientPlatform {
  readonly documentSelector: DocumentSelector;
  /** What the server cannot read itself and the client sends with the initialization (the web's `.netpol.yaml` files). */
  initializationOptions?(): Promise<Record<string, unknown>>;
  create(options: LanguageClientOptions): BaseLanguageClient;
  /** Called once, after the first start, e.g. to forward file changes to whichever client runs. */
  setup?(current: () => BaseLanguageClient | undefined, context: vscode.ExtensionContext): void;
  /** Called whenever a server is running again after a restart (by the command or after a crash): it knows nothing yet. */
  restarted?(): void;
}

export interface ClientHandle {
  current(): BaseLanguageClient | undefined;
}

export async function activateClient(context: vscode.ExtensionContext, platform: ClientPlatform): Promise<ClientHandle> {
  const output = vscode.window.createOutputChannel('netpol', { log: true });
  context.subscriptions.push(output);
  let client: BaseLanguageClient | undefined;
  const status = new LanguageStatus(() => client);
  context.subscriptions.push(status);
  const crashes = new RestartPolicy();
  /** Restarts by the command: the next client's first run is a restart too. */
  let restarts = 0;

  const start = async (): Promise<void> => {
    const options: LanguageClientOptions = {
      documentSelector: platform.documentSelector,
      // The server registers its own watcher for `.netpol.yaml` files (workspace/didChangeWatchedFiles).
      synchronize: { configurationSection: 'netpol' },
      outputChannel: output,
      diagnosticCollectionName: 'netpol',
      // package.json contributes the snippets to VS Code, so the server must not offer them a second time.
      initializationOptions: { contributesSnippets: true, ...(await platform.initializationOptions?.()) },
      middleware: ruleDocsMiddleware(),
      // A crashed server is restarted, and the user told once (not on every crash); one that keeps crashing is left stopped.
      errorHandler: {
        error: () => ({ action: ErrorAction.Continue }),
        closed: () => {
          const decision = crashes.closed(Date.now());
          output.warn(decision.log);
          if (decision.tell) void vscode.window.showWarningMessage(decision.tell);
          return { action: decision.restart ? CloseAction.Restart : CloseAction.DoNotRestart, handled: true };
        },
      },
    };
    client = platform.create(options);
    let runs = 0;
    client.onDidChangeState((e) => {
      if (e.newState === State.Running && (runs++ > 0 || restarts > 0)) platform.restarted?.();
    });
    await client.start();
    status.refresh();
  };

  registerRuleDocs(context);
  registerPolicyCommands(context, () => client);
  registerConnectivityView(context, () => client);
  context.subscriptions.push(
    vscode.commands.registerCommand('netpol.restartServer', async () => {
      status.starting();
      crashes.reset();
      const old = client;
      client = undefined;
      await old?.stop().catch(() => undefined);
      restarts++;
      await start();
    }),
    { dispose: () => void client?.stop() },
  );
  status.starting();
  await start();
  platform.setup?.(() => client, context);
  return { current: () => client };
}
