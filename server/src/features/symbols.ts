// Document symbols (outline and breadcrumbs): each policy as namespace/name, with its ingress and egress rules as children
// summarised in a few words ("from app=frontend on TCP 8080").
import { SymbolKind, type DocumentSymbol, type Range } from 'vscode-languageserver-types';
import type { DocumentAnalysis } from '../lint/document';
import { PerDocument, withPolicies } from './per-document';
import { policyName, policyNamespace, type NetworkPolicy, type Peer, type PolicyRule } from '../model/policy';
import type { FileSnapshot } from '../lint/snapshot';
import type { Span } from '../syntax/span';
import { portEntryText } from './describe/port-text';
import { namespaceNames, selectorShortText } from './describe/selector-text';
import { scalarText } from '../syntax/tree';

/** Each policy's symbol, by document: summarising every rule of a large file on each request is slow. */
const symbols = new PerDocument(withPolicies, documentSymbolsOf, (relative, at) => relative.map((symbol) => shifted(symbol, at.firstLine)));

export function documentSymbols(snapshot: FileSnapshot): DocumentSymbol[] {
  return symbols.collect(snapshot);
}

function documentSymbolsOf(analysis: DocumentAnalysis): DocumentSymbol[] {
  const range = (s: Span) => analysis.lines.rangeOf(s);
  return analysis.policies.map((policy) => {
    const nameSpan = policy.name?.value.span ?? policy.kind?.keySpan ?? policy.node.span;
    const rules = [...(policy.ingress?.rules ?? []), ...(policy.egress?.rules ?? [])];
    return {
      name: policyLabel(policy),
      detail: 'NetworkPolicy',
      kind: SymbolKind.Class,
      range: range(policy.node.span),
      selectionRange: range(nameSpan),
      children: rules.map((rule) => ({
        name: ruleSummary(rule),
        detail: `${rule.direction} rule ${rule.index + 1}`,
        kind: SymbolKind.Field,
        range: range(rule.node.span),
        selectionRange: range(rule.peersEntry?.keySpan ?? rule.portsEntry?.keySpan ?? rule.node.span),
      })),
    };
  });
}

/** A copy of a document-relative symbol moved down by `lines`. */
function shifted(symbol: DocumentSymbol, lines: number): DocumentSymbol {
  const move = (r: Range): Range => ({ start: { line: r.start.line + lines, character: r.start.character }, end: { line: r.end.line + lines, character: r.end.character } });
  return {
    ...symbol,
    range: move(symbol.range),
    selectionRange: move(symbol.selectionRange),
    ...(symbol.children ? { children: symbol.children.map((c) => shifted(c, lines)) } : {}),
  };
}

/** "prod/api", or just the name when the policy sets no namespace. */
function policyLabel(p: NetworkPolicy): string {
  const ns = policyNamespace(p);
  const name = policyName(p) ?? '(unnamed)';
  return ns ? `${ns}/${name}` : name;
}

/** "from app=frontend on TCP 8080", "to ns kube-system, 0.0.0.0/0 except 1 on UDP 53, TCP 53", "from anywhere on all ports". */
function ruleSummary(rule: PolicyRule): string {
  const preposition = rule.direction === 'ingress' ? 'from' : 'to';
  const peers = rule.peers && rule.peers.length > 0 ? rule.peers.map(peerShort).join(', ') : 'anywhere';
  const ports = rule.ports && rule.ports.length > 0 ? rule.ports.map((p) => portEntryText(p, { services: false })).join(', ') : 'all ports';
  return `${preposition} ${peers} on ${ports}`;
}

function peerShort(peer: Peer): string {
  if (peer.ipBlock) {
    const cidr = scalarText(peer.ipBlock.cidr?.value) ?? 'ipBlock';
    const except = peer.ipBlock.exceptItems.length;
    return except ? `${cidr} except ${except}` : cidr;
  }
  const pod = peer.podSelector?.node ? peer.podSelector : undefined;
  const ns = peer.namespaceSelector?.node ? peer.namespaceSelector : undefined;
  const nsText = ns ? `ns ${namespaceNames(ns)?.join('|') ?? selectorShortText(ns)}` : undefined;
  if (pod && nsText) return `${selectorShortText(pod)} in ${nsText}`;
  if (nsText) return nsText;
  if (pod) return selectorShortText(pod) === 'all' ? 'all pods' : selectorShortText(pod);
  return 'nothing';
}
