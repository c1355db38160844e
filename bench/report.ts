// Turns the raw benchmark figures into the table `npm run bench` prints: medians per size and server, the ratios, the
// log-log growth of edit latency, and each target of issue 8 with its verdict.
import { KEYSTROKE_GAP_MS, KEYSTROKES, SETTLE_MS, type Measurement } from './client';

export interface Report {
  readonly date: string;
  readonly command: string;
  readonly node: string;
  readonly runs: number;
  readonly sizes: readonly number[];
  /** server → size → one measurement per fresh server. */
  readonly samples: Record<string, Record<number, Measurement[]>>;
  readonly floor: Record<number, { coldMs: number; warmMs: number }[]>;
  readonly cli: Record<string, number[]>;
  readonly defects: Record<number, number>;
  /** The file-wide case (an edit of a DNS port that file-wide rules read), with the publish floor at the largest size. */
  readonly fileWide?: {
    readonly sizes: readonly number[];
    /** server → size → measurements. */
    readonly samples: Record<string, Record<number, Measurement[]>>;
    /** Diagnostics netpol published for each file. */
    readonly diagnostics: Record<number, number>;
    /** The name the publish floor's samples are under. */
    readonly floorServer: string;
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const NETPOL = 'netpol';
const YLS = 'yaml-language-server';

type Metric = 'initializeMs' | 'openMs' | 'editMs' | 'typingMs' | 'hoverMs' | 'completionMs' | 'rssMiB' | 'hoverDuringOpenMs';

function fmt(v: number, digits?: number): string {
  if (!Number.isFinite(v)) return '–';
  const d = digits ?? (Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2);
  return v.toFixed(d);
}

export function renderReport(r: Report): string {
  const m = (server: string, n: number, metric: Metric): number => median((r.samples[server]?.[n] ?? []).map((s) => s[metric]));
  const floorCold = (n: number): number => median((r.floor[n] ?? []).map((f) => f.coldMs));
  const found = (server: string, n: number): string => {
    const s = r.samples[server]?.[n] ?? [];
    if (!s.length) return '–';
    const least = Math.min(...s.map((x) => x.defectsFound));
    const other = median(s.map((x) => x.otherDiagnostics));
    return `${least}/${r.defects[n]}${other ? ` (+${other} other)` : ''}`;
  };
  const has = (server: string) => Boolean(r.samples[server]);
  const lines: string[] = [];
  const row = (label: string, cells: string[]) => lines.push(`| ${label} | ${cells.join(' | ')} |`);
  lines.push(`netpol benchmark — ${r.date}, ${r.command}, Node ${r.node}, median of ${r.runs} fresh servers per cell; the edit is typed ${SETTLE_MS} ms after the open's diagnostics, the next ${KEYSTROKES} characters ${KEYSTROKE_GAP_MS} ms after the previous one's`, '');
  row('', r.sizes.map((n) => `N=${n}`));
  lines.push(`|---|${r.sizes.map(() => '---:').join('|')}|`);
  const metrics: [Metric, string][] = [
    ['initializeMs', 'spawn → initialize (ms)'],
    ['openMs', 'didOpen → diagnostics (ms)'],
    ['editMs', 'one-character edit → diagnostics (ms)'],
    ['typingMs', `typing: ${KEYSTROKES} more characters, median (ms)`],
    ['hoverMs', 'hover (ms)'],
    ['completionMs', 'completion (ms)'],
    ['hoverDuringOpenMs', 'hover sent right after didOpen (ms)'],
    ['rssMiB', 'RSS after the run (MiB)'],
  ];
  for (const [metric, label] of metrics) {
    if (has(NETPOL)) row(`${label}, netpol`, r.sizes.map((n) => fmt(m(NETPOL, n, metric))));
    if (has(YLS)) row(`${label}, yaml-language-server`, r.sizes.map((n) => fmt(m(YLS, n, metric))));
    if (has(NETPOL) && has(YLS)) row(`&nbsp;&nbsp;netpol / yaml-language-server`, r.sizes.map((n) => fmt(m(NETPOL, n, metric) / m(YLS, n, metric), 3)));
  }
  if (Object.keys(r.floor).length) {
    row('floor: yaml parse + schema validate, cold (ms)', r.sizes.map((n) => fmt(floorCold(n))));
    row('floor, warm (ms)', r.sizes.map((n) => fmt(median((r.floor[n] ?? []).map((f) => f.warmMs)))));
    if (has(NETPOL)) row('&nbsp;&nbsp;netpol didOpen / cold floor', r.sizes.map((n) => fmt(m(NETPOL, n, 'openMs') / floorCold(n), 3)));
  }
  if (has(NETPOL)) row('injected defects found, netpol', r.sizes.map((n) => found(NETPOL, n)));
  if (has(YLS)) row('injected defects found, yaml-language-server', r.sizes.map((n) => found(YLS, n)));

  const growth = (server: string, metric: Metric = 'editMs'): string => {
    if (!r.sizes.includes(1000) || !r.sizes.includes(5000) || !has(server)) return '–';
    return fmt(Math.log(m(server, 5000, metric) / m(server, 1000, metric)) / Math.log(5), 2);
  };
  lines.push(
    '',
    `Edit latency growth from N=1000 to N=5000 (log-log slope; 1 = linear, 0 = flat): netpol ${growth(NETPOL)}, yaml-language-server ${growth(YLS)}; while typing: netpol ${growth(NETPOL, 'typingMs')}, yaml-language-server ${growth(YLS, 'typingMs')}.`,
  );

  if (Object.keys(r.cli).length) {
    lines.push('', '| command | wall time (ms) |', '|---|---:|');
    for (const [name, times] of Object.entries(r.cli)) lines.push(`| \`${name}\` | ${fmt(median(times))} |`);
  }

  lines.push('', ...targets(r, m, floorCold));
  if (r.fileWide) lines.push('', ...fileWideSection(r.fileWide));
  return `${lines.join('\n')}\n`;
}

/** The file-wide case's table and issue 13's target: edit → diagnostics ≤ the publish floor + 2× the 1-policy edit. */
function fileWideSection(f: NonNullable<Report['fileWide']>): string[] {
  const m = (server: string, n: number, metric: Metric) => median((f.samples[server]?.[n] ?? []).map((s) => s[metric]));
  const largest = Math.max(...f.sizes);
  const smallest = Math.min(...f.sizes);
  const out = [
    `Edits that change what file-wide rules read (issue 13): every third policy allows DNS over UDP only (\`dns-udp-without-tcp\`); the edit turns the \`3\` of such a policy's \`port: 53\` into \`4\` (no longer DNS for \`egress-blocks-dns\`), typing turns it back and forth; the publish floor is an LSP server that only republishes netpol's ${f.diagnostics[largest] ?? '–'} diagnostics of the N=${largest} file (\`bench/floor-server.ts\`).`,
    '',
    `| | ${f.sizes.map((n) => `N=${n}`).join(' | ')} |`,
    `|---|${f.sizes.map(() => '---:').join('|')}|`,
    `| diagnostics standing | ${f.sizes.map((n) => String(f.diagnostics[n] ?? '–')).join(' | ')} |`,
  ];
  for (const [metric, label] of [
    ['editMs', 'edit → diagnostics (ms)'],
    ['typingMs', `typing: ${KEYSTROKES} more edits, median (ms)`],
  ] as const) {
    out.push(`| ${label}, netpol | ${f.sizes.map((n) => fmt(m(NETPOL, n, metric))).join(' | ')} |`);
    out.push(`| ${label}, publish floor | ${f.sizes.map((n) => fmt(m(f.floorServer, n, metric))).join(' | ')} |`);
  }
  const e = m(NETPOL, largest, 'editMs');
  const floor = m(f.floorServer, largest, 'editMs');
  const e1 = m(NETPOL, smallest, 'editMs');
  const bound = floor + 2 * e1;
  out.push('', `- ${e <= bound ? 'PASS' : 'MISS'}: edit → diagnostics at N=${largest}: netpol ${fmt(e)} ms ≤ the publish floor ${fmt(floor)} ms + 2× netpol's at N=${smallest} (${fmt(e1)} ms) = ${fmt(bound)} ms`);
  const t = m(NETPOL, largest, 'typingMs');
  const tFloor = m(f.floorServer, largest, 'typingMs');
  const t1 = m(NETPOL, smallest, 'typingMs');
  if (Number.isFinite(t)) out.push(`- ${t <= tFloor + 2 * t1 ? 'PASS' : 'MISS'}: (beyond the issue: the same bound while typing) median edit at N=${largest}: netpol ${fmt(t)} ms ≤ ${fmt(tFloor)} ms + 2× ${fmt(t1)} ms = ${fmt(tFloor + 2 * t1)} ms`);
  return out;
}

function targets(r: Report, m: (server: string, n: number, metric: Metric) => number, floorCold: (n: number) => number): string[] {
  if (!r.samples[NETPOL] || !r.samples[YLS]) return [];
  const out: string[] = ['Targets of issue 8:'];
  const check = (ok: boolean, text: string) => out.push(`- ${ok ? 'PASS' : 'MISS'}: ${text}`);
  const at = (n: number) => r.sizes.includes(n);
  if (at(5000)) {
    const e = m(NETPOL, 5000, 'editMs');
    const y = m(YLS, 5000, 'editMs');
    check(e <= y / 20, `edit → diagnostics at N=5000: netpol ${fmt(e)} ms ≤ 1/20 of yaml-language-server's ${fmt(y)} ms (${fmt(y / 20)} ms)`);
    if (at(1)) {
      const e1 = m(NETPOL, 1, 'editMs');
      check(e <= 2 * e1, `edit → diagnostics at N=5000: netpol ${fmt(e)} ms ≤ 2× netpol's at N=1 (${fmt(e1)} ms → ${fmt(2 * e1)} ms)`);
      const t = m(NETPOL, 5000, 'typingMs');
      const t1 = m(NETPOL, 1, 'typingMs');
      if (Number.isFinite(t)) check(t <= 2 * t1, `(beyond the issue: the same bound while typing) median keystroke at N=5000: netpol ${fmt(t)} ms ≤ 2× netpol's at N=1 (${fmt(t1)} ms → ${fmt(2 * t1)} ms)`);
    }
  }
  if (at(1000)) {
    const o = m(NETPOL, 1000, 'openMs');
    const y = m(YLS, 1000, 'openMs');
    check(o <= y / 2, `didOpen → diagnostics at N=1000: netpol ${fmt(o)} ms ≤ 1/2 of yaml-language-server's ${fmt(y)} ms`);
    if (r.floor[1000]) check(o <= 1.3 * floorCold(1000), `didOpen → diagnostics at N=1000: netpol ${fmt(o)} ms ≤ 1.3× the cold floor ${fmt(floorCold(1000))} ms (${fmt(1.3 * floorCold(1000))} ms)`);
  }
  if (at(1)) {
    const o = m(NETPOL, 1, 'openMs');
    const y = m(YLS, 1, 'openMs');
    check(o <= y / 4, `didOpen → diagnostics at N=1: netpol ${fmt(o)} ms ≤ 1/4 of yaml-language-server's ${fmt(y)} ms`);
  }
  const all = r.sizes.every((n) => (r.samples[NETPOL]![n] ?? []).every((s) => s.defectsFound === s.defectsExpected));
  check(all, `all injected defects found by netpol at every size, in every run (${r.sizes.map((n) => `${Math.min(...r.samples[NETPOL]![n]!.map((s) => s.defectsFound))}/${r.defects[n]}`).join(', ')})`);
  if (at(5000)) {
    const yc = m(YLS, 5000, 'completionMs');
    const c = m(NETPOL, 5000, 'completionMs');
    const h = m(NETPOL, 5000, 'hoverMs');
    check(c < yc / 5 && h < yc / 5, `completion ${fmt(c)} ms and hover ${fmt(h)} ms at N=5000 < 1/5 of yaml-language-server's completion ${fmt(yc)} ms (${fmt(yc / 5)} ms)`);
    const rss = m(NETPOL, 5000, 'rssMiB');
    const yr = m(YLS, 5000, 'rssMiB');
    check(rss <= yr / 2, `RSS after N=5000: netpol ${fmt(rss)} MiB ≤ 1/2 of yaml-language-server's ${fmt(yr)} MiB`);
  }
  const init = (server: string) => median(r.sizes.flatMap((n) => (r.samples[server]![n] ?? []).map((s) => s.initializeMs)));
  check(init(NETPOL) <= init(YLS) / 2, `spawn → initialize (all runs): netpol ${fmt(init(NETPOL))} ms ≤ 1/2 of yaml-language-server's ${fmt(init(YLS))} ms`);
  return out;
}
