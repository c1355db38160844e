// `netpol-lint connectivity --diff OLD NEW`: netpol-analyzer's diff lines (`diff-type: added, source: …`) in txt, a table
// in md and csv, plain entries in json; dot draws added edges green, removed red and changed orange.
import type { DiffEntry } from '../connectivity/diff';

export function formatConnectivityDiff(entries: readonly DiffEntry[], format: 'txt' | 'json' | 'csv' | 'md' | 'dot'): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(entries, null, 2)}\n`;
    case 'csv':
      return ['diff-type,source,destination,ref1,ref2,workloads-diff-info', ...entries.map((e) => [e.type, e.src, e.dst, e.old, e.new, e.info ?? ''].map((s) => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s)).join(','))].map((l) => `${l}\n`).join('');
    case 'md':
      return ['| diff-type | source | destination | ref1 | ref2 | workloads-diff-info |', '|-----------|--------|-------------|------|------|---------------------|', ...entries.map((e) => `| ${e.type} | ${e.src} | ${e.dst} | ${e.old} | ${e.new} | ${e.info ?? ''} |`)].map((l) => `${l}\n`).join('');
    case 'dot': {
      const q = (s: string): string => `"${s.replace(/"/g, '\\"')}"`;
      const color = { added: 'darkgreen', removed: 'red2', changed: 'darkorange' };
      const peers = [...new Set(entries.flatMap((e) => [e.src, e.dst]))].sort();
      return `${['digraph {', ...peers.map((p) => `\t${q(p)}`), ...entries.map((e) => `\t${q(e.src)} -> ${q(e.dst)} [label=${q(e.type === 'changed' ? `${e.old} → ${e.new}` : e.type === 'added' ? e.new : e.old)} color="${color[e.type]}" fontcolor="${color[e.type]}"]`), '}'].join('\n')}\n`;
    }
    default:
      // netpol-analyzer names the two sides ref1 and ref2, and prints nothing when they agree.
      if (entries.length === 0) return '';
      return ['Connectivity diff:', ...entries.map((e) => `diff-type: ${e.type}, source: ${e.src}, destination: ${e.dst}, ref1: ${e.old}, ref2: ${e.new}${e.info ? `, workloads-diff-info: ${e.info}` : ''}`)].map((l) => `${l}\n`).join('');
  }
}
