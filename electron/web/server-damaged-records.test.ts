// Web mode over an archive with damaged and foreign record files: the server stays up and answers.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppInfo, CairnRecord, RecordList, SearchResult } from '../contract';
import { Archive } from '../core/archive';
import { Workspace } from '../core/workspace';
import { layout } from '../core/store/archive-folder';
import { readSampleFiles, sampleDir, useTempFolders } from '../core/testing/fixtures';
import { startWebServer, type WebServer } from './server';

const tempFolder = useTempFolders();
const app = 'Cairn (web test)';

let server: WebServer | null = null;
let workspace: Workspace | null = null;

afterEach(async () => {
  await server?.close();
  await workspace?.close();
  server = workspace = null;
});

type Envelope<T> = { ok: true; result: T } | { ok: false; error: { code: string; message: string } };

async function api<T>(key: string, args?: unknown): Promise<Envelope<T>> {
  const res = await fetch(`${server!.origin}/api/${key}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Secret': server!.secret },
    body: JSON.stringify({ args }),
  });
  return (await res.json()) as Envelope<T>;
}

const result = <T>(envelope: Envelope<T>): T => {
  if (!envelope.ok) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
};

describe('web mode over damaged record files', () => {
  it('keeps answering (list, search, get, export) with tags null, tags missing, date 12345 and a newer record format', async () => {
    const root = await tempFolder('cairn-web-damaged-');
    const archivePath = path.join(root, 'archive');
    const seeded = await Archive.create(archivePath, { app, name: 'Damaged' });
    await seeded.importFiles(await readSampleFiles(), { entities: false });
    const byTitle = (start: string) => seeded.list().items.find((s) => s.title.startsWith(start))!.id;
    const tagsNull = byTitle('Secretary-General Hails');
    const tagsMissing = byTitle('United Nations launches');
    const dateNumber = byTitle('UNRCCA');
    const ids = seeded.list().items.map((s) => s.id);
    const fine = ids.filter((id) => ![tagsNull, tagsMissing, dateNumber].includes(id));
    const newer = fine.pop()!;
    const healthy = fine[0]!;
    await seeded.close();

    const damage = async (id: string, change: (r: Record<string, unknown>) => void) => {
      const file = layout.record(archivePath, id);
      const record = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      change(record);
      await writeFile(file, JSON.stringify(record, null, 2) + '\n');
    };
    await damage(tagsNull, (r) => (r.tags = null));
    await damage(tagsMissing, (r) => delete r.tags);
    await damage(dateNumber, (r) => (r.date = 12345));
    await damage(newer, (r) => Object.assign(r, { formatVersion: 99, transcriptions: [{ quote: 'kept' }] }));
    const damaged = [tagsNull, tagsMissing, dateNumber, newer].map((id) => layout.record(archivePath, id));
    const before = await Promise.all(damaged.map((f) => readFile(f)));

    workspace = await Workspace.start({ profileDir: path.join(root, 'profile'), archivePath, sampleDir, app });
    server = await startWebServer({ workspace, rendererDir: path.join(root, 'renderer'), port: 0 });
    // Opening starts the search index in the background; before, it threw on the first bad record and took the server down.
    await workspace.archive.whenIndexed();

    const info = result(await api<AppInfo>('app.info'));
    const problemFiles = info.archive!.problems.map((p) => p.file).sort();
    expect(problemFiles).toEqual(damaged.map((f) => path.relative(archivePath, f)).sort());
    expect(info.archive!.problems.find((p) => p.file.includes(tagsNull))?.message).toMatch(/tags is null/);
    expect(info.archive!.problems.find((p) => p.file.includes(dateNumber))?.message).toMatch(/date is number 12345/);

    expect(result(await api<RecordList>('records.list', {})).items.map((s) => s.id).sort()).toEqual([healthy, newer].sort());
    expect(result(await api<SearchResult>('search.query', { query: 'counter-terrorism' })).total).toBeGreaterThan(0);
    expect(result(await api<RecordList>('records.list', { query: 'counter-terrorism' })).total).toBeGreaterThan(0);
    expect(result(await api<CairnRecord>('records.get', { id: healthy })).id).toBe(healthy);
    expect(result(await api<CairnRecord>('records.get', { id: newer })).formatVersion).toBe(99);
    expect(result(await api<{ count: number }>('export.count', { format: 'json' })).count).toBe(2);
    expect(result(await api<unknown[]>('tags.list'))).toEqual([]);

    expect(await api('records.update', { id: newer, changes: { title: 'X' } })).toMatchObject({ ok: false, error: { code: 'E_RECORD_TOO_NEW', message: expect.stringMatching(/update Cairn/) as string } });
    expect(result(await api<CairnRecord>('records.update', { id: healthy, changes: { addTags: ['still works'] } })).tags).toEqual(['still works']);

    // The server is still up after the index was built; the damaged files were put aside as they
    // were (never deleted), and the newer Cairn's record stays where it is, for that Cairn.
    const after = result(await api<AppInfo>('app.info')).archive!;
    expect(after.recordCount).toBe(2);
    const kept = damaged.map((f) => {
      const moved = after.problems.find((p) => p.file === path.relative(archivePath, f))?.quarantined;
      return moved ? path.join(archivePath, moved) : f;
    });
    expect(kept.filter((f) => f.includes('quarantine'))).toHaveLength(3);
    expect(await Promise.all(kept.map((f) => readFile(f)))).toEqual(before);
  });
});
