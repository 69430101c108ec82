// What a bench suite reports, the summary statistics it uses, and the printed table.

export interface Metric {
  name: string;
  value: number | string;
  unit: string;
  note?: string;
}

export interface SuiteResult {
  suite: string;
  status: 'ok' | 'skipped' | 'failed';
  /** Why a suite was skipped or failed. */
  reason?: string;
  seconds: number;
  metrics: Metric[];
}

export function median(xs: number[]): number {
  return quantile(xs, 0.5);
}

/** Nearest-rank quantile (p95 of 50 samples = the 48th smallest). */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return NaN;
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export const round = (n: number, digits = 1) => Number(n.toFixed(digits));
export const mb = (bytes: number) => round(bytes / 1048576, 1);

/** Milliseconds since `start` (a performance.now() value). */
export const since = (start: number) => performance.now() - start;

export async function timed<T>(work: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await work();
  return { ms: since(start), value };
}

function formatValue(v: number | string): string {
  if (typeof v === 'string') return v;
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  return Math.abs(v) >= 100 ? v.toLocaleString('en-US', { maximumFractionDigits: 0 }) : v.toLocaleString('en-US', { maximumFractionDigits: 2 });
}

/** The results as an aligned plain-text table (suite, measure, value + unit, note). */
export function formatResults(results: SuiteResult[]): string {
  const rows: string[][] = [['SUITE', 'MEASURE', 'VALUE', 'NOTE']];
  for (const r of results) {
    if (r.status !== 'ok') {
      rows.push([r.suite, r.status.toUpperCase(), '', r.reason ?? '']);
      continue;
    }
    r.metrics.forEach((m, i) => rows.push([i === 0 ? r.suite : '', m.name, `${formatValue(m.value)} ${m.unit}`.trim(), m.note ?? '']));
  }
  const widths = [0, 1, 2].map((c) => Math.max(...rows.map((row) => [...row[c]!].length)));
  return rows
    .map((row) => row.map((cell, c) => (c === 2 ? cell.padStart(widths[c]!) : c < 3 ? cell.padEnd(widths[c]!) : cell)).join('  ').trimEnd())
    .join('\n');
}
