// `netpol-lint connectivity --format txt`: netpol-analyzer's `list` lines, `src => dst : conns`, sorted, one a line.
import { edgeLine, type Report } from '../connectivity/report';

export function formatConnectivityTxt(report: Report): string {
  return report.edges.map((e) => `${edgeLine(e)}\n`).join('');
}
