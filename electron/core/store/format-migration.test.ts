// Archives made by earlier versions of Cairn, kept as fixtures made by those versions, open in this
// one: read-only exactly as they are, and brought to the current format when opened for writing,
// after a backup, with nothing lost; and an upgrade cut short by a power cut at any point leaves
// either the old archive or the upgraded one, never a mix that does not open.
import { cp, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Archive } from '../archive';
import { RECORD_FORMAT_VERSION } from '../model/record-schema';
import { backupDir, listSnapshots, readBackedUpFile } from '../backup/backup-store';
import { snapshotTree, useTempFolders } from '../testing/fixtures';
import { seededRandom } from '../testing/random';
import { crashState, durableAt, filesOf, fingerprint, materialize, type Outcome } from '../testing/crash/power-loss/crash-states';
import { recordWrites, type Recording, type WriteOp } from '../testing/crash/power-loss/write-recorder';
import { FORMAT_VERSION, layout } from './archive-folder';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A copy of a fixture archive: the fixture itself is never opened (opening for writing changes it). */
async function copyOf(name: string): Promise<string> {
  const root = path.join(await tempFolder(), name);
  await cp(path.join(fixtures, name), root, { recursive: true });
  return root;
}

/** Every earlier format, with what its fixture holds. */
const earlier = [
  { fixture: 'archive-v1', version: 1, vocabularies: 1, reviewedBy: undefined, recordFormat: 1 },
  { fixture: 'archive-v2', version: 2, vocabularies: 0, reviewedBy: 'Aida Fixture', recordFormat: 1 },
  // Made by `cairn` at format 3 (2026-12-07): two samples, one with a creator, a tag, a marked place and a review.
  { fixture: 'archive-v3', version: 3, vocabularies: 0, reviewedBy: 'Aida Fixture', recordFormat: 2 },
] as const;

describe.each(earlier)('an archive of format $version', ({ fixture, version, vocabularies, reviewedBy, recordFormat }) => {
  it('opens read-only exactly as it is, changing no file', async () => {
    const root = await copyOf(fixture);
    const before = await snapshotTree(root);
    const archive = await Archive.open(root, { app, readOnly: true });
    expect(archive.info()).toMatchObject({ formatVersion: version, recordCount: 2, problems: [] });
    expect(archive.vocabularies()).toHaveLength(vocabularies);
    expect(archive.list().items.every((s) => archive.get(s.id).annotations.length === 0)).toBe(true);
    await archive.close();
    expect(await snapshotTree(root)).toEqual(before);
  });

  it('is brought to the current format when opened for writing, after a backup of it as it was: records, review marks, vocabularies and undo all kept', async () => {
    const root = await copyOf(fixture);
    const manifestBefore = await readFile(layout.manifest(root), 'utf8');
    const archive = await Archive.open(root, { app, person: 'Dilnoza Karimova', autoBackup: true });
    expect(archive.info()).toMatchObject({ formatVersion: FORMAT_VERSION, recordCount: 2, problems: [] });
    expect(JSON.parse(await readFile(layout.manifest(root), 'utf8'))).toMatchObject({ version: FORMAT_VERSION, replica: expect.any(String) });
    expect(archive.vocabularies()).toHaveLength(vocabularies);
    const [backup] = await listSnapshots(backupDir(root));
    expect(backup).toMatchObject({ reason: 'migration', archive: { formatVersion: version } });
    expect((await readBackedUpFile(backupDir(root), backup!.id, 'cairn-archive.json'))!.toString()).toBe(manifestBefore);

    const reviewed = archive.list().items.find((s) => s.status === 'reviewed')!;
    const record = archive.get(reviewed.id);
    // Fields later formats added read as empty.
    expect(record).toMatchObject({ formatVersion: recordFormat, creator: 'UNRCCA', publisher: '', type: '', derivedFrom: '', rights: '', annotations: [], notes: [] });
    expect(record.entities).toHaveLength(version >= 3 ? 1 : 0);
    expect(record.tags).toContain('regional cooperation');
    if (reviewedBy) expect(record.review).toMatchObject({ by: { name: reviewedBy } });

    // The first change writes the record in the new format, and undo takes it back.
    const { annotation } = await archive.annotate({ id: record.id, quote: 'Ashgabat' });
    const stored = JSON.parse(await readFile(layout.record(root, record.id), 'utf8')) as { formatVersion: number; annotations: unknown[] };
    expect(stored.formatVersion).toBe(RECORD_FORMAT_VERSION);
    expect(stored.annotations).toHaveLength(1);
    expect(annotation.quote.exact).toBe('Ashgabat');
    await archive.undo();
    expect(archive.get(record.id).annotations).toEqual([]);
    if (version >= 2) {
      // Undo reaches back into what the earlier Cairn logged.
      await archive.undo();
      expect(archive.get(record.id).status).toBe('new');
    } else {
      // Format 1 kept no history: it starts with the first change this Cairn makes.
      expect((await archive.history(record.id)).entries.every((e) => e.field === 'annotations')).toBe(true);
    }
    await archive.close();
  });

  it('is never left half-upgraded: a power cut at any point of the upgrade leaves an archive that opens with every record as it was', { timeout: 120_000 }, async () => {
    const root = await copyOf(fixture);
    const contents = async (dir: string) => Object.entries(await snapshotTree(dir)).map(([file, state]) => `${file} ${state.bytes}`).sort();
    const records = await contents(path.join(root, 'records'));
    const recorder = await recordWrites(root);
    let recording: Recording;
    try {
      await (await Archive.open(root, { app, autoBackup: true })).close();
    } finally {
      recording = recorder.stop();
    }
    const durable = durableAt(recording.ops);
    const random = seededRandom(version * 97);
    const seen = new Set<string>();
    const failures: string[] = [];
    let opened = 0;
    const states: [number, (i: number, op: WriteOp) => Outcome][] = [];
    for (let cut = 0; cut <= recording.ops.length; cut++) states.push([cut, () => 'none']);
    for (let n = 0; n < 60; n++) {
      const chosen = new Map<number, Outcome>();
      states.push([
        Math.floor(random() * (recording.ops.length + 1)),
        (i, op) => {
          if (!chosen.has(i)) {
            const r = random();
            chosen.set(i, r < 0.45 ? 'all' : r < 0.8 || op.t !== 'write' ? 'none' : { bytes: Math.floor(random() * op.data.length) });
          }
          return chosen.get(i)!;
        },
      ]);
    }
    for (const [cut, outcome] of states) {
      const files = filesOf(crashState(recording, durable, cut, outcome));
      const key = fingerprint(files);
      if (seen.has(key)) continue;
      seen.add(key);
      const dir = path.join(path.dirname(root), 'state');
      await rm(dir, { recursive: true, force: true });
      await materialize(files, dir);
      try {
        // Read-only first: what the cut left, exactly; then for writing, which finishes the upgrade.
        for (const readOnly of [true, false]) {
          const archive = await Archive.open(dir, { app, readOnly, autoBackup: !readOnly });
          const info = archive.info();
          if (info.recordCount !== 2 || info.problems.length || info.repair) failures.push(`cut at ${cut}: ${JSON.stringify({ readOnly, records: info.recordCount, problems: info.problems.map((p) => p.message), repair: info.repair })}`);
          if (![version, FORMAT_VERSION].includes(info.formatVersion)) failures.push(`cut at ${cut}: format ${info.formatVersion}`);
          await archive.close();
        }
        opened++;
        if (JSON.stringify(await contents(path.join(dir, 'records'))) !== JSON.stringify(records)) failures.push(`cut at ${cut}: a record file changed`);
      } catch (e) {
        failures.push(`cut at ${cut}: ${(e as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    expect(opened).toBeGreaterThan(10);
  });
});
