// What the quick fixes of the two DNS port rules (dns-port-without-protocol, dns-udp-without-tcp) share: finding the port
// entry a finding points at, and writing the port 53 entry for the other protocol beside it.
import { inKeyOrderOf, type YamlValue } from '../../edit/index';
import type { PolicyRule, PortEntry } from '../../model/policy';

/** The port entry whose `port` value starts at `offset` (where the rules put their findings), with its rule. */
export function portEntryAt(rules: readonly PolicyRule[], offset: number): { rule: PolicyRule; entry: PortEntry } | undefined {
  for (const rule of rules) {
    const entry = rule.ports?.find((p) => p.port?.value.span.start === offset);
    if (entry) return { rule, entry };
  }
  return undefined;
}

/** Port 53 (with the entry's endPort, if any) over `protocol`, its keys in the order `entry` writes them. */
export function dnsEntryLike(entry: PortEntry, protocol: 'TCP' | 'UDP'): { [key: string]: YamlValue } {
  const endPort = entry.endPort?.value;
  return inKeyOrderOf(entry.node, { port: 53, ...(endPort?.kind === 'scalar' && typeof endPort.value === 'number' ? { endPort: endPort.value } : {}), protocol });
}
