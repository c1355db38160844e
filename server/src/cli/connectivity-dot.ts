// `netpol-lint connectivity --format dot`: a Graphviz graph, workloads clustered by namespace (isolated ones drawn with a
// double border), external ranges as red boxes, edges labelled with their connections and the reason as a tooltip.
import { edgeWhy, peersById, type Report, type ReportPeer } from '../connectivity/report';

export function formatConnectivityDot(report: Report): string {
  const peers = peersById(report);
  const q = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  const node = (p: ReportPeer): string => {
    if (p.type === 'external') return `\t${q(p.id)} [label=${q(p.range ?? p.id)} shape=box color="red2" fontcolor="red2"]`;
    const isolated = [p.ingressIsolated ? 'ingress' : '', p.egressIsolated ? 'egress' : ''].filter(Boolean).join(', ');
    const style = isolated ? ` peripheries=2 tooltip=${q(`isolated: ${isolated}`)}` : ` tooltip=${q('not isolated')}`;
    return `\t\t${q(p.id)} [label=${q(`${p.name}[${p.kind}]`)} color="blue" fontcolor="blue"${style}]`;
  };
  const out = ['digraph {'];
  const namespaces = [...new Set(report.peers.flatMap((p) => (p.type === 'workload' ? [p.namespace!] : [])))].sort();
  for (const ns of namespaces) {
    out.push(`\tsubgraph ${q(`cluster_${ns}`)} {`, `\t\tlabel=${q(ns)}`);
    for (const p of report.peers) if (p.type === 'workload' && p.namespace === ns) out.push(node(p));
    out.push('\t}');
  }
  for (const p of report.peers) if (p.type === 'external') out.push(node(p));
  for (const e of report.edges) out.push(`\t${q(e.src)} -> ${q(e.dst)} [label=${q(e.conns)} tooltip=${q(edgeWhy(peers, e))} color="gold2" fontcolor="darkgreen"]`);
  out.push('}');
  return `${out.join('\n')}\n`;
}
