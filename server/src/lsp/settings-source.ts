// Where the server's settings come from: workspace/configuration when the client supports it, else initializationOptions
// and workspace/didChangeConfiguration, else the defaults.
/** Extracts the `netpol` section from a didChangeConfiguration payload or initializationOptions, whatever their shape. */
export function netpolSection(payload: unknown): unknown {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  if (p.netpol && typeof p.netpol === 'object') return p.netpol;
  if (p.settings && typeof p.settings === 'object') return netpolSection(p.settings);
  if ('kubernetesVersion' in p || 'rules' in p || 'cloud' in p || 'cni' in p || 'profile' in p || 'cluster' in p) return p;
  return undefined;
}
