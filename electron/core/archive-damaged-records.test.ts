// Damaged and foreign record files: two files with one id, wrong-typed fields, a newer Cairn's records.
import { copyFile, readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CairnRecord } from '../contract';
import { exportText } from './testing/export-text';
import { Archive } from './archive';
import { layout } from './store/archive-folder';
import { listTree, readSampleFiles, snapshotTree, useTempFolders } from './testing/fixtures';
import { writeProtect, writeProtectUnavailable } from './testing/write-protect';
import { RECORD_FORMAT_VERSION } from './model/record-schema';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

/** A closed archive holding the five samples; returns its folder and the records' ids by title order. */
async function sampleFolder(): Promise<{ root: string; ids: string[] }> {
  const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app, name: 'Sample' });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  const ids = archive.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.id);
  await archive.close();
  return { root: archive.root, ids };
}

const readJson = async (file: string) => JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
const writeJson = (file: string, value: unknown) => writeFile(file, JSON.stringify(value, null, 2) + '\n');

describe('two files holding one record', () => {
  it('is reported by both names on open, and no edit is acknowledged while it stands', async () => {
    const { root, ids } = await sampleFolder();
    const id = ids[0]!;
    const real = layout.record(root, id);
    const copy = path.join(path.dirname(real), `${id}.sync-conflict-20261123-101010-ABCDEF.json`);
    await copyFile(real, copy);

    const archive = await Archive.open(root, { app });
    const problem = archive.info().problems.find((p) => p.recordId === id);
    expect(problem?.message).toContain(path.relative(root, real));
    expect(problem?.message).toContain(path.relative(root, copy));
    expect(problem?.message).toMatch(/identical/);
    // The record can still be read…
    expect(archive.get(id).id).toBe(id);
    // …but not changed: the edit is refused, not acknowledged and then lost.
    await expect(archive.update({ id, changes: { addTags: ['t1'] } })).rejects.toMatchObject({ code: 'E_RECORD_CONFLICT' });
    await archive.close();
    expect((await readJson(real)).tags).toEqual([]);
    expect((await readJson(copy)).tags).toEqual([]);

    // Other records are unaffected.
    const again = await Archive.open(root, { app });
    await expect(again.update({ id: ids[1]!, changes: { addTags: ['t1'] } })).resolves.toMatchObject({ tags: ['t1'] });
    await again.close();
  });

  it('says whether the copies differ, and the record is writable again once one copy is moved out', async () => {
    const { root, ids } = await sampleFolder();
    const id = ids[0]!;
    const real = layout.record(root, id);
    const copy = path.join(path.dirname(real), `${id} (conflicted copy).json`);
    const older = await readJson(real);
    await writeJson(copy, { ...older, rev: 7, title: 'Edited elsewhere' });

    let archive = await Archive.open(root, { app });
    expect(archive.info().problems.find((p) => p.recordId === id)?.message).toMatch(/differ/);
    await archive.close();

    await rename(copy, path.join(root, '..', 'set-aside.json'));
    archive = await Archive.open(root, { app });
    expect(archive.info().problems).toEqual([]);
    await expect(archive.update({ id, changes: { addTags: ['t1'] } })).resolves.toMatchObject({ tags: ['t1'] });
    await archive.close();
  });

  it('a record file kept under another name is reported and never forked by a write to its usual place', async () => {
    const { root, ids } = await sampleFolder();
    const id = ids[0]!;
    const real = layout.record(root, id);
    const moved = path.join(root, 'records', 'zz', 'renamed.json');
    await mkdir(path.dirname(moved), { recursive: true });
    await rename(real, moved);

    const archive = await Archive.open(root, { app });
    expect(archive.info().problems.find((p) => p.recordId === id)?.message).toContain(path.join('records', 'zz', 'renamed.json'));
    expect(archive.get(id).id).toBe(id);
    await expect(archive.update({ id, changes: { title: 'X' } })).rejects.toMatchObject({ code: 'E_RECORD_CONFLICT' });
    await archive.close();
    await expect(readFile(real)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});

describe('a record file with wrong-typed fields', () => {
  const damages: [string, (r: Record<string, unknown>) => void, RegExp][] = [
    ['tags null', (r) => (r.tags = null), /tags/],
    ['tags missing', (r) => delete r.tags, /tags/],
    ['date a number', (r) => (r.date = 12345), /date/],
    ['text missing', (r) => delete r.text, /text/],
    ['status unknown', (r) => (r.status = 'approved'), /status/],
  ];
  for (const [name, damage, field] of damages) {
    it(`(${name}) is reported and moved to quarantine unchanged, and every other record still lists, searches, shows and exports`, async () => {
      const { root, ids } = await sampleFolder();
      const bad = layout.record(root, ids[0]!);
      const record = await readJson(bad);
      damage(record);
      await writeJson(bad, record);
      const before = await snapshotTree(path.join(root, 'records'));

      const archive = await Archive.open(root, { app });
      const problem = archive.info().problems.find((p) => p.file === path.relative(root, bad));
      expect(problem?.message).toMatch(field);
      expect(archive.list().total).toBe(4);
      await archive.whenIndexed();
      expect(archive.search('Central Asia').total).toBeGreaterThan(0);
      expect(archive.list({ query: 'counter-terrorism' }).total).toBeGreaterThan(0);
      expect(archive.get(ids[1]!).id).toBe(ids[1]);
      expect(await exportText(archive)).toContain(ids[1]!);
      expect(archive.tags()).toEqual([]);
      await archive.update({ id: ids[1]!, changes: { addTags: ['still works'] } });
      await archive.close();

      // Put aside byte for byte, never deleted or rewritten.
      const rel = path.relative(path.join(root, 'records'), bad);
      expect(problem?.quarantined).toMatch(/^quarantine\/[0-9TZ]+\/records\//);
      expect((await readFile(path.join(root, problem!.quarantined!))).toString('base64')).toBe(before[rel]!.bytes);
      expect(Object.keys(await snapshotTree(path.join(root, 'records')))).not.toContain(rel);
    });
  }
});

describe('record format versions', () => {
  it('writes the record format version into every record file', async () => {
    const { root, ids } = await sampleFolder();
    expect((await readJson(layout.record(root, ids[0]!))).formatVersion).toBe(RECORD_FORMAT_VERSION);
  });

  it('reads a record without a version as version 1, and keeps working with it', async () => {
    const { root, ids } = await sampleFolder();
    const file = layout.record(root, ids[0]!);
    const record = await readJson(file);
    delete record.formatVersion;
    await writeJson(file, record);
    const archive = await Archive.open(root, { app });
    expect(archive.info().problems).toEqual([]);
    const edited = await archive.update({ id: ids[0]!, changes: { addTags: ['t'] } });
    expect(edited.formatVersion).toBe(RECORD_FORMAT_VERSION);
    await archive.close();
  });

  it('reads a record from a newer Cairn but refuses to rewrite it, keeping fields it does not know', async () => {
    const { root, ids } = await sampleFolder();
    const file = layout.record(root, ids[0]!);
    const record = await readJson(file);
    await writeJson(file, { ...record, formatVersion: RECORD_FORMAT_VERSION + 1, transcriptions: [{ quote: 'Almaty' }] });
    const bytes = await readFile(file, 'utf8');

    const archive = await Archive.open(root, { app });
    expect(archive.get(ids[0]!).title).toBe(record.title);
    expect(archive.info().problems.find((p) => p.recordId === ids[0])?.message).toMatch(/newer Cairn/);
    await expect(archive.update({ id: ids[0]!, changes: { title: 'X' } })).rejects.toMatchObject({ code: 'E_RECORD_TOO_NEW' });
    // An export carries the fields this Cairn does not know, as they are.
    expect(await exportText(archive)).toContain('"transcriptions"');
    await archive.close();
    expect(await readFile(file, 'utf8')).toBe(bytes);
  });

  it('leaves a newer Cairn’s record it cannot parse where it is, saying so in the interface’s words, not as damage', async () => {
    const { root, ids } = await sampleFolder();
    const file = layout.record(root, ids[0]!);
    // A newer format that changed what a field holds: this Cairn's schema cannot read it.
    await writeJson(file, { ...(await readJson(file)), formatVersion: RECORD_FORMAT_VERSION + 1, title: { en: 'Title', ru: 'Заголовок' } });
    const bytes = await readFile(file, 'utf8');

    const archive = await Archive.open(root, { app });
    const problem = archive.info().problems.find((p) => p.file === path.relative(root, file));
    expect(problem?.text).toEqual({ key: 'record_file_newer_unreadable', params: { version: String(RECORD_FORMAT_VERSION + 1), supported: String(RECORD_FORMAT_VERSION) } });
    // Not damage: not set aside, nothing offered to restore over it.
    expect(problem?.recovery).toBeUndefined();
    expect(problem?.quarantined).toBeUndefined();
    expect(archive.size).toBe(ids.length - 1);
    await archive.close();
    expect(await readFile(file, 'utf8')).toBe(bytes);
  });

  it('keeps fields it does not know in a record of its own version when it rewrites it', async () => {
    const { root, ids } = await sampleFolder();
    const file = layout.record(root, ids[0]!);
    await writeJson(file, { ...(await readJson(file)), futureField: { kept: true } });
    const archive = await Archive.open(root, { app });
    await archive.update({ id: ids[0]!, changes: { title: 'Edited' } });
    await archive.close();
    expect(await readJson(file)).toMatchObject({ title: 'Edited', futureField: { kept: true } });
  });
});

describe('one record type', () => {
  it('a freshly imported record passes the schema records are loaded with', async () => {
    const { root, ids } = await sampleFolder();
    const archive = await Archive.open(root, { app, readOnly: true });
    const record: CairnRecord = archive.get(ids[0]!);
    expect(record.formatVersion).toBe(RECORD_FORMAT_VERSION);
    expect(archive.info().problems).toEqual([]);
  });
});

describe('importing one file is all or nothing', () => {
  const unavailable = writeProtectUnavailable();
  it.skipIf(unavailable !== null)(`a record that cannot be written leaves no original and no temp file behind${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app });
    const [sample] = await readSampleFiles();
    // records/ refuses new shard folders (EPERM, even for root), as a full disk refuses new files.
    const lift = writeProtect(path.join(archive.root, 'records'));
    try {
      const report = await archive.importFiles([sample!]);
      expect(report.failed).toEqual([{ file: sample!.name, code: 'E_IO', message: expect.stringContaining('Nothing was changed') as string, text: expect.objectContaining({ key: 'error_may_not_write' }) as unknown }]);
    } finally {
      lift();
    }
    expect(await listTree(archive.root)).toEqual(['cairn-archive.json', 'cairn.lock']);
    // Once the disk can be written again, the same file imports.
    expect((await archive.importFiles([sample!])).imported).toHaveLength(1);
    await archive.close();
  });

  it('an original left by a crash between the two writes does not stop the same file from importing', async () => {
    const archive = await Archive.create(path.join(await tempFolder(), 'archive'), { app });
    const [sample] = await readSampleFiles();
    const first = await archive.importFiles([sample!]);
    const id = first.imported[0]!.id;
    await archive.close();
    const { rm } = await import('node:fs/promises');
    await rm(layout.record(archive.root, id));
    const again = await Archive.open(archive.root, { app });
    expect((await again.importFiles([sample!])).imported).toHaveLength(1);
    await again.close();
  });
});

describe('temp files left by a kill', () => {
  it('are removed when the archive is next opened for writing, and nothing else is', async () => {
    const { root, ids } = await sampleFolder();
    const shard = path.dirname(layout.record(root, ids[0]!));
    const leftovers = [
      path.join(shard, `.${ids[0]}.json.4242.7.tmp`),
      path.join(root, 'originals', 'ab', '.abcdef.4242.8.tmp'),
      path.join(root, 'vocabularies', '.topics.json.4242.9.tmp'),
      path.join(root, '.cairn-archive.json.4242.1.tmp'),
    ];
    const kept = [path.join(shard, 'notes.tmp'), path.join(shard, '.keep'), path.join(root, '.notes.4242.1.tmp.txt')];
    for (const f of [...leftovers, ...kept]) {
      await mkdir(path.dirname(f), { recursive: true });
      await writeFile(f, '{"half":');
    }
    const before = await listTree(root);

    const reader = await Archive.open(root, { app, readOnly: true });
    await reader.close();
    expect(await listTree(root)).toEqual(before);

    const writer = await Archive.open(root, { app });
    expect(writer.info().problems).toEqual([]);
    await writer.close();
    const after = await listTree(root);
    for (const f of leftovers) expect(after).not.toContain(path.relative(root, f));
    for (const f of kept) expect(after).toContain(path.relative(root, f));
  });
});

describe('things in records/ that are not files', () => {
  it('are reported and left alone, instead of hanging the open (a named pipe) or being followed (a link)', { timeout: 10_000 }, async () => {
    const { root, ids } = await sampleFolder();
    const shard = path.dirname(layout.record(root, ids[0]!));
    const { execFileSync } = await import('node:child_process');
    const { symlink } = await import('node:fs/promises');
    execFileSync('mkfifo', [path.join(shard, 'pipe.json')]);
    await symlink('/dev/zero', path.join(shard, 'zero.json'));
    const archive = await Archive.open(root, { app });
    expect(archive.size).toBe(5);
    expect(archive.info().problems.map((p) => p.file).sort()).toEqual([path.relative(root, path.join(shard, 'pipe.json')), path.relative(root, path.join(shard, 'zero.json'))]);
    await archive.close();
  });
});
