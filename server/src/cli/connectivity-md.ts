// `netpol-lint connectivity --format md`: netpol-analyzer's Markdown table (src, dst, conn) with a why column, for reviews.
import { edgeWhy, peersById, type Report } from '../connectivity/report';

export function formatConnectivityMd(report: Report): string {
  const peers = peersById(report);
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const rows = report.edges.map((e) => `| ${[e.src, e.dst, e.conns, edgeWhy(peers, e)].map(cell).join(' | ')} |`);
  return ['| src | dst | conn | why |', '|-----|-----|------|-----|', ...rows].map((r) => `${r}\n`).join('');
}
