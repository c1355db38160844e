// What the facts of a rule let through, port-wise: the one place where a rule's port facts are matched against a
// destination container port (by number, range or name). The workspace rules, hovers and the connectivity engine use it.
import type { Protocol } from '../model/traffic';
import type { ContainerPortFact, PortFact, RuleFact } from './facts';

/**
 * True when a port entry lets `protocol`/`port` through to a container port; `containerPort` (the destination's declared
 * port, when known) lets a named entry match by name.
 */
function portFactMatches(entry: PortFact, protocol: Protocol, port: number, containerPort?: ContainerPortFact): boolean {
  if (entry.protocol !== protocol) return false;
  if (entry.port === undefined) return true;
  if (typeof entry.port === 'string') return containerPort?.name === entry.port && containerPort.protocol === protocol;
  return port >= entry.port && port <= Math.max(entry.port, entry.endPort ?? entry.port);
}

/** True when a rule's `ports` let `protocol`/`port` through (a missing or empty `ports` lets everything through). */
export function rulePortsAllow(rule: RuleFact, protocol: Protocol, port: number, containerPort?: ContainerPortFact): boolean {
  return rule.ports === 'all' || rule.ports.some((e) => portFactMatches(e, protocol, port, containerPort));
}

/** True when a name (a selector's text) hints at a DNS server: k8s-app=kube-dns, app=coredns, node-local-dns... */
const mentionsDns = (text: string): boolean => /dns/i.test(text);

/**
 * True when an egress rule could let DNS through: UDP 53 (or a named port, which may be CoreDNS's "dns") to a destination
 * that could be a DNS server — anywhere, an ipBlock (NodeLocal DNSCache, an upstream resolver), another namespace's pods, or
 * pods whose selector mentions DNS. As lenient as egress-blocks-dns is on one file, since kube-dns is rarely in the workspace.
 */
export function ruleFactAllowsDns(rule: RuleFact): boolean {
  const port = rule.ports === 'all' || rule.ports.some((e) => portFactMatches(e, 'UDP', 53) || (e.protocol === 'UDP' && typeof e.port === 'string'));
  if (!port) return false;
  if (rule.peers === 'all') return true;
  return rule.peers.some((peer) => {
    if (peer.ipBlock) return true;
    const pods = peer.podSelector ? JSON.stringify(peer.podSelector) : '';
    const anyPods = !peer.podSelector || (Object.keys(peer.podSelector.matchLabels).length === 0 && peer.podSelector.matchExpressions.length === 0);
    if (peer.namespaceSelector) return anyPods || mentionsDns(pods);
    return mentionsDns(pods);
  });
}
