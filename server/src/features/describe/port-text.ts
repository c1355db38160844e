// Ports in words: the well-known service behind a port number (53 → DNS) and a NetworkPolicy port entry as "TCP 8080".
import type { PortEntry } from '../../model/policy';
import { scalarText } from '../../syntax/tree';

const WELL_KNOWN: Readonly<Record<number, string>> = {
  22: 'SSH',
  25: 'SMTP',
  53: 'DNS',
  80: 'HTTP',
  110: 'POP3',
  123: 'NTP',
  143: 'IMAP',
  161: 'SNMP',
  179: 'BGP',
  389: 'LDAP',
  443: 'HTTPS',
  465: 'SMTP over TLS',
  514: 'syslog',
  587: 'SMTP submission',
  636: 'LDAP over TLS',
  853: 'DNS over TLS',
  993: 'IMAP over TLS',
  1433: 'Microsoft SQL Server',
  1521: 'Oracle database',
  2049: 'NFS',
  2379: 'etcd client',
  2380: 'etcd peer',
  3000: 'Grafana and many web apps',
  3306: 'MySQL',
  4222: 'NATS',
  4317: 'OpenTelemetry OTLP/gRPC',
  4318: 'OpenTelemetry OTLP/HTTP',
  5432: 'PostgreSQL',
  5671: 'AMQP over TLS',
  5672: 'AMQP, RabbitMQ',
  6379: 'Redis',
  6443: 'Kubernetes API server',
  8080: 'HTTP alternate',
  8443: 'HTTPS alternate',
  9090: 'Prometheus',
  9092: 'Kafka',
  9093: 'Alertmanager',
  9100: 'Prometheus node exporter',
  9200: 'Elasticsearch',
  9300: 'Elasticsearch transport',
  10250: 'kubelet API',
  10255: 'kubelet read-only API',
  11211: 'memcached',
  15017: 'Istio sidecar injector webhook',
  27017: 'MongoDB',
};

export function wellKnownService(port: number): string | undefined {
  return WELL_KNOWN[port];
}

/** The entry's protocol as written, or TCP (the API default). */
export function protocolOf(p: PortEntry): string {
  return scalarText(p.protocol?.value) ?? 'TCP';
}

/** "TCP 8080 (HTTP (alternate))", "UDP 53 (DNS)", "TCP 32000-32768", `TCP port "http"`, "all TCP ports". */
export function portEntryText(p: PortEntry, options: { services?: boolean } = {}): string {
  const protocol = protocolOf(p);
  const port = p.port?.value;
  if (!port || port.kind !== 'scalar' || port.value === null) return `all ${protocol} ports`;
  const endPort = p.endPort?.value.kind === 'scalar' && typeof p.endPort.value.value === 'number' ? p.endPort.value.value : undefined;
  if (typeof port.value === 'number') {
    if (endPort !== undefined && endPort !== port.value) return `${protocol} ${port.value}-${endPort}`;
    const service = options.services === false ? undefined : wellKnownService(port.value);
    return `${protocol} ${port.value}${service ? ` (${service})` : ''}`;
  }
  // A quoted number is a string to the API, hence a (badly) named port, not a number.
  return `${protocol} port "${String(port.value)}"`;
}

/** "on TCP 8080 or UDP 53"; missing or empty `ports` → "on all ports". */
export function portsText(ports: readonly PortEntry[] | undefined, options: { services?: boolean } = {}): string {
  if (!ports || ports.length === 0) return 'on all ports';
  return `on ${joinOr(ports.map((p) => portEntryText(p, options)))}`;
}

export function joinOr(parts: readonly string[]): string {
  return joinWith(parts, 'or');
}

export function joinAnd(parts: readonly string[]): string {
  return joinWith(parts, 'and');
}

function joinWith(parts: readonly string[], word: string): string {
  if (parts.length <= 1) return parts[0] ?? '';
  // Parts that are lists themselves ("10.0.0.0/8 except a and b") need a comma before the last word to stay readable.
  const nested = parts.some((p) => p.includes(',') || / (and|or) /.test(p));
  return `${parts.slice(0, -1).join(', ')}${nested ? ',' : ''} ${word} ${parts[parts.length - 1]}`;
}
