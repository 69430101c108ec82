// `cairn backup create|list|restore`, in process, on real temp archives: the exact forms scripts
// rely on, a damaged record brought back, and a whole-archive restore that asks first.
import { readdir, truncate } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BackupInfo, BackupRestoreResult, CairnRecord } from '../contract';
import { useSampleArchiveCli } from './test-support/sample-archive';
import { layout } from '../core/store/archive-folder';

const cli = useSampleArchiveCli('cairn-cli-backup-');
const { run } = cli;

const ids = async () => (await run('list', '--json')).json<{ id: string; title: string }[]>().map((r) => r.id);

describe('cairn backup', () => {
  it('a damaged record is rebuilt from its kept original and its history with --from-original, as last saved', async () => {
    const [id] = await ids();
    await run('set', id!, 'title=Retitled before the damage');
    const file = layout.record(cli.dir, id!);
    await truncate(file, 12);
    // The day's backup (taken as `set` opened the archive) has the record only as it was before the new title; the original and the history have all of it.
    const listed = await run('list');
    expect(listed.stderr).toMatch(/cairn backup restore --record [0-9a-f-]+/);
    const rebuilt = await run('backup', 'restore', '--record', id!, '--from-original');
    expect(rebuilt.code).toBe(0);
    expect(rebuilt.stdout).toMatch(/^Rebuilt “Retitled before the damage” from its kept original, with \d+ logged operations? made again\.\n$/);
    expect((await run('show', id!, '--json')).json<CairnRecord>().title).toBe('Retitled before the damage');
    expect((await run('list')).stderr).toBe('');
  });

  it('create and list: the backup a writing command took on its own, and one taken by hand', async () => {
    // The import found an empty archive (nothing to back up yet); the next writing command takes the day's backup.
    expect((await run('backup', 'list', '--json')).json<BackupInfo[]>()).toEqual([]);
    expect((await run('tag', (await ids())[0]!, 'checked')).code).toBe(0);
    const created = await run('backup', 'create', '--json');
    expect(created.code).toBe(0);
    const info = created.json<BackupInfo>();
    expect(info).toMatchObject({ reason: 'manual', records: 5 });
    const listed = (await run('backup', 'list', '--json')).json<BackupInfo[]>();
    expect(listed.map((b) => b.reason)).toEqual(['manual', 'daily']);
    expect(listed[0]!.id).toBe(info.id);
    const human = await run('backup', 'list');
    expect(human.stdout).toContain(info.id);
    expect(human.stdout).toMatch(/taken by hand/);
  });

  it('create --out writes a backup folder elsewhere, even while the archive is open in another program', async () => {
    const out = path.join(cli.tmp, 'stick', 'cairn-backups');
    const created = await run('backup', 'create', '--out', out, '--json');
    expect(created.code).toBe(0);
    expect(await readdir(path.join(out, 'snapshots'))).toHaveLength(2);
  });

  it('a damaged record is named with the command that restores it, and that command brings it back with later changes', async () => {
    const [id, other] = await ids();
    await run('backup', 'create');
    expect((await run('tag', id!, 'after-the-backup')).code).toBe(0);
    await truncate(layout.record(cli.dir, id!), 0);

    const listed = await run('list');
    expect(listed.stderr).toContain(`records/${id!.slice(0, 2)}/${id}.json`);
    expect(listed.stderr).toContain(`cairn backup restore --record ${id}`);
    // Read-only commands leave the file where it is; the next writing command puts it aside.
    expect(listed.stderr).not.toMatch(/Moved to/);
    expect((await run('tag', other!, 'x')).stderr).toMatch(/Moved to quarantine\//);

    const restored = await run('backup', 'restore', '--record', id!, '--json');
    expect(restored.code).toBe(0);
    expect(restored.json<BackupRestoreResult>()).toMatchObject({ replayed: 1, record: { id, tags: ['after-the-backup'] } });
    expect((await run('show', id!, '--json')).json<CairnRecord>().tags).toEqual(['after-the-backup']);
    expect((await run('list')).stderr).toBe('');
  });

  it('restoring the whole archive needs --yes when nobody can be asked, and then puts it back', async () => {
    const [id] = await ids();
    const backup = (await run('backup', 'create', '--json')).json<BackupInfo>();
    await run('set', id!, 'title=Changed after the backup');
    const refused = await run('backup', 'restore');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/--yes/);
    expect((await run('show', id!, '--json')).json<CairnRecord>().title).toBe('Changed after the backup');

    const done = await run('backup', 'restore', backup.id, '--yes', '--json');
    expect(done.code).toBe(0);
    expect((await run('show', id!, '--json')).json<CairnRecord>().title).not.toBe('Changed after the backup');
    const reasons = (await run('backup', 'list', '--json')).json<BackupInfo[]>().map((b) => b.reason);
    expect(reasons[0]).toBe('restore');
  });

  it('refuses an unknown action or backup with a clear message', async () => {
    expect((await run('backup')).code).toBe(2);
    const unknown = await run('backup', 'restore', 'nonexistent', '--yes');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/There is no backup “nonexistent”/);
  });
});
