// Code actions: quick fixes attached to netpol diagnostics (each rule's fixes plus a disable-next-line comment), fix-all
// (`source.fixAll.netpol`) and insert default-deny (a `source` action). Quick fixes are matched to the client's
// diagnostics by rule id and range; edits are minimal and come from the edit toolkit.
import { CodeActionKind, type CodeAction, type CodeActionContext, type Diagnostic, type Range, type WorkspaceEdit } from 'vscode-languageserver-types';
import { diffEdits, type TextEdit } from '../../edit/index';
import { describeError } from '../../lint/checks';
import type { FileFindingResult } from '../../lint/file';
import type { FileSnapshot } from '../../lint/snapshot';
import { INSERT_DEFAULT_DENY_CLIENT_COMMAND } from './commands';
import { defaultDenyEdit, DENY_VARIANTS, namespacesToOffer, offeredVariants, type DenyVariant } from './default-deny';
import { fileStyle } from './file-style';
import { fixAllText } from './fix-all';
import { disableNextLineFix, ruleFixes } from './fixes';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.netpol`;
const DEFAULT_DENY_KIND = `${CodeActionKind.Source}.netpol.insertDefaultDeny`;

/** Above this many namespaces in a file, default-deny is offered through the palette command (which asks) instead. */
const MAX_NAMESPACE_ACTIONS = 5;

export function codeActions(snapshot: FileSnapshot, range: Range, context: CodeActionContext): CodeAction[] {
  const wants = (kind: string): boolean => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
  const actions: CodeAction[] = [];
  // Each kind of action is computed on its own: one that throws is reported and left out, and the others still arrive.
  const add = (what: string, make: () => readonly CodeAction[]): void => {
    try {
      actions.push(...make());
    } catch (error) {
      snapshot.rules.onFailure?.({ what, uri: snapshot.uri, line: range.start.line, error: describeError(error) });
    }
  };
  if (wants(CodeActionKind.QuickFix)) add('quick fixes', () => quickFixes(snapshot, range, context));
  // Fix-all re-analyses the file in passes, so it is computed only when asked for by kind (on save, or the Source menu).
  if (context.only && wants(FIX_ALL_KIND)) add('fix-all', () => [fixAllAction(snapshot)].filter((a) => a !== undefined));
  if (wants(DEFAULT_DENY_KIND)) add('insert default-deny', () => defaultDenyActions(snapshot, range));
  return actions;
}

function quickFixes(snapshot: FileSnapshot, range: Range, context: CodeActionContext): CodeAction[] {
  const style = fileStyle(snapshot);
  const actions: CodeAction[] = [];
  for (const { finding, diagnostic } of matchDiagnostics(snapshot, range, context)) {
    for (const fix of ruleFixes(snapshot, finding)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [diagnostic],
        ...(fix.preferred ? { isPreferred: true } : {}),
        edit: workspaceEdit(snapshot, fix.edits),
      });
    }
    for (const action of defaultDenyFixes(snapshot, finding)) actions.push({ ...action, diagnostics: [diagnostic] });
    const disable = disableNextLineFix(snapshot, finding, style);
    if (disable) actions.push({ title: disable.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(snapshot, disable.edits) });
  }
  return actions;
}

/**
 * The findings behind the client's diagnostics, by rule id and exact range. A client that sends no netpol diagnostics
 * (some editors leave the context empty) gets the findings that intersect the requested range.
 */
function matchDiagnostics(snapshot: FileSnapshot, range: Range, context: CodeActionContext): { finding: FileFindingResult; diagnostic: Diagnostic }[] {
  const ranged = snapshot.findings.map((finding) => ({ finding, range: snapshot.lines.rangeOf(finding.span) }));
  const ours = context.diagnostics.filter((d) => d.source === 'netpol' || ranged.some((r) => r.finding.ruleId === String(d.code)));
  if (ours.length > 0) {
    const matched: { finding: FileFindingResult; diagnostic: Diagnostic }[] = [];
    for (const diagnostic of ours) {
      const hit = ranged.find((r) => r.finding.ruleId === String(diagnostic.code) && sameRange(r.range, diagnostic.range));
      if (hit) matched.push({ finding: hit.finding, diagnostic });
    }
    return matched;
  }
  return ranged
    .filter((r) => intersects(r.range, range))
    .map((r) => ({ finding: r.finding, diagnostic: { range: r.range, code: r.finding.ruleId, source: 'netpol', message: r.finding.message } }));
}

function fixAllAction(snapshot: FileSnapshot): CodeAction | undefined {
  const result = fixAllText(snapshot.text, snapshot.rules, { uri: snapshot.uri, analysed: snapshot });
  if (result.applied.length === 0) return undefined;
  return { title: 'Fix all safe netpol problems', kind: FIX_ALL_KIND, edit: workspaceEdit(snapshot, diffEdits(snapshot.text, result.text)) };
}

function defaultDenyActions(snapshot: FileSnapshot, range: Range): CodeAction[] {
  const namespaces = namespacesToOffer(snapshot, snapshot.lines.offsetAt(range.start));
  if (namespaces.length === 0 || namespaces.length > MAX_NAMESPACE_ACTIONS) {
    // No namespace known (or too many to list): the palette command asks for one.
    return offeredVariants(snapshot, undefined).map((variant) => ({
      title: `Insert ${DENY_VARIANTS[variant].label} policy…`,
      kind: DEFAULT_DENY_KIND,
      command: { title: `Insert ${DENY_VARIANTS[variant].label} policy`, command: INSERT_DEFAULT_DENY_CLIENT_COMMAND, arguments: [{ variant }] },
    }));
  }
  return namespaces.flatMap((namespace) =>
    offeredVariants(snapshot, namespace).map((variant) => ({
      title: `Insert ${DENY_VARIANTS[variant].label} policy for namespace "${namespace}"`,
      kind: DEFAULT_DENY_KIND,
      edit: workspaceEdit(snapshot, [defaultDenyEdit(snapshot, namespace, variant)]),
    })),
  );
}

/** The strict profile's missing default-deny is fixed by the same insertion as the source action (a rule fix sees only its document). */
function defaultDenyFixes(snapshot: FileSnapshot, finding: FileFindingResult): CodeAction[] {
  if (finding.ruleId !== 'namespace-without-default-deny') return [];
  const { namespace, missing } = (finding.data ?? {}) as { namespace?: string; missing?: string[] };
  if (typeof namespace !== 'string' || !Array.isArray(missing)) return [];
  const wanted: DenyVariant[] = missing.length === 2 ? ['all-dns', 'all'] : missing[0] === 'egress' ? ['egress-dns', 'egress'] : ['ingress'];
  const target = namespace === '' ? undefined : namespace;
  const offered = new Set(offeredVariants(snapshot, target));
  return wanted
    .filter((variant) => offered.has(variant))
    .map((variant, i) => ({
      title: `Insert ${DENY_VARIANTS[variant].label} policy${target ? ` for namespace "${target}"` : ''}`,
      kind: CodeActionKind.QuickFix,
      ...(i === 0 ? { isPreferred: true } : {}),
      edit: workspaceEdit(snapshot, [defaultDenyEdit(snapshot, target, variant)]),
    }));
}

function workspaceEdit(snapshot: FileSnapshot, edits: readonly TextEdit[]): WorkspaceEdit {
  return { changes: { [snapshot.uri]: edits.map((e) => ({ range: snapshot.lines.rangeOf(e.span), newText: e.newText })) } };
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

function before(a: Range['start'], b: Range['start']): boolean {
  return a.line < b.line || (a.line === b.line && a.character < b.character);
}

function intersects(a: Range, b: Range): boolean {
  return !before(a.end, b.start) && !before(b.end, a.start);
}
