// A CodeLens above each policy with its plain-English explanation: what it selects, then one lens per direction. The lenses
// carry no command (VS Code shows them as text); the full explanation with notes is on hover over kind / metadata.name.
import type { CodeLens } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../../lint/snapshot';
import { PerDocument, withPolicies } from '../per-document';
import { explainPolicy } from '../describe/explain';

/** Long lenses are cut: the hover has the full text. */
const MAX_LENS_LENGTH = 180;

/** Each policy's explanation, by document: explaining every policy of a large file on each request is slow. */
const lenses = new PerDocument(
  withPolicies,
  (analysis) =>
    analysis.policies.map((policy) => {
      const e = explainPolicy(policy);
      return { ...analysis.lines.positionAt(policy.node.span.start), titles: [e.subject, e.ingress, e.egress].map(cut) };
    }),
  (relative, placement): CodeLens[] =>
    relative.flatMap(({ line, character, titles }) => {
      const at = { line: placement.firstLine + line, character };
      return titles.map((title) => ({ range: { start: at, end: at }, command: { title, command: '' } }));
    }),
);

export function codeLenses(snapshot: FileSnapshot): CodeLens[] {
  return lenses.collect(snapshot);
}

function cut(text: string): string {
  if (text.length <= MAX_LENS_LENGTH) return text;
  const space = text.lastIndexOf(' ', MAX_LENS_LENGTH - 1);
  return `${text.slice(0, space > 0 ? space : MAX_LENS_LENGTH - 1)} …`;
}
