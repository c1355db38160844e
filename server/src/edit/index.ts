// The edit toolkit: minimal text edits computed from the span tree and the raw text, never by re-serialising a document.
// Rule fixes and code actions use it; everything here is pure, synchronous and never throws on well-formed spans.
//
// How a rule's fix uses it (spans are relative to the document chunk, `ctx.text`):
//
//   fix(finding, ctx) {
//     const style = detectStyle(ctx.text);                       // 2 or 4 spaces, sequences indented or not, LF or CRLF
//     const ipBlock = peer.ipBlock?.node;                        // a YMap of the policy model (from ctx.policy)
//     if (!ipBlock) return [];
//     const except = entry(ipBlock, 'except');                   // `entry` from syntax/tree
//     const edit = except?.value.kind === 'seq'
//       ? insertSeqItem(ctx.text, except.value, '169.254.169.254/32', style)        // keeps other entries, block or flow
//       : insertMapEntry(ctx.text, ipBlock, 'except', ['169.254.169.254/32'], style, { after: 'cidr' }); // creates it
//     return [{ title: 'Add 169.254.169.254/32 to except', edits: [edit], safe: true, preferred: true }];
//   }
//
// Other fixes map onto the same pieces (the rules' `fix` functions are examples of each): upper-case a protocol or
// canonicalise a CIDR with `replaceScalar` on the node from `findNodeBySpan(ctx.policy.node, finding.span)`; rename the
// `name` namespace label with `renameKey`; add a missing policy type with `insertSeqItem` on `policyTypes`, or write
// `policyTypes` where it is missing, `[]` or null with `setSeqEntry(spec, 'policyTypes', [...], style, { after:
// 'podSelector' })`; add a DNS rule with `insertSeqItem` on the egress list (the value is `DNS_EGRESS_RULE`); add a port
// entry that reads like its neighbour with `inKeyOrderOf(neighbour, value)`; delete rules with `deleteMapEntry` wrapped in
// `keepingCommentLines`. Several edits of one fix must not overlap (they may touch; edits at one offset apply in order).
//
// The pieces:
// - `detectStyle(text)` → `EditStyle` {indent, indentSequences, eol}; `DEFAULT_STYLE` for new files.
// - Scalars and keys: `replaceScalar(text, scalarNode, value)` keeps plain / 'single' / "double" quoting (`tcp` → `TCP`);
//   `renameKey(text, keySpan, newKey)` keeps the key's quotes.
// - Mappings: `insertMapEntry(text, map, key, value, style, {after?, first?})` (block: a new line at the siblings'
//   column; flow: `, key: value`; `{}` becomes `{key: value}`); `deleteMapEntry(text, map, entry)`;
//   `replaceEntryValue(text, map, entry, value, style)` for an empty or scalar value.
// - Sequences: `insertSeqItem(text, seq, value, style)` (block `- item` at the dashes' column and with the last item's gap
//   after the dash, `- {a: 1}` after one-line flow mapping items, flow `, item`, `[]` → `[item]`); `insertSeqItemFirst` puts a scalar first; `insertSeqItems` for several in one edit; `deleteSeqItem(text, seq,
//   item)`; `setSeqEntry(text, map, key, values, style, options)` writes a list where the key is missing, `[]` or null;
//   `mergeSeqItems(text, first, second)` makes two adjacent mapping items one (removes the second dash);
//   `replaceMapItem(text, item, value, style)` writes another mapping in place of a mapping item.
// - Values to write are plain JS (`YamlValue`: strings, numbers, booleans, null, arrays, objects in key order), rendered by
//   `render.ts` in the file's style; strings are quoted only when plain text would not read back the same.
// - `insertCommentAbove(text, offset, comment, style)`; `keepingCommentLines(text, deletion)` leaves the whole-line
//   comments a deletion would remove (undefined when it cannot: then do not offer the fix); `appendDocument(text, mapping,
//   style)` (adds `---` when needed).
// - Finding nodes: `findEntryByKeySpan`, `findNodeBySpan`, `findEntryOfValue`, `parentOf`, `nodesAt`, `contentEnd` (a
//   block collection's span also covers trailing comments; insert after `contentEnd`, never after `span.end`).
// - Moving written text (splitting or merging list items, as ipblock-with-selector and peers-or-instead-of-and do): cut
//   whole lines from a key's line to the next key's line, so comments travel with their node, and re-insert them where
//   the key lands at the same column; the lines then need no re-indenting.
// - `applyEdits`, `editsOverlap`, `editsAreValid`, `shiftEdit`, and `diffEdits(before, after)` (line-level edits).
//
// Rules of thumb for fixes: return the smallest edits; never touch comments or blank lines outside the edited text;
// mark a fix `safe` only when applying it without reading it cannot surprise the author (fix-all and `netpol-lint --fix`
// apply safe fixes unattended); do not offer a fix whose result would have an error diagnostic. The convergence test in
// test/code-actions/ applies every offered fix to every corpus policy and to every rule fixture (also rewritten in CRLF
// and with doubled indentation) and checks this, so new fixes are covered there; it also fails when a rule's fix is
// offered on none of its fixtures. Say in the rule's docs what the fix does and whether it is safe ("Quick fix: ...").
export { applyEdits, editsAreValid, editsOverlap, shiftEdit, type TextEdit } from './text-edit';
export { DEFAULT_STYLE, detectStyle, type EditStyle } from './style';
export { isPlainSafe, keyText, renderBlockEntry, renderBlockItem, renderBlockMapping, renderFlow, scalarText, type YamlValue } from './render';
export { renameKey, replaceScalar } from './scalar';
export { deleteMapEntry, deleteSeqItem, insertMapEntry, mergeSeqItems, replaceMapItem, insertSeqItem, insertSeqItemFirst, insertSeqItems, replaceEntryValue, setSeqEntry, type InsertEntryOptions } from './collections';
export { contentEnd, entryContentEnd, findEntryByKeySpan, findEntryOfValue, findNodeBySpan, nodesAt, parentOf, type EntryRef } from './find';
export { insertCommentAbove, keepingCommentLines } from './comments';
export { appendDocument } from './documents';
export { diffEdits } from './diff';
export { DNS_EGRESS_RULE, DNS_PEER, inKeyOrderOf } from './snippets';
export { columnAt, indentationAt, isFirstOnLine, lineEndAt, lineStartAt, lineTextAt, nextLineStartAt } from './text-lines';
