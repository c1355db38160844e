// `netpol-lint connectivity --format json`: the report for machines: peers (with isolation and where they are written) and
// connections with the rules that allow them, each rule located by file, line and column.
import type { Report } from '../connectivity/report';
import type { Location } from '../workspace/facts';

export type Locate = (location: Location) => { file: string; line: number; column: number };

export function formatConnectivityJson(report: Report, locate: Locate): string {
  const value = {
    peers: report.peers.map(({ location, ...p }) => ({ ...p, ...(location ? { location: locate(location) } : {}) })),
    connections: report.edges.map((e) => ({
      src: e.src,
      dst: e.dst,
      conn: e.conns,
      ports: e.ports,
      rules: e.rules.map(({ location, ...r }) => ({ ...r, location: locate(location) })),
    })),
  };
  return `${JSON.stringify(value, null, 2)}\n`;
}
