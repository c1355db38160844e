// `netpol-lint connectivity --format csv`: netpol-analyzer's columns (src, dst, conn) and one more, why.
import { edgeWhy, peersById, type Report } from '../connectivity/report';

export function formatConnectivityCsv(report: Report): string {
  const peers = peersById(report);
  const cell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const rows = report.edges.map((e) => [e.src, e.dst, e.conns, edgeWhy(peers, e)].map(cell).join(','));
  return ['src,dst,conn,why', ...rows].map((r) => `${r}\n`).join('');
}
