// A `from`/`to` entry that sets none of podSelector, namespaceSelector and ipBlock (`- {}`): "must specify a peer".
import { deleteSeqItem, keepingCommentLines } from '../../edit/index';
import { entry } from '../../syntax/tree';
import { defineRule } from '../types';
import { isNullNode, peersPath, rulesOf } from './walk';

const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'];

export default defineRule({
  meta: {
    id: 'peer-without-selector',
    title: 'Peer without podSelector, namespaceSelector or ipBlock',
    category: 'api',
    severity: 'error',
    docs: `Each entry of \`from\` or \`to\` must set at least one of \`podSelector\`, \`namespaceSelector\` and \`ipBlock\`. An
empty entry \`- {}\` (or one whose selectors are all null, as in \`- podSelector:\`) is rejected with
\`Required value: must specify a peer\`. To allow every source, leave \`from\` out (or write \`from: []\`); to allow all pods of
all namespaces, write \`- namespaceSelector: {}\`.

\`\`\`yaml
ingress:
  - from:
      - {}
\`\`\`

Fixed (all pods in all namespaces):

\`\`\`yaml
ingress:
  - from:
      - namespaceSelector: {}
\`\`\`

Quick fix (not safe), when it is the only empty entry beside real peers: remove it. For an empty entry alone there is
none: both readings (every peer, or every pod of every namespace) allow a lot, and the choice is the author's.

Source: \`ValidateNetworkPolicyPeer\` in kubernetes/kubernetes \`pkg/apis/networking/validation/validation.go\`.`,
  },
  *checkPolicy(policy) {
    for (const rule of rulesOf(policy)) {
      const seq = rule.peersEntry?.value;
      if (!seq || seq.kind !== 'seq') continue;
      for (const [i, item] of seq.items.entries()) {
        if (item.kind === 'seq' || (item.kind === 'scalar' && item.value !== null)) continue; // invalid-type
        if (item.kind === 'map') {
          if (PEER_FIELDS.some((f) => !isNullNode(entry(item, f)?.value))) continue;
          // A misspelt selector is an unknown-field error already; one diagnostic per mistake.
          if (item.entries.some((e) => !PEER_FIELDS.includes(e.key))) continue;
        }
        // The written entries (a block mapping's span runs on to the next line), `{}` itself, or the list's key for a bare `-`.
        const first = item.kind === 'map' ? item.entries[0] : undefined;
        const last = item.kind === 'map' ? item.entries[item.entries.length - 1] : undefined;
        const span = first && last ? { start: first.span.start, end: last.span.end } : item.span.end > item.span.start ? item.span : rule.peersEntry!.keySpan;
        yield {
          span,
          message: `${peersPath(rule)}[${i}]: Required value: must specify a peer. Set podSelector, namespaceSelector or ipBlock; to allow everything, remove the empty entry (an empty or missing \`${rule.direction === 'ingress' ? 'from' : 'to'}\` allows every peer).`,
          data: { index: i, count: seq.items.length },
        };
      }
    }
  },
  fix(finding, ctx) {
    const { index, count } = finding.data ?? {};
    if (typeof index !== 'number' || typeof count !== 'number' || count < 2 || !ctx.policy) return [];
    for (const rule of rulesOf(ctx.policy)) {
      const seq = rule.peersEntry?.value;
      const item = seq?.kind === 'seq' ? seq.items[index] : undefined;
      // The finding is on the entry's text (a bare `-` has none and is not removed here).
      if (seq?.kind !== 'seq' || !item || seq.items.length !== count || finding.span.start < item.span.start || finding.span.start > item.span.end) continue;
      // Only beside real peers: with several empty entries, which to keep is unclear.
      if (!seq.items.every((other) => other === item || (other.kind === 'map' && PEER_FIELDS.some((f) => !isNullNode(entry(other, f)?.value))))) return [];
      const edit = keepingCommentLines(ctx.text, deleteSeqItem(ctx.text, seq, item));
      // Not safe: the entry may have been meant as "all pods" (namespaceSelector: {}); removing it keeps only the other peers.
      return edit ? [{ title: 'Remove the empty entry', edits: [edit], safe: false }] : [];
    }
    return [];
  },
});
