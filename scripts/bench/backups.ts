// Suite "backups": on a copy of the 20,000-record bench archive, what the automatic backups cost:
// the first snapshot (every content copied once), the daily one when nothing changed, the one taken
// before a bulk change after an edit, the space they take, bringing back a damaged record, and
// verifying every file of the archive.
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, truncate } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Archive } from '../../electron/core/archive';
import { layout } from '../../electron/core/store/archive-folder';
import { backupDir, createSnapshot, prepareSnapshot } from '../../electron/core/backup/backup-store';
import { verifyArchive } from '../../electron/core/verify/verify-archive';
import { BENCH_CACHE } from './corpus';
import { diskUsage } from './disk-usage';
import { mb, round, since, type Metric, type SuiteResult } from './results';

export async function runBackupsSuite(options: { log: (line: string) => void }): Promise<SuiteResult> {
  const suite = 'backups';
  const started = performance.now();
  const source = path.join(BENCH_CACHE, 'archive-20k');
  if (!existsSync(layout.manifest(source))) return { suite, status: 'skipped', reason: 'needs the archive-20k suite’s archive: run it first', seconds: 0, metrics: [] };
  const temp = await mkdtemp(path.join(os.tmpdir(), 'cairn-bench-backups-'));
  const root = path.join(temp, 'archive');
  try {
    options.log(`${suite}: copying the bench archive…`);
    await cp(source, root, { recursive: true });
    await rm(backupDir(root), { recursive: true, force: true });
    const archive = await Archive.open(root, { app: 'Cairn bench', person: 'Bench' });
    const archiveBytes = (await diskUsage(root)).allocated;
    const time = async <T>(work: () => Promise<T>) => {
      const t = performance.now();
      const value = await work();
      return { ms: since(t), value };
    };
    options.log(`${suite}: first backup…`);
    // As the day's first backup is taken: contents copied beside the changes, then the snapshot in turn with them.
    const copying = await time(() => prepareSnapshot(root, backupDir(root)));
    const first = await time(() => createSnapshot(root, backupDir(root), { reason: 'daily', archive: { id: 'bench', name: 'bench', formatVersion: 3 }, prepared: copying.value }));
    const afterFirst = (await diskUsage(backupDir(root))).allocated;
    const unchanged = await time(() => archive.createBackup('manual'));
    const id = archive.list().items[0]!.id;
    await archive.update({ id, changes: { title: 'Edited before a bulk change' } });
    const edited = await time(() => archive.createBackup('bulk'));
    const afterThree = (await diskUsage(backupDir(root))).allocated;
    const listed = await time(() => archive.backups());
    await archive.close();

    await truncate(layout.record(root, id), 0);
    const reopen = await time(() => Archive.open(root, { app: 'Cairn bench', person: 'Bench' }));
    const again = reopen.value;
    const restored = await time(() => again.restoreFromBackup({ record: id }));
    await again.close();
    options.log(`${suite}: verify…`);
    const verified = await time(() => verifyArchive(root));
    const verifiedAgain = await time(() => verifyArchive(root));

    const metrics: Metric[] = [
      { name: 'archive on disk', value: mb(archiveBytes), unit: 'MB', note: `${first.value.files.toLocaleString('en-US')} files, ${first.value.records.toLocaleString('en-US')} records` },
      { name: 'first backup: copying', value: round(copying.ms / 1000, 1), unit: 's', note: 'every file read, hashed, copied once and synced; changes go on meanwhile' },
      { name: 'first backup: the snapshot', value: round(first.ms), unit: 'ms', note: 'what changes wait for: every file looked at again, the list written' },
      { name: 'backups/ after the first', value: mb(afterFirst), unit: 'MB' },
      { name: 'daily backup, nothing changed', value: round(unchanged.ms), unit: 'ms', note: 'stat of every file; no file read or copied' },
      { name: 'backup before a bulk change, after one edit', value: round(edited.ms), unit: 'ms', note: 'the record, its log and the journal copied' },
      { name: 'backups/ after three backups', value: mb(afterThree), unit: 'MB', note: 'unchanged files are stored once' },
      { name: 'list backups', value: round(listed.ms, 1), unit: 'ms' },
      { name: 'open with one damaged record (quarantined)', value: round(reopen.ms), unit: 'ms' },
      { name: 'verify: every file read and checked', value: round(verified.ms / 1000, 1), unit: 's', note: `${verified.value.files.toLocaleString('en-US')} files, ${mb(verified.value.bytes)} MB; ${verified.value.matchedBackup.toLocaleString('en-US')} matched the newest backup's checksums; ${verified.value.findings.length} findings` },
      { name: 'verify again (files in the page cache)', value: round(verifiedAgain.ms / 1000, 1), unit: 's' },
      { name: 'restore the damaged record from the backup', value: round(restored.ms), unit: 'ms', note: `${restored.value.replayed} change(s) made again from the log` },
    ];
    return { suite, status: 'ok', seconds: round(since(started) / 1000), metrics };
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
