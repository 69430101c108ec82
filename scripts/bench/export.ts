// Export figures for the archive-20k suite: each format of every record, written through the job
// every door starts (core/export), with the time, the size, and how far memory grew while it ran
// (sampled every 20 ms: a streamed export stays flat however many records it holds).
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExportFormat } from '../../electron/contract';
import type { Archive } from '../../electron/core/archive';
import { startExport } from '../../electron/core/export/start-export';
import { Jobs } from '../../electron/core/jobs/jobs';
import { mb, round, timed, type Metric } from './results';

export async function measureExports(archive: Archive, gc: () => void): Promise<Metric[]> {
  const metrics: Metric[] = [];
  const folder = await mkdtemp(path.join(tmpdir(), 'cairn-bench-export-'));
  try {
    const runs: { format: ExportFormat; zip?: boolean; label: string }[] = [
      { format: 'json', label: 'JSON' },
      { format: 'jsonl', label: 'JSONL' },
      { format: 'csv', label: 'CSV' },
      { format: 'dc', label: 'Dublin Core XML' },
      { format: 'bagit', label: 'BagIt bag (every format and the originals)' },
      { format: 'bagit', zip: true, label: 'zipped BagIt bag' },
    ];
    for (const run of runs) {
      gc();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
      const jobs = new Jobs();
      const out = await timed(async () => {
        const started = await startExport(archive, jobs, { format: run.format, zip: run.zip, folder, name: `${run.format}${run.zip ? '.zip' : ''}` });
        return jobs.settled(started.job);
      });
      clearInterval(sampler);
      const result = out.value.result;
      if (out.value.state !== 'done' || !result) throw new Error(`export ${run.label} ${out.value.state}: ${out.value.error?.message}`);
      metrics.push({
        name: `export all records: ${run.label}`,
        value: round(out.ms / 1000, 2),
        unit: 's',
        note: `${result.count} records, ${mb(result.bytes)} MB${result.files ? ` in ${result.files} files` : ''}, fsynced; memory grew by at most ${mb(Math.max(0, peak - before))} MB`,
      });
      console.log(`export ${run.label}: ${(out.ms / 1000).toFixed(2)} s`);
      await rm(result.target, { recursive: true, force: true });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  return metrics;
}
