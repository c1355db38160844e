// A CodeLens above each policy with its plain-English explanation: what it selects, then one lens per direction. The lenses
// carry no command (VS Code shows them as text); the full explanation with notes is on hover over kind / metadata.name.
import type { CodeLens } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../../service';
import type { DocumentAnalysis } from '../../lint/document';
import { explainPolicy } from './explain';

/** Long lenses are cut: the hover has the full text. */
const MAX_LENS_LENGTH = 180;

/**
 * A document's lenses, relative to the document and as last placed: explaining every policy of a large file on each
 * request is slow, and after an edit most documents start on the line they started on.
 */
const lensesOfDocument = new WeakMap<
  DocumentAnalysis,
  { relative: readonly { line: number; character: number; titles: readonly string[] }[]; firstLine: number; placed: readonly CodeLens[] }
>();

export function codeLenses(snapshot: FileSnapshot): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const doc of snapshot.documents) {
    const analysis = doc.analysis;
    if (analysis.policies.length === 0) continue;
    const firstLine = snapshot.lines.positionAt(doc.start).line;
    let known = lensesOfDocument.get(analysis);
    if (!known || known.firstLine !== firstLine) {
      const relative =
        known?.relative ??
        analysis.policies.map((policy) => {
          const e = explainPolicy(policy);
          return { ...analysis.lines.positionAt(policy.node.span.start), titles: [e.subject, e.ingress, e.egress].map(cut) };
        });
      const placed = relative.flatMap(({ line, character, titles }) => {
        const at = { line: firstLine + line, character };
        return titles.map((title) => ({ range: { start: at, end: at }, command: { title, command: '' } }));
      });
      known = { relative, firstLine, placed };
      lensesOfDocument.set(analysis, known);
    }
    for (const lens of known.placed) lenses.push(lens);
  }
  return lenses;
}

function cut(text: string): string {
  if (text.length <= MAX_LENS_LENGTH) return text;
  const space = text.lastIndexOf(' ', MAX_LENS_LENGTH - 1);
  return `${text.slice(0, space > 0 ? space : MAX_LENS_LENGTH - 1)} …`;
}
