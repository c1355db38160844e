// Completion at representative positions; `$0` marks the cursor. Several documents are incomplete or invalid YAML on
// purpose: completion must work while the user types.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CompletionItem } from 'vscode-languageserver-types';
import { complete, type CompletionOptions } from '../../server/src/features/completion/completion';
import { snapshotOf } from './policy-fixture';

function completeAt(textWithCursor: string, options?: CompletionOptions): CompletionItem[] {
  const offset = textWithCursor.indexOf('$0');
  assert.ok(offset >= 0, 'no $0 cursor');
  const text = textWithCursor.replace('$0', '');
  const items = complete(snapshotOf(text), offset, options).items;
  for (const i of items) assert.ok(i.documentation, `${i.label} has no documentation`);
  return items;
}

const labels = (items: CompletionItem[]) => items.map((i) => i.label);
const keys = (items: CompletionItem[]) => items.filter((i) => i.kind !== 15).map((i) => i.label);
const newText = (items: CompletionItem[], label: string) => {
  const item = items.find((i) => i.label === label);
  assert.ok(item?.textEdit && 'range' in item.textEdit, `no ${label}`);
  return item.textEdit.newText;
};

const documentation = (items: CompletionItem[], label: string) => (items.find((i) => i.label === label)?.documentation as { value: string } | undefined)?.value;

const HEAD = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web\n  namespace: prod\n';

describe('completion: keys', () => {
  it('offers top-level keys and every snippet in an empty document', () => {
    const items = completeAt('$0');
    assert.deepEqual(keys(items), ['apiVersion', 'kind', 'metadata', 'spec']);
    assert.equal(items.filter((i) => i.kind === 15).length, 9);
    const deny = items.find((i) => i.label === 'netpol-deny-ingress')!;
    assert.equal(deny.insertTextFormat, 2);
    assert.ok(String((deny.documentation as { value: string }).value).includes('policyTypes:\n    - Ingress'));
  });

  it('offers snippets after --- in a file with other documents', () => {
    const items = completeAt(`${HEAD}spec:\n  podSelector: {}\n---\n$0`);
    assert.ok(labels(items).includes('netpol-allow-dns'));
    assert.deepEqual(keys(items), ['apiVersion', 'kind', 'metadata', 'spec']);
  });

  it('offers no snippet where the document has content, and no key twice', () => {
    const items = completeAt('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n$0');
    assert.deepEqual(labels(items), ['metadata', 'spec']);
  });

  it('offers the spec fields in an empty spec', () => {
    const items = completeAt(`${HEAD}spec:\n  $0`);
    assert.deepEqual(labels(items), ['egress', 'ingress', 'podSelector', 'policyTypes']);
    assert.equal(newText(items, 'ingress'), 'ingress:\n    - ');
    assert.equal(newText(items, 'podSelector'), 'podSelector:\n    ');
    assert.ok(String((items[0]!.documentation as { value: string }).value).includes('https://kubernetes.io/docs/concepts/services-networking/network-policies/'));
  });

  it('leaves out keys already present above and below the cursor', () => {
    const items = completeAt(`${HEAD}spec:\n  podSelector: {}\n  $0\n  egress:\n    - to: []\n`);
    assert.deepEqual(labels(items), ['ingress', 'policyTypes']);
  });

  it('completes a partial key on a new line, replacing what was typed', () => {
    const text = `${HEAD}spec:\n  po$0`;
    const items = completeAt(text);
    assert.deepEqual(labels(items), ['egress', 'ingress', 'podSelector', 'policyTypes']);
    const edit = items[0]!.textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [2, 4]);
  });

  it('offers the metadata fields a user writes', () => {
    assert.deepEqual(labels(completeAt('apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: x\n  $0')), ['namespace', 'labels', 'annotations']);
  });

  it('offers the fields of a rule', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - $0`)), ['from', 'ports']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  egress:\n    - to: []\n      $0`)), ['ports']);
  });

  it('offers the fields of a peer, without those present', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - from:\n        - $0`)), ['ipBlock', 'namespaceSelector', 'podSelector']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - from:\n        - podSelector: {}\n          $0`)), ['ipBlock', 'namespaceSelector']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - from:\n        - namespaceSelector: {}\n          p$0\n      ports: []`)), ['ipBlock', 'podSelector']);
  });

  it('offers the items of a list with their dash when the dash is not typed yet', () => {
    const items = completeAt(`${HEAD}spec:\n  ingress:\n    - from:\n        $0`);
    assert.deepEqual(labels(items), ['- ipBlock', '- namespaceSelector', '- podSelector']);
    assert.equal(newText(items, '- podSelector'), '- podSelector:\n            ');
  });

  it('offers the fields of a port, and of an ipBlock', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - ports:\n        - $0`)), ['endPort', 'port', 'protocol']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - ports:\n        - port: 80\n          $0`)), ['endPort', 'protocol']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  egress:\n    - to:\n        - ipBlock:\n            $0`)), ['cidr', 'except']);
  });

  it('offers the fields of a selector and of a requirement', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector:\n    $0`)), ['matchExpressions', 'matchLabels']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector:\n    matchExpressions:\n      - key: app\n        $0`)), ['operator', 'values']);
  });

  it('works with CRLF line ends and blank lines', () => {
    const text = `${HEAD}spec:\n  ingress:\n    - from:\n\n        - podSelector: {}\n\n          $0\n`.replace(/\n/g, '\r\n');
    assert.deepEqual(labels(completeAt(text)), ['ipBlock', 'namespaceSelector']);
  });

  it('works in a List item', () => {
    const text = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: networking.k8s.io/v1\n    kind: NetworkPolicy\n    spec:\n      $0';
    assert.deepEqual(labels(completeAt(text)), ['egress', 'ingress', 'podSelector', 'policyTypes']);
  });

  it('offers nothing in other kinds or in comments', () => {
    assert.deepEqual(labels(completeAt('apiVersion: v1\nkind: ConfigMap\ndata:\n  $0')), []);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  # po$0`)), []);
  });
});

describe('completion: values', () => {
  it('offers the protocols after `protocol:`, even with nothing after it (invalid YAML below)', () => {
    const text = `${HEAD}spec:\n  ingress:\n    - ports:\n        - protocol: $0\n    - : : [\n`;
    assert.ok(snapshotOf(text.replace('$0', '')).documents[0]!.analysis.parsed.syntaxErrors.length > 0, 'the document must be invalid');
    const items = completeAt(text);
    assert.deepEqual(labels(items), ['TCP', 'UDP', 'SCTP']);
    assert.ok(items.every((i) => i.documentation));
  });

  it('adds the space when the cursor is right after the colon', () => {
    assert.equal(newText(completeAt(`${HEAD}spec:\n  ingress:\n    - ports:\n        - port: 53\n          protocol:$0`), 'UDP'), ' UDP');
  });

  it('completes a partial value', () => {
    const items = completeAt(`${HEAD}spec:\n  ingress:\n    - ports:\n        - protocol: U$0`);
    assert.deepEqual(labels(items), ['TCP', 'UDP', 'SCTP']);
    assert.equal(newText(items, 'UDP'), 'UDP');
  });

  it('offers the policy types not yet listed, in block and flow lists', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  policyTypes:\n    - Ingress\n    - $0`)), ['Egress']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  policyTypes: [Egress, $0`)), ['Ingress']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  policyTypes: $0`)), ['[Ingress]', '[Egress]', '[Ingress, Egress]']);
  });

  it('offers the selector operators', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector:\n    matchExpressions:\n      - key: app\n        operator: $0`)), ['In', 'NotIn', 'Exists', 'DoesNotExist']);
  });

  it('offers apiVersion and kind values', () => {
    assert.deepEqual(labels(completeAt('apiVersion: $0')), ['networking.k8s.io/v1']);
    assert.deepEqual(labels(completeAt('apiVersion: networking.k8s.io/v1\nkind: Net$0')), ['NetworkPolicy']);
  });
});

describe('completion: labels and namespaces', () => {
  const OTHER = `${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: api\n      tier: backend\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n        - namespaceSelector:\n            matchLabels:\n              team: payments\n---\n`;

  it('offers well-known and used label keys in a namespaceSelector', () => {
    const items = completeAt(`${OTHER}${HEAD}spec:\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              $0`);
    assert.deepEqual(labels(items), ['kubernetes.io/metadata.name', 'app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of', 'k8s-app', 'app', 'team']);
    assert.ok(items.every((i) => i.documentation));
  });

  it('offers pod label keys in a podSelector, without those present', () => {
    const items = completeAt(`${OTHER}${HEAD}spec:\n  podSelector:\n    matchLabels:\n      app: web\n      $0`);
    assert.deepEqual(labels(items), ['app.kubernetes.io/name', 'app.kubernetes.io/instance', 'app.kubernetes.io/component', 'app.kubernetes.io/part-of', 'k8s-app', 'tier']);
  });

  it('offers namespaces used in the file for kubernetes.io/metadata.name and metadata.namespace', () => {
    const items = completeAt(`${OTHER}${HEAD}spec:\n  ingress:\n    - from:\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: $0`);
    assert.deepEqual(labels(items), ['monitoring', 'prod']);
    assert.ok(items.every((i) => i.documentation));
    assert.deepEqual(labels(completeAt(`${OTHER}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  namespace: $0`)), ['monitoring', 'prod']);
  });

  it('offers label values used in the file', () => {
    const items = completeAt(`${OTHER}${HEAD}spec:\n  podSelector:\n    matchLabels:\n      tier: $0`);
    assert.deepEqual(labels(items), ['backend']);
    assert.ok(items.every((i) => i.documentation));
  });

  it('offers label keys for a matchExpressions key', () => {
    assert.ok(labels(completeAt(`${OTHER}${HEAD}spec:\n  podSelector:\n    matchExpressions:\n      - key: $0`)).includes('app.kubernetes.io/name'));
  });
});

describe('completion: flow mappings', () => {
  it('offers a selector\'s keys in `{`, inserted in flow style with the block items\' documentation', () => {
    const items = completeAt(`${HEAD}spec:\n  podSelector: {matchL$0`);
    assert.deepEqual(labels(items), ['matchExpressions', 'matchLabels']);
    assert.equal(newText(items, 'matchLabels'), 'matchLabels: ');
    assert.equal(newText(items, 'matchExpressions'), 'matchExpressions: ');
    const block = completeAt(`${HEAD}spec:\n  podSelector:\n    $0`);
    assert.equal(documentation(items, 'matchLabels'), documentation(block, 'matchLabels'));
    const edit = items[0]!.textEdit as { range: { start: { character: number }; end: { character: number } } };
    assert.deepEqual([edit.range.start.character, edit.range.end.character], [16, 22]);
  });

  it('offers the keys not yet present, before and after the cursor', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  egress:\n    - to:\n        - ipBlock: {cidr: 10.0.0.0/8, $0`)), ['except']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector: {$0, matchLabels: {app: web}}`)), ['matchExpressions']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - ports:\n        - {port: 53, $0}`)), ['endPort', 'protocol']);
  });

  it('finds the path through nested flow collections', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - from: [{podSelector: {}}, {$0`)), ['ipBlock', 'namespaceSelector', 'podSelector']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  egress:\n    - to:\n        - {ipBlock: {cidr: "10.0.0.0/8", e$0}}`)), ['except']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - {from: [{podSelector: {matchLabels: {}}, $0`)), ['ipBlock', 'namespaceSelector']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - {from: [{podSelector: {matchLabels: {}, $0`)), ['matchExpressions']);
    assert.deepEqual(labels(completeAt(`${HEAD}spec: {ingress: [{from: [], $0`)), ['ports']);
  });

  it('offers values in flow mappings, with a space after a bare colon', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress:\n    - ports: [{port: 53, protocol: $0`)), ['TCP', 'UDP', 'SCTP']);
    assert.equal(newText(completeAt(`${HEAD}spec:\n  ingress:\n    - ports: [{port: 53, protocol:$0`), 'UDP'), ' UDP');
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector:\n    matchExpressions: [{key: app, operator: $0}]`)), ['In', 'NotIn', 'Exists', 'DoesNotExist']);
  });

  it('offers label keys in a flow matchLabels, without those present', () => {
    const items = completeAt(`${HEAD}spec:\n  podSelector: {matchLabels: {app: web, $0`);
    assert.ok(labels(items).includes('app.kubernetes.io/name'));
    assert.ok(!labels(items).includes('app'));
    assert.equal(newText(items, 'k8s-app'), 'k8s-app: ');
  });

  it('offers nothing where a flow mapping stands for a list, after it closes, or inside a string', () => {
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  ingress: {$0`)), []);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector: {}$0`)), []);
    assert.deepEqual(labels(completeAt(`${HEAD}spec:\n  podSelector: {"matchL$0`)), []);
  });
});

describe('completion: matchExpressions values', () => {
  const USED = `${HEAD}spec:\n  podSelector:\n    matchLabels:\n      tier: backend\n  ingress:\n    - from:\n        - podSelector:\n            matchExpressions:\n              - {key: tier, operator: In, values: [frontend, cache]}\n        - namespaceSelector:\n            matchLabels:\n              team: payments\n        - namespaceSelector:\n            matchLabels:\n              kubernetes.io/metadata.name: monitoring\n---\n`;
  /** A requirement (its lines as written after its `- `) in a peer's selector. */
  const requirement = (selector: string, lines: string) =>
    `${USED}${HEAD}spec:\n  ingress:\n    - from:\n        - ${selector}:\n            matchExpressions:\n              - ${lines.split('\n').join('\n                ')}`;

  it('offers the values used in the file for the requirement\'s key, in a block list', () => {
    const items = completeAt(requirement('podSelector', 'key: tier\noperator: In\nvalues:\n  - $0'));
    assert.deepEqual(labels(items), ['backend', 'cache', 'frontend']);
    assert.equal(newText(items, 'cache'), 'cache');
    assert.deepEqual(labels(completeAt(requirement('podSelector', 'key: "tier"\noperator: NotIn\nvalues:\n  - cache\n  - $0'))), ['backend', 'frontend']);
  });

  it('offers them in a flow list, leaving out those listed', () => {
    assert.deepEqual(labels(completeAt(requirement('podSelector', 'key: tier\noperator: In\nvalues: [backend, $0'))), ['cache', 'frontend']);
    assert.deepEqual(labels(completeAt(`${USED}${HEAD}spec:\n  podSelector:\n    matchExpressions: [{key: tier, operator: In, values: [$0`)), ['backend', 'cache', 'frontend']);
  });

  it('finds the key below the values too', () => {
    assert.deepEqual(labels(completeAt(requirement('podSelector', 'operator: In\nvalues: [$0]\nkey: tier'))), ['backend', 'cache', 'frontend']);
  });

  it('offers namespace names for kubernetes.io/metadata.name, and namespace label values in a namespaceSelector', () => {
    assert.deepEqual(labels(completeAt(requirement('namespaceSelector', 'key: kubernetes.io/metadata.name\noperator: In\nvalues:\n  - $0'))), ['monitoring', 'prod']);
    assert.deepEqual(labels(completeAt(requirement('namespaceSelector', 'key: kubernetes.io/metadata.name\noperator: NotIn\nvalues: [prod, $0'))), ['monitoring']);
    assert.deepEqual(labels(completeAt(requirement('namespaceSelector', 'key: team\noperator: In\nvalues: [$0'))), ['payments']);
  });

  it('offers nothing without a key or for a key the file does not use', () => {
    assert.deepEqual(labels(completeAt(requirement('podSelector', 'operator: In\nvalues:\n  - $0'))), []);
    assert.deepEqual(labels(completeAt(requirement('podSelector', 'key: unknown\noperator: In\nvalues: [$0'))), []);
  });
});

describe('completion: insert and replace ranges', () => {
  const INSERT_REPLACE: CompletionOptions = { snippets: true, insertReplace: true };
  const character = (p: { character: number }) => p.character;

  it('replaces the whole word for clients that accept insert/replace edits', () => {
    const items = completeAt(`${HEAD}spec:\n  pod$0Selec`, INSERT_REPLACE);
    const edit = items.find((i) => i.label === 'podSelector')!.textEdit;
    assert.ok(edit && 'insert' in edit, 'an InsertReplaceEdit');
    assert.deepEqual([character(edit.insert.start), character(edit.insert.end)], [2, 5]);
    assert.deepEqual([character(edit.replace.start), character(edit.replace.end)], [2, 10]);
    assert.equal(edit.newText, 'podSelector:\n    ');
  });

  it('stops the word at the colon of a key and at the end of a flow entry', () => {
    const key = completeAt(`${HEAD}spec:\n  pol$0icyTypes: [Ingress]`, INSERT_REPLACE)[0]!.textEdit;
    assert.ok(key && 'replace' in key);
    assert.deepEqual([character(key.replace.start), character(key.replace.end)], [2, 13]);
    const flow = completeAt(`${HEAD}spec:\n  podSelector: {matchL$0abels: {}}`, INSERT_REPLACE).find((i) => i.label === 'matchLabels')!.textEdit;
    assert.ok(flow && 'replace' in flow);
    assert.deepEqual([character(flow.insert.end), character(flow.replace.end)], [22, 27]);
    const value = completeAt(`${HEAD}spec:\n  policyTypes: [In$0gr, Egress]`, INSERT_REPLACE)[0]!.textEdit;
    assert.ok(value && 'replace' in value);
    assert.deepEqual([character(value.replace.start), character(value.replace.end)], [16, 20]);
  });

  it('replaces only the text before the cursor for other clients', () => {
    const edit = completeAt(`${HEAD}spec:\n  pod$0Selec`).find((i) => i.label === 'podSelector')!.textEdit;
    assert.ok(edit && 'range' in edit, 'a plain TextEdit');
    assert.deepEqual([character(edit.range.start), character(edit.range.end)], [2, 5]);
  });

  it('gives snippets the same kind of edit', () => {
    const snippet = completeAt('net$0', INSERT_REPLACE).find((i) => i.kind === 15)!.textEdit;
    assert.ok(snippet && 'insert' in snippet);
    assert.deepEqual([character(snippet.insert.end), character(snippet.replace.end)], [3, 3]);
  });
});
