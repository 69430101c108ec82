// verify: a healthy archive is all well; each kind of damage is named, by file, as what it is.
import { appendFile, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { layout } from '../store/archive-folder';
import { readSampleFiles, useTempFolders } from '../testing/fixtures';
import { verifyArchive } from './verify-archive';

const tempFolder = useTempFolders();

async function sampleArchive(withBackup = true) {
  const root = path.join(await tempFolder(), 'archive');
  const archive = await Archive.create(root, { app: 'test', person: 'Tester' });
  await archive.importFiles(await readSampleFiles(), { entities: false });
  const [first] = archive.list().items;
  await archive.markEntity({ id: first!.id, name: 'Natalia Gherman', kind: 'person' });
  if (withBackup) await archive.createBackup('manual');
  await archive.close();
  return { root, records: (await Archive.open(root, { app: 'test', readOnly: true })).list().items };
}

const found = (report: Awaited<ReturnType<typeof verifyArchive>>) => report.findings.map((f) => `${f.problem} ${f.file}`);

describe('verifyArchive', () => {
  it('finds a healthy archive well, every file matching the backup it was checked against', async () => {
    const { root } = await sampleArchive();
    const report = await verifyArchive(root);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.files).toBeGreaterThan(15);
    expect(report.matchedBackup).toBe(report.files);
    expect(report.backup).not.toBeNull();
  });

  it('checks the search index’s snapshot (made from the records, so never backed up) and names it when damaged', async () => {
    const { root } = await sampleArchive();
    const archive = await Archive.open(root, { app: 'test' });
    await archive.whenIndexed();
    await archive.close();
    expect((await verifyArchive(root)).ok).toBe(true);
    const snapshot = path.join(root, 'search', 'index.snapshot');
    const bytes = await readFile(snapshot);
    await writeFile(snapshot, bytes.subarray(0, bytes.length - 10));
    const report = await verifyArchive(root);
    expect(found(report)).toEqual(['damaged search/index.snapshot']);
    expect(report.findings[0]!.message).toMatch(/search index is damaged \(it is cut off: \d+ of \d+ bytes\)/);
  });

  it('without a backup, checks files by their format and says so', async () => {
    const { root } = await sampleArchive(false);
    const report = await verifyArchive(root);
    expect(report.ok).toBe(true);
    expect(report.backup).toBeNull();
    expect(report.matchedBackup).toBe(0);
  });

  it('names a truncated record, a zeroed entity, a damaged original, a torn log line and a stray file', async () => {
    const { root, records } = await sampleArchive();
    const [a, b] = records;
    const recordFile = layout.record(root, a!.id);
    await writeFile(recordFile, (await readFile(recordFile)).subarray(0, 200));
    const entityDir = path.join(root, 'entities');
    const shard = (await import('node:fs/promises')).readdir;
    const [entityShard] = await shard(entityDir);
    const [entityFile] = await shard(path.join(entityDir, entityShard!));
    const entityPath = path.join(entityDir, entityShard!, entityFile!);
    await writeFile(entityPath, Buffer.alloc((await stat(entityPath)).size));
    const bRecord = JSON.parse(await readFile(layout.record(root, b!.id), 'utf8')) as { source: { sha256: string } };
    const original = layout.original(root, bRecord.source.sha256);
    await appendFile(original, 'x');
    const log = path.join(root, 'changes', b!.id.slice(0, 2), `${b!.id}.jsonl`);
    await appendFile(log, '{"change":"torn');
    await writeFile(path.join(root, 'records', 'notes.txt'), 'mine');
    await writeFile(path.join(root, '.DS_Store'), 'litter');

    const report = await verifyArchive(root);
    const rel = (p: string) => path.relative(root, p).split(path.sep).join('/');
    expect(found(report)).toEqual(
      expect.arrayContaining([`damaged ${rel(recordFile)}`, `damaged ${rel(entityPath)}`, `damaged ${rel(original)}`, `damaged ${rel(log)}`, 'unexpected records/notes.txt']),
    );
    expect(report.findings).toHaveLength(5);
    expect(report.ok).toBe(false);
    expect(report.findings.find((f) => f.file === rel(entityPath))!.message).toMatch(/zero bytes/);
    expect(report.findings.find((f) => f.file === rel(original))!.message).toMatch(/checksum/);
    expect(report.findings.find((f) => f.file === rel(log))!.message).toMatch(/cut off/);
  });

  it('takes a file whose bytes changed but whose size and date did not for damage on disk, not a change', async () => {
    const { root, records } = await sampleArchive();
    const file = layout.record(root, records[0]!.id);
    const before = await stat(file);
    const content = await readFile(file, 'utf8');
    // Bit rot: one letter of the text changes, the JSON stays valid, the size and date stay the same.
    const i = content.indexOf('"text": "') + 12;
    await writeFile(file, content.slice(0, i) + (content[i] === 'a' ? 'b' : 'a') + content.slice(i + 1));
    await utimes(file, before.atime, before.mtime);
    const report = await verifyArchive(root);
    expect(found(report)).toEqual([`damaged ${path.relative(root, file).split(path.sep).join('/')}`]);
    expect(report.findings[0]!.message).toMatch(/damaged on disk/);
  });

  it('names what is missing: a record file its history says exists, the original a record needs, the description file', async () => {
    const { root, records } = await sampleArchive();
    const record = JSON.parse(await readFile(layout.record(root, records[1]!.id), 'utf8')) as { source: { sha256: string } };
    await rm(layout.record(root, records[0]!.id));
    await rm(layout.original(root, record.source.sha256));
    await rm(layout.manifest(root));
    const report = await verifyArchive(root);
    expect(found(report)).toEqual([
      'missing cairn-archive.json',
      `missing originals/${record.source.sha256.slice(0, 2)}/${record.source.sha256}`,
      `missing records/${records[0]!.id.slice(0, 2)}/${records[0]!.id}.json`,
    ]);
  });

  it('does not take a record an undo took out (kept in removed/) for a missing one', async () => {
    const root = path.join(await tempFolder(), 'archive');
    const archive = await Archive.create(root, { app: 'test' });
    await archive.importFiles((await readSampleFiles()).slice(0, 2));
    await archive.createBackup('manual');
    await archive.undo();
    await archive.close();
    expect(found(await verifyArchive(root))).toEqual([]);
  });
});
