// A single peer that sets ipBlock together with podSelector or namespaceSelector.
import { columnAt, contentEnd, deleteMapEntry, detectStyle, entryContentEnd, isFirstOnLine, lineStartAt, nextLineStartAt, type TextEdit } from '../../edit/index';
import type { Peer } from '../../model/policy';
import type { YSeq } from '../../syntax/tree';
import { defineRule } from '../types';
import { peersOf } from './walk';

export default defineRule({
  meta: {
    id: 'ipblock-with-selector',
    title: 'ipBlock combined with a selector in one peer',
    category: 'api',
    severity: 'error',
    docs: `A peer selects either by IP (\`ipBlock\`) or by labels (\`podSelector\` and/or \`namespaceSelector\`), never both: the
API server rejects the combination with \`Forbidden: may not specify both ipBlock and another peer\`. (A \`podSelector\` with a
\`namespaceSelector\` in one peer is fine: both must match.) To allow both, make them two entries of the list.

\`\`\`yaml
from:
  - ipBlock:
      cidr: 10.0.0.0/8
    podSelector:
      matchLabels: {app: web}
\`\`\`

Fixed (either of them):

\`\`\`yaml
from:
  - ipBlock:
      cidr: 10.0.0.0/8
  - podSelector:
      matchLabels: {app: web}
\`\`\`

Quick fix (not safe: which reading was meant is a choice): split the ipBlock into its own item after the peer, so that the
list allows both.

Source: \`ValidateNetworkPolicyPeer\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const { item: peer, path } of peersOf(policy)) {
      if (!peer.ipBlock) continue;
      const others = [peer.podSelector, peer.namespaceSelector].filter((s) => s && s.entry.value.kind !== 'scalar');
      if (others.length === 0) continue;
      const names = others.map((s) => s!.entry.key).join(' and ');
      yield {
        span: peer.ipBlock.entry.keySpan,
        message: `${path}: Forbidden: may not specify both ipBlock and another peer (${names}). Split them into separate \`${path.includes('.from[') ? 'from' : 'to'}\` entries: one with the ipBlock, one with the selector.`,
        data: { selectors: others.map((s) => s!.entry.key) },
      };
    }
  },
  fix(finding, ctx) {
    const found = ctx.policy && [...peersOf(ctx.policy)].find((p) => p.item.ipBlock?.entry.keySpan.start === finding.span.start);
    const seq = found?.rule.peersEntry?.value;
    if (!found || seq?.kind !== 'seq') return [];
    const edits = found.item.node.flow ? splitFlowPeer(ctx.text, seq, found.item) : splitBlockPeer(ctx.text, seq, found.item);
    const key = found.rule.direction === 'ingress' ? 'from' : 'to';
    // Not safe: the peer was invalid, and either reading (the ipBlock, the selector, or both as here) is a choice.
    return edits ? [{ title: `Split the ipBlock into its own \`${key}\` item`, edits, safe: false }] : [];
  },
});

/**
 * Moves the ipBlock entry of a block peer, as written (comments included), to a new item right after the peer. The new
 * item's key takes the old key's column, so the moved lines keep their indentation.
 */
function splitBlockPeer(text: string, seq: YSeq, peer: Peer): TextEdit[] | undefined {
  const map = peer.node;
  const entry = peer.ipBlock!.entry;
  const first = map.entries[0]!.keySpan.start;
  const dash = text.lastIndexOf('-', first);
  if (seq.flow || dash < lineStartAt(text, first) || !/^-[ ]+$/.test(text.slice(dash, first))) return undefined;
  const next = map.entries[map.entries.indexOf(entry) + 1];
  const keyStart = entry.keySpan.start;
  const segmentEnd = next ? lineStartAt(text, next.keySpan.start) : nextLineStartAt(text, entryContentEnd(text, entry));
  const moved = text.slice(keyStart, segmentEnd);
  const item = `${' '.repeat(columnAt(text, dash))}-${' '.repeat(columnAt(text, first) - columnAt(text, dash) - 1)}${moved}`;
  if (!next) return [{ span: { start: lineStartAt(text, keyStart), end: segmentEnd }, newText: item }];
  // The first key shares the dash's line: the next key moves up to the dash.
  const removal = isFirstOnLine(text, keyStart) ? { start: lineStartAt(text, keyStart), end: segmentEnd } : { start: keyStart, end: next.keySpan.start };
  const at = nextLineStartAt(text, contentEnd(text, map));
  const eol = detectStyle(text).eol;
  const newText = at === text.length && !text.endsWith('\n') ? eol + item.replace(/\r?\n$/, '') : item;
  return [{ span: removal, newText: '' }, { span: { start: at, end: at }, newText }];
}

/** `{ipBlock: ..., podSelector: ...}` → the ipBlock as a flow item of its own after the peer. */
function splitFlowPeer(text: string, seq: YSeq, peer: Peer): TextEdit[] | undefined {
  const map = peer.node;
  const entry = peer.ipBlock!.entry;
  const moved = text.slice(entry.keySpan.start, entryContentEnd(text, entry));
  const end = contentEnd(text, map);
  const removal = deleteMapEntry(text, map, entry);
  if (seq.flow) return [removal, { span: { start: end, end }, newText: `, {${moved}}` }];
  const first = map.span.start;
  const dash = text.lastIndexOf('-', first);
  if (moved.includes('\n') || dash < lineStartAt(text, first) || !/^-[ ]+$/.test(text.slice(dash, first))) return undefined;
  const at = nextLineStartAt(text, end);
  const eol = detectStyle(text).eol;
  const line = `${' '.repeat(columnAt(text, dash))}${text.slice(dash, first)}{${moved}}`;
  return [removal, { span: { start: at, end: at }, newText: at === text.length && !text.endsWith('\n') ? eol + line : line + eol }];
}
