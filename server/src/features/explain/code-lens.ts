// A CodeLens above each policy with its plain-English explanation: what it selects, then one lens per direction. The lenses
// carry no command (VS Code shows them as text); the full explanation with notes is on hover over kind / metadata.name.
import type { CodeLens } from 'vscode-languageserver-types';
import type { FileSnapshot } from '../../service';
import { shiftSpan } from '../../syntax/span';
import { explainPolicy } from './explain';

/** Long lenses are cut: the hover has the full text. */
const MAX_LENS_LENGTH = 180;

export function codeLenses(snapshot: FileSnapshot): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const doc of snapshot.documents) {
    for (const policy of doc.analysis.policies) {
      const at = policy.node.span.start;
      const line = snapshot.lines.rangeOf(shiftSpan({ start: at, end: at }, doc.start));
      const e = explainPolicy(policy);
      for (const title of [e.subject, e.ingress, e.egress]) lenses.push({ range: line, command: { title: cut(title), command: '' } });
    }
  }
  return lenses;
}

function cut(text: string): string {
  if (text.length <= MAX_LENS_LENGTH) return text;
  const space = text.lastIndexOf(' ', MAX_LENS_LENGTH - 1);
  return `${text.slice(0, space > 0 ? space : MAX_LENS_LENGTH - 1)} …`;
}
