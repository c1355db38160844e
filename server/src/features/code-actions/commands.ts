// Commands the server executes for the client (workspace/executeCommand): what the palette commands need. Arguments are
// checked here, since they come from the client as JSON. Results carry edits (the LSP server applies them), a new
// document to open, a message to show, or data for the client's prompts.
import type { Range } from 'vscode-languageserver-types';
import { policyNamespace } from '../../model/policy';
import type { FileSnapshot } from '../../lint/snapshot';
import { connectivityTestScript } from './connectivity-tests';
import { coveredDirections, defaultDenyEdit, DENY_VARIANTS, fileNamespaces, isDenyVariant, offeredVariants, policyAtOffset } from './default-deny';

/** Palette command of the VS Code client that asks for a namespace and then runs `netpol.server.insertDefaultDeny`. */
export const INSERT_DEFAULT_DENY_CLIENT_COMMAND = 'netpol.insertDefaultDeny';

const SERVER_COMMANDS = {
  /** [uri, position?] → data: {atCursor?, namespaces, variants: {[namespace]: variant[]}, unnamespacedVariants}. */
  defaultDenyOptions: 'netpol.server.defaultDenyOptions',
  /** [uri, {variant, namespace?}] → edits (applied by the server), or a message when the namespace already has one. */
  insertDefaultDeny: 'netpol.server.insertDefaultDeny',
  /** [uri, position] → a shell document of kubectl/netshoot test commands for the policy at the position. */
  connectivityTests: 'netpol.server.connectivityTests',
} as const;

export const COMMANDS: readonly string[] = Object.values(SERVER_COMMANDS);

export interface CommandResult {
  /** A new document to open (e.g. generated test commands). */
  readonly document?: { readonly language: string; readonly content: string };
  /** Text edits to apply to the file. */
  readonly edits?: readonly { readonly range: Range; readonly newText: string }[];
  /** A message for the user (why nothing was done). */
  readonly message?: string;
  /** Data for the client (choices for its prompts). */
  readonly data?: unknown;
}

export function executeCommand(snapshot: FileSnapshot | undefined, command: string, args: readonly unknown[]): CommandResult | undefined {
  if (!COMMANDS.includes(command)) return undefined;
  if (!snapshot) return { message: 'netpol: the file is not open.' };
  const offset = isPosition(args[1]) ? snapshot.lines.offsetAt(args[1]) : undefined;
  switch (command) {
    case SERVER_COMMANDS.defaultDenyOptions: {
      const here = offset === undefined ? undefined : policyAtOffset(snapshot, offset);
      const namespaces = fileNamespaces(snapshot);
      const atCursor = here ? policyNamespace(here.policy) : undefined;
      const variants: Record<string, string[]> = {};
      for (const ns of namespaces) variants[ns] = offeredVariants(snapshot, ns);
      return { data: { ...(atCursor ? { atCursor } : {}), namespaces, variants, labels: Object.fromEntries(Object.entries(DENY_VARIANTS).map(([k, v]) => [k, v.label])) } };
    }
    case SERVER_COMMANDS.insertDefaultDeny: {
      const options = (args[1] ?? {}) as { variant?: unknown; namespace?: unknown };
      if (!isDenyVariant(options.variant)) return { message: `netpol: unknown default-deny variant ${JSON.stringify(options.variant)}.` };
      const namespace = typeof options.namespace === 'string' && options.namespace.trim() !== '' ? options.namespace.trim() : undefined;
      if (!offeredVariants(snapshot, namespace).includes(options.variant)) {
        const covered = coveredDirections(snapshot, namespace);
        const what = covered.ingress && covered.egress ? 'ingress and egress' : covered.ingress ? 'ingress' : 'egress';
        return { message: `${namespace ? `Namespace "${namespace}"` : 'This file'} already has a default-deny ${what} policy here.` };
      }
      const edit = defaultDenyEdit(snapshot, namespace, options.variant);
      return { edits: [{ range: snapshot.lines.rangeOf(edit.span), newText: edit.newText }] };
    }
    case SERVER_COMMANDS.connectivityTests: {
      const all = snapshot.documents.flatMap((d) => d.analysis.policies);
      const policy = (offset === undefined ? undefined : policyAtOffset(snapshot, offset)?.policy) ?? (all.length === 1 ? all[0] : undefined);
      if (!policy) return { message: 'Put the cursor inside a NetworkPolicy to generate its connectivity tests.' };
      const fileName = snapshot.uri.split('/').pop();
      return { document: { language: 'shellscript', content: connectivityTestScript(policy, fileName ? { fileName: decodeURIComponent(fileName) } : {}) } };
    }
  }
  return undefined;
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const v = value as { line?: unknown; character?: unknown } | undefined;
  return typeof v?.line === 'number' && typeof v.character === 'number';
}
