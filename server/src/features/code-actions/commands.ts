// Commands the server executes for the client (workspace/executeCommand): what the palette commands need. Arguments are
// checked here, since they come from the client as JSON. Results carry edits (the LSP server applies them), a new
// document to open, a message to show, or data for the client's prompts. The client only shows what it is given: the
// choices, their wording and every message come from here.
import type { Range } from 'vscode-languageserver-types';
import { policyNamespace } from '../../model/policy';
import { isDns1123Label } from '../../rules/api/k8s-names';
import type { FileSnapshot } from '../../lint/snapshot';
import { connectivityTestScript } from './connectivity-tests';
import { coveredDirections, defaultDenyEdit, DENY_VARIANTS, type DenyVariant, fileNamespaces, isDenyVariant, offeredVariants, policyAtOffset } from './default-deny';

/** Palette command of the VS Code client that asks for a namespace and then runs `netpol.server.insertDefaultDeny`. */
export const INSERT_DEFAULT_DENY_CLIENT_COMMAND = 'netpol.insertDefaultDeny';

const SERVER_COMMANDS = {
  /** [uri, position?] → data: DefaultDenyOptions; with a message instead when the cursor's namespace has every variant. */
  defaultDenyOptions: 'netpol.server.defaultDenyOptions',
  /** [uri, {variant, namespace?}] → edits (applied by the server), or a message when the namespace already has one. */
  insertDefaultDeny: 'netpol.server.insertDefaultDeny',
  /** [uri, position] → a shell document of kubectl/netshoot test commands for the policy at the position. */
  connectivityTests: 'netpol.server.connectivityTests',
} as const;

export const COMMANDS: readonly string[] = Object.values(SERVER_COMMANDS);

/** What the client's "Insert default-deny policy" prompts offer. */
export interface DefaultDenyOptions {
  /** The namespace of the policy at the cursor: no namespace prompt. */
  readonly atCursor?: string;
  /** The namespaces of the file's policies, for the namespace prompt. */
  readonly namespaces: readonly string[];
  /** The variants to offer (for `atCursor`, those it does not have yet), in order. */
  readonly choices: readonly { readonly variant: string; readonly label: string; readonly detail: string }[];
}

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
      const offered = atCursor ? offeredVariants(snapshot, atCursor) : (Object.keys(DENY_VARIANTS) as DenyVariant[]);
      if (offered.length === 0) return { message: `Namespace "${atCursor}" already has default-deny ingress and egress policies in this file.` };
      const choices = offered.map((variant) => ({ variant, label: capitalised(DENY_VARIANTS[variant].label), detail: DENY_VARIANTS[variant].detail }));
      const data: DefaultDenyOptions = { ...(atCursor ? { atCursor } : {}), namespaces, choices };
      return { data };
    }
    case SERVER_COMMANDS.insertDefaultDeny: {
      const options = (args[1] ?? {}) as { variant?: unknown; namespace?: unknown };
      if (!isDenyVariant(options.variant)) return { message: `netpol: unknown default-deny variant ${JSON.stringify(options.variant)}.` };
      const namespace = typeof options.namespace === 'string' && options.namespace.trim() !== '' ? options.namespace.trim() : undefined;
      const invalid = namespace === undefined ? [] : isDns1123Label(namespace);
      if (invalid.length > 0) return { message: `"${namespace}" is not a namespace name: ${invalid.join('; ')}.` };
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

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function isPosition(value: unknown): value is { line: number; character: number } {
  const v = value as { line?: unknown; character?: unknown } | undefined;
  return typeof v?.line === 'number' && typeof v.character === 'number';
}
