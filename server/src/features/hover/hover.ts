// Hover: field documentation from the schema, and what the value under the cursor means (a CIDR's range, a port's service,
// a selector as a sentence, a rule or peer in words); on `kind` and `metadata.name`, the explanation of the whole policy.
import type { Hover } from 'vscode-languageserver-types';
import { policyName, policyNamespace, type NetworkPolicy } from '../../model/policy';
import type { FileSnapshot } from '../../lint/snapshot';
import { shiftSpan } from '../../syntax/span';
import { targetAt, type CursorTarget } from '../cursor';
import { documentAt, documentKind, policyPath } from '../document-at';
import { explainPolicy } from '../describe/explain';
import { docsLink, fieldDoc } from '../describe/field-doc';
import { valueFacts } from './hover-facts';
import type { CidrHoverOptions } from '../describe/cidr-text';
import { textContextAt } from '../../syntax/text-context';

export function hover(snapshot: FileSnapshot, offset: number): Hover | null {
  const target = targetAt(snapshot, offset);
  if (!target) return keyHoverFromText(snapshot, offset);
  // The cloud setting decides which metadata endpoints a CIDR hover looks for; the cluster's ranges, which range it is in.
  const value = hoverMarkdown(target, { cloud: snapshot.settings.cloud, cluster: snapshot.settings.cluster });
  if (value === undefined) return null;
  const span = target.onKey && target.entry ? target.entry.keySpan : target.node.span;
  return { contents: { kind: 'markdown', value }, range: snapshot.lines.rangeOf(shiftSpan(span, target.documentStart)) };
}

/** The hover text for a cursor target; undefined when there is nothing to say (e.g. whitespace inside a mapping). */
function hoverMarkdown(target: CursorTarget, options: CidrHoverOptions): string | undefined {
  const { path, policy } = target;
  if (path.length === 0) return undefined;
  if ((path.length === 1 && path[0] === 'kind') || (path.length === 2 && path[0] === 'metadata' && path[1] === 'name')) {
    return [explanationMarkdown(policy), docsLink()].join('\n\n');
  }
  const onScalar = target.onKey || target.node.kind === 'scalar';
  const facts = valueFacts(target, options);
  if (!onScalar && facts.length === 0) return undefined;
  const doc = onScalar ? fieldDoc(path) : undefined;
  const parts = [...facts, ...(doc ? [doc] : [])];
  if (parts.length === 0) return undefined;
  return [...parts, docsLink()].join('\n\n');
}

/**
 * A document that does not parse has no model, but a NetworkPolicy being typed still deserves field docs: the key under the
 * cursor and the path to it are read from the text.
 */
function keyHoverFromText(snapshot: FileSnapshot, offset: number): Hover | null {
  const doc = documentAt(snapshot, offset);
  if (!doc || doc.analysis.policies.length > 0 || !doc.analysis.mentionsNetworkPolicy) return null;
  const text = doc.analysis.text;
  const relative = offset - doc.start;
  const lineStart = text.lastIndexOf('\n', relative - 1) + 1;
  const key = /^(\s*(?:-\s+)*)([^\s:#"'][^:#]*?):(?:\s|$)/.exec(text.slice(lineStart));
  if (!key) return null;
  const keyStart = lineStart + key[1]!.length;
  const keyEnd = keyStart + key[2]!.length;
  if (relative < keyStart || relative > keyEnd) return null;
  const ctx = textContextAt(text, keyStart);
  const path = ctx?.kind === 'key' ? policyPath(ctx.path, documentKind(text, keyStart)) : undefined;
  const docs = path ? fieldDoc([...path, key[2]!]) : undefined;
  if (!docs) return null;
  return {
    contents: { kind: 'markdown', value: [docs, docsLink()].join('\n\n') },
    range: snapshot.lines.rangeOf(shiftSpan({ start: keyStart, end: keyEnd }, doc.start)),
  };
}

function explanationMarkdown(policy: NetworkPolicy): string {
  const e = explainPolicy(policy);
  const ns = policyNamespace(policy);
  const title = `**NetworkPolicy ${ns ? `${ns}/` : ''}${policyName(policy) ?? '(unnamed)'}**`;
  const notes = e.notes.map((n) => `_${n}_`);
  return [title, e.subject, `- ${e.ingress}\n- ${e.egress}`, ...notes].join('\n\n');
}
