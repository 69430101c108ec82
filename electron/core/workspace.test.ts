// The workspace behind every door: start-up archive, sample collection, notices, recent archives.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ArchiveInfo, RecordList } from '../contract';
import { Archive } from './archive';
import type { CairnError } from './errors';
import { Profile } from './profile';
import { holdArchiveLock, type LockHolderProcess } from './testing/child-process';
import { readSampleFiles, sampleDir, snapshotTree, useTempFolders } from './testing/fixtures';
import { writeProtect, writeProtectUnavailable } from './testing/write-protect';
import { closedArchive } from './testing/archive-folders';
import { dispatch, Workspace, type DoorCapabilities } from './workspace';

const tempFolder = useTempFolders();
const app = 'Cairn (test)';

const door: DoorCapabilities = {
  door: 'web',
};

const started: Workspace[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((ws) => ws.close()));
});

async function start(options: { profileDir?: string; archivePath?: string; empty?: boolean } = {}): Promise<Workspace> {
  const ws = await Workspace.start({ profileDir: options.profileDir ?? (await tempFolder()), archivePath: options.archivePath, sampleDir, empty: options.empty, app });
  started.push(ws);
  return ws;
}

describe('Workspace.start', () => {
  it('creates a missing archive with the five sample records and the sample vocabulary', async () => {
    const archivePath = path.join(await tempFolder(), 'new-archive');
    const ws = await start({ archivePath });
    expect(ws.notice).toBeNull();
    expect(ws.archive.info()).toMatchObject({ path: archivePath, recordCount: 5, readOnly: false, problems: [] });
    expect(ws.archive.vocabularies().map((v) => v.id)).toEqual(['cairn-sample-topics']);
    const titles = ws.archive.list({ sort: { field: 'title', direction: 'asc' } }).items.map((s) => s.title);
    expect(titles[0]).toBe('Central Asia - A New Focus of the UN Global Counter-Terrorism Strategy');
  });

  it('with empty: true creates the archive without records', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'empty'), empty: true });
    expect(ws.archive.info().recordCount).toBe(0);
    expect(ws.archive.vocabularies()).toEqual([]);
  });

  it('without an archive path uses the profile’s own archive, named “My archive”, and reopens the last one next time', async () => {
    const profileDir = await tempFolder();
    const first = await start({ profileDir });
    expect(first.archive.info()).toMatchObject({ path: path.join(profileDir, 'archive'), name: 'My archive', recordCount: 5 });
    const id = first.archive.list().items[0]!.id;
    await first.archive.update({ id, changes: { title: 'Edited before restart' } });
    await first.close();

    const other = path.join(await tempFolder(), 'other');
    const second = await start({ profileDir, archivePath: other, empty: true });
    expect(second.archive.root).toBe(other);
    await second.close();

    const third = await start({ profileDir });
    expect(third.archive.root).toBe(other);
    const fourth = await Archive.open(path.join(profileDir, 'archive'), { app, readOnly: true });
    expect(fourth.get(id).title).toBe('Edited before restart');
    await fourth.close();
  });

  it('opens an existing archive as it is, without loading the samples again', async () => {
    const archivePath = path.join(await tempFolder(), 'a');
    const ws = await start({ archivePath });
    await ws.close();
    const again = await start({ archivePath });
    expect(again.archive.info().recordCount).toBe(5);
  });

  describe('on an archive it cannot open', () => {
    let holder: LockHolderProcess | null = null;
    afterEach(async () => {
      await holder?.kill();
      holder = null;
    });

    it('starts without an archive and with an E_ARCHIVE_LOCKED notice when another process holds it', async () => {
      const archivePath = path.join(await tempFolder(), 'locked');
      const setup = await Archive.create(archivePath, { app });
      await setup.close();
      holder = await holdArchiveLock(archivePath);

      const ws = await start({ archivePath });
      expect(ws.hasArchive).toBe(false);
      expect(ws.notice).toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining(String(holder.pid)) });
      expect(ws.appInfo(door)).toMatchObject({ archive: null, notice: { code: 'E_ARCHIVE_LOCKED' }, door: 'web', canPickFolders: false });
      expect(await dispatch(ws.handlers(door), 'records.list', {})).toMatchObject({ ok: false, error: { code: 'E_NO_ARCHIVE' } });
    });

    it('starts with an E_NOT_AN_ARCHIVE notice on a folder of other files, and leaves them alone', async () => {
      const folder = await tempFolder();
      await writeFile(path.join(folder, 'thesis.txt'), 'mine');
      const ws = await start({ archivePath: folder });
      expect(ws.hasArchive).toBe(false);
      expect(ws.notice).toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
      expect(await readFile(path.join(folder, 'thesis.txt'), 'utf8')).toBe('mine');
    });

    it('clears the notice once an archive is opened', async () => {
      const folder = await tempFolder();
      await writeFile(path.join(folder, 'x.txt'), 'x');
      const ws = await start({ archivePath: folder });
      await ws.createArchive(path.join(await tempFolder(), 'fresh'));
      expect(ws.notice).toBeNull();
      expect(ws.hasArchive).toBe(true);
    });
  });
});

describe('switching archives', () => {
  it('keeps the current archive open when another cannot be opened', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'current') });
    const current = ws.archive;
    const notAnArchive = await tempFolder();
    await expect(ws.openArchive(notAnArchive)).rejects.toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
    await expect(ws.openArchive(path.join(notAnArchive, 'missing'))).rejects.toMatchObject({ code: 'E_NOT_AN_ARCHIVE' });
    expect(ws.archive).toBe(current);
    // Still writable: its lock was not released.
    const id = current.list().items[0]!.id;
    expect((await current.update({ id, changes: { status: 'in-review' } })).rev).toBe(2);
  });

  it('closes the previous archive (releasing its lock) when another opens', async () => {
    const first = path.join(await tempFolder(), 'first');
    const ws = await start({ archivePath: first });
    await ws.createArchive(path.join(await tempFolder(), 'second'));
    const reopened = await Archive.open(first, { app });
    expect(reopened.size).toBe(5);
    await reopened.close();
  });

  it('re-opening the archive that is open keeps it instead of refusing a second writer', async () => {
    const archivePath = path.join(await tempFolder(), 'same');
    const ws = await start({ archivePath });
    const current = ws.archive;
    expect(await ws.openArchive(archivePath + path.sep)).toBe(current);
    const envelope = await dispatch(ws.handlers(door), 'archive.open', { path: archivePath });
    expect(envelope).toMatchObject({ ok: true, result: { path: archivePath, recordCount: 5 } });
    const id = current.list().items[0]!.id;
    expect((await current.update({ id, changes: { status: 'in-review' } })).rev).toBe(2);
  });
});

describe('an archive whose folder cannot be written', () => {
  const unavailable = writeProtectUnavailable();

  /**
   * Starts a workspace on `archivePath` while its folder refuses writing; checks that it opened
   * read-only and says why, runs `check`, and that nothing in the folder changed.
   */
  async function openedWriteProtected(archivePath: string, check: (ws: Workspace, info: ArchiveInfo) => Promise<void>): Promise<void> {
    const before = await snapshotTree(archivePath);
    const lift = writeProtect(archivePath);
    try {
      const ws = await start({ archivePath });
      expect(ws.notice).toBeNull();
      const info = ws.archive.info();
      expect(info).toMatchObject({ readOnly: true, recordCount: 5 });
      expect(info.readOnlyReason).toMatch(/may not write in this archive’s folder.*read, search and export/);
      await check(ws, info);
      await ws.close();
    } finally {
      lift();
    }
    expect(await snapshotTree(archivePath)).toEqual(before);
  }

  it.skipIf(unavailable !== null)(`opens read-only, says why, refuses changes and writes nothing${unavailable ? ` (skipped: ${unavailable})` : ''}`, async () => {
    const archivePath = await closedArchive(path.join(await tempFolder(), 'stick'), { samples: true });
    const reader = await Archive.open(archivePath, { app, readOnly: true });
    const id = reader.list().items[0]!.id;
    await reader.close();
    await openedWriteProtected(archivePath, async (ws, info) => {
      expect(ws.archive.list({ query: 'Almaty' }).total).toBeGreaterThan(0);
      const refused = await dispatch(ws.handlers(door), 'records.update', { id, changes: { title: 'X' } });
      expect(refused).toMatchObject({ ok: false, error: { code: 'E_READ_ONLY', message: info.readOnlyReason } });
    });
  });

  it.skipIf(unavailable !== null)('opens read-only, instead of refusing, when the folder still holds a lock Cairn cannot take over (a stick written on another machine)', async () => {
    const archivePath = await closedArchive(path.join(await tempFolder(), 'stick'), { samples: true });
    // The machine that wrote the stick still had the archive open when the stick was pulled out.
    const holder = { pid: 4242, host: 'field-laptop-7', user: 'aigul', app: 'Cairn 0.1.0 (desktop)', since: '2026-11-20T09:00:00.000Z' };
    await writeFile(path.join(archivePath, 'cairn.lock'), JSON.stringify(holder, null, 2));
    await openedWriteProtected(archivePath, async () => undefined);
  });

  it.skipIf(unavailable !== null)('tells its listeners, as it switches, whether the archive can be changed (the desktop menu offers Import only then)', async () => {
    const root = await tempFolder();
    const stick = path.join(root, 'stick');
    await (await Archive.create(stick, { app })).close();
    const ws = await start({ archivePath: path.join(root, 'desk'), empty: true });
    const heard: [string, boolean][] = [];
    const stop = ws.onArchiveSwitched((info) => heard.push([path.basename(info.path), info.readOnly]));
    const lift = writeProtect(stick);
    try {
      await ws.openArchive(stick);
    } finally {
      lift();
    }
    await ws.createArchive(path.join(root, 'new'));
    stop();
    await ws.openArchive(path.join(root, 'desk'));
    expect(heard).toEqual([
      ['stick', true],
      ['new', false],
    ]);
  });

  it('still refuses, with E_ARCHIVE_LOCKED, an archive whose folder can be written but whose lock another machine holds', async () => {
    const archivePath = path.join(await tempFolder(), 'shared');
    await (await Archive.create(archivePath, { app })).close();
    const holder = { pid: 4242, host: 'field-laptop-7', user: 'aigul', app: 'Cairn 0.1.0 (desktop)', since: '2026-11-20T09:00:00.000Z' };
    await writeFile(path.join(archivePath, 'cairn.lock'), JSON.stringify(holder, null, 2));
    const ws = await start({ archivePath });
    expect(ws.hasArchive).toBe(false);
    expect(ws.notice).toMatchObject({ code: 'E_ARCHIVE_LOCKED', message: expect.stringContaining('field-laptop-7') });
  });
});

describe('recent archives', () => {
  it('lists the most recent first, without duplicates, at most ten, and survives a reload', async () => {
    const profileDir = await tempFolder();
    const ws = await start({ profileDir, archivePath: path.join(await tempFolder(), 'a0'), empty: true });
    const root = await tempFolder();
    const paths = [ws.archive.root];
    for (let i = 1; i <= 11; i++) {
      await ws.createArchive(path.join(root, `a${i}`), `Archive ${i}`);
      paths.push(ws.archive.root);
    }
    await ws.openArchive(paths[5]!);

    const expected = [paths[5], paths[11], paths[10], paths[9], paths[8], paths[7], paths[6], paths[4], paths[3], paths[2]];
    expect(ws.profile.recent().map((r) => r.path)).toEqual(expected);
    expect(ws.profile.recent()[0]!.name).toBe('Archive 5');
    expect((await Profile.load(profileDir)).recent().map((r) => r.path)).toEqual(expected);
    expect((await Profile.load(profileDir)).lastArchive).toBe(paths[5]);
  });

  it('starts afresh from a damaged profile file', async () => {
    const profileDir = await tempFolder();
    await writeFile(path.join(profileDir, 'profile.json'), '{"recent": [');
    const profile = await Profile.load(profileDir);
    expect(profile.recent()).toEqual([]);
    expect(profile.lastArchive).toBeNull();
  });
});

describe('settings', () => {
  it('follow the system until a language is chosen; the choice survives a restart, and the desktop shell hears of it', async () => {
    const profileDir = await tempFolder();
    const ws = await start({ profileDir, empty: true });
    const handlers = ws.handlers(door);
    expect(await dispatch(handlers, 'settings.get', undefined)).toEqual({ ok: true, result: { language: null, name: '', exportFolder: expect.any(String) as string } });
    const heard: unknown[] = [];
    ws.onSettingsChanged((settings) => heard.push(settings));
    expect(await dispatch(handlers, 'settings.update', { language: 'ru' })).toEqual({ ok: true, result: { language: 'ru', name: '', exportFolder: expect.any(String) as string } });
    expect(heard).toEqual([{ language: 'ru', name: '', exportFolder: expect.any(String) as string }]);
    await ws.close();
    const again = await start({ profileDir, empty: true });
    expect(again.profile.settings()).toEqual({ language: 'ru', name: '', exportFolder: expect.any(String) as string });
    expect(await dispatch(again.handlers(door), 'settings.update', { language: null })).toEqual({ ok: true, result: { language: null, name: '', exportFolder: expect.any(String) as string } });
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: null, name: '', exportFolder: expect.any(String) as string });
  });

  it('refuses a language Cairn does not speak, with a code and words in both languages, and changes nothing', async () => {
    const profileDir = await tempFolder();
    const ws = await start({ profileDir, empty: true });
    const envelope = await dispatch(ws.handlers(door), 'settings.update', { language: 'de' });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'E_VALIDATION', message: expect.stringContaining('settings.update at language') as string, text: { key: 'request_invalid_at' } } });
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: null, name: '', exportFolder: expect.any(String) as string });
  });

  it('read a language written by hand that Cairn does not speak as “follow the system”', async () => {
    const profileDir = await tempFolder();
    await writeFile(path.join(profileDir, 'profile.json'), JSON.stringify({ recent: [], lastArchive: null, language: 'tlh' }));
    expect((await Profile.load(profileDir)).settings()).toEqual({ language: null, name: '', exportFolder: expect.any(String) as string });
  });

  it('remember the folder of the last export (a full path; a relative one is refused)', async () => {
    const profileDir = await tempFolder();
    const exports = await tempFolder();
    const ws = await start({ profileDir, empty: true });
    expect(await dispatch(ws.handlers(door), 'settings.update', { exportFolder: 'exports' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
    expect(await dispatch(ws.handlers(door), 'settings.update', { exportFolder: exports })).toMatchObject({ ok: true, result: { exportFolder: exports } });
    expect((await Profile.load(profileDir)).settings().exportFolder).toBe(exports);
  });
});

describe('handlers', () => {
  it('canonicalise tags through the sample vocabulary: “jpoa” becomes “Joint Plan of Action”', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'v') });
    const handlers = ws.handlers(door);
    const id = ws.archive.list().items[0]!.id;
    const envelope = await dispatch(handlers, 'records.update', { id, changes: { tags: ['jpoa', 'CT', 'Counterterrorism', 'fieldwork'] } });
    expect(envelope).toMatchObject({ ok: true, result: { tags: ['Joint Plan of Action', 'Counter-terrorism', 'fieldwork'] } });
    expect(await dispatch(handlers, 'tags.list', undefined)).toMatchObject({
      ok: true,
      result: expect.arrayContaining([{ tag: 'Joint Plan of Action', count: 1 }]),
    });
  });

  it('records.list gives every id in order but only a window of summaries (200 when not asked), and records.summaries the rest', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'w'), empty: true });
    const handlers = ws.handlers(door);
    const files = Array.from({ length: 230 }, (_, i) => ({ name: `n${i}.txt`, bytes: Buffer.from(`Note ${String(i).padStart(3, '0')}\n\nField words ${i}.`) }));
    await ws.archive.importFiles(files);
    const byTitle = { sort: { field: 'title', direction: 'asc' } } as const;
    const all = ws.archive.list(byTitle);
    const first = await dispatch(handlers, 'records.list', byTitle);
    if (!first.ok) throw new Error(first.error.message);
    const listed = first.result as RecordList;
    expect(listed).toMatchObject({ total: 230, offset: 0 });
    expect(listed.ids).toEqual(all.items.map((s) => s.id));
    expect(listed.items).toEqual(all.items.slice(0, 200));
    const window = await dispatch(handlers, 'records.list', { ...byTitle, offset: 225, limit: 10 });
    expect(window).toMatchObject({ ok: true, result: { offset: 225, items: all.items.slice(225) } });
    const rest = await dispatch(handlers, 'records.summaries', { ids: [all.items[229]!.id, '00000000-0000-4000-8000-000000000000', all.items[201]!.id] });
    expect(rest).toEqual({ ok: true, result: [all.items[229], all.items[201]] });
    // Never every summary at once, and a clear error for a window too large.
    expect(await dispatch(handlers, 'records.list', { limit: 1001 })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION', message: expect.stringContaining('limit') } });
    expect(await dispatch(handlers, 'records.summaries', { ids: ['../etc'] })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('import base64 files, refusing duplicates and reporting each bad file', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'i') });
    const [first] = await readSampleFiles();
    const envelope = await dispatch(ws.handlers(door), 'records.import', {
      files: [
        { name: first!.name, dataBase64: first!.bytes.toString('base64') },
        { name: 'new.txt', dataBase64: Buffer.from('Field notes from Osh\n\nWe arrived late.').toString('base64') },
        { name: 'scan.pdf', dataBase64: Buffer.from('%PDF').toString('base64') },
      ],
    });
    expect(envelope).toMatchObject({
      ok: true,
      result: {
        imported: [{ file: 'new.txt', title: 'Field notes from Osh' }],
        duplicates: [{ file: first!.name }],
        failed: [{ file: 'scan.pdf', code: 'E_DECODE' }],
      },
    });
    expect(ws.archive.size).toBe(6);
  });

  it('import in several calls as one session (one undo), preview a CSV file, and re-decode a record', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 's'), empty: true });
    const handlers = ws.handlers(door);
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    const one = await dispatch(handlers, 'records.import', { files: [{ name: 'a.txt', dataBase64: b64('Note A\n\nFirst words.') }], session: 'session-0001', first: true, last: false });
    const two = await dispatch(handlers, 'records.import', { files: [{ name: 'b.txt', dataBase64: b64('Note B\n\nSecond words.') }], session: 'session-0001', last: false });
    expect(await dispatch(handlers, 'records.import', { files: [], session: 'session-0001', last: true })).toMatchObject({ ok: true });
    expect([one, two]).toMatchObject([{ ok: true }, { ok: true }]);
    expect(await dispatch(handlers, 'changes.undo', undefined)).toMatchObject({ ok: true, result: { reversed: { kind: 'import' } } });
    expect(ws.archive.size).toBe(0);
    expect(await dispatch(handlers, 'records.import', { files: [] })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });

    const preview = await dispatch(handlers, 'records.csvPreview', { name: 'list.csv', dataBase64: b64('Headline;Body\n"A";"Words, more"\n') });
    expect(preview).toEqual({ ok: true, result: { columns: ['Headline', 'Body'], map: { title: 'Headline', text: 'Body' }, rows: [['A', 'Words, more']] } });

    // "ДУШАНБЕ" in KOI8-R: detection reads it as Windows-1251; the person says KOI8-R.
    const koi8 = Buffer.from([0xe4, 0xf5, 0xfb, 0xe1, 0xee, 0xe2, 0xe5]).toString('base64');
    const imported = await dispatch(handlers, 'records.import', { files: [{ name: 'd.txt', dataBase64: koi8 }] });
    const id = (imported as { ok: true; result: { imported: { id: string }[] } }).result.imported[0]!.id;
    expect(await dispatch(handlers, 'records.redecode', { id, encoding: 'koi8-r' })).toMatchObject({ ok: true, result: { text: 'ДУШАНБЕ', source: { encoding: 'koi8-r', detectedEncoding: 'windows-1251' } } });
    expect(await dispatch(handlers, 'records.redecode', { id, encoding: 'ebcdic' })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });

  it('refuse the folder picker where the door has none', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'p'), empty: true });
    expect(await dispatch(ws.handlers(door), 'archive.chooseFolder', { purpose: 'open' })).toMatchObject({ ok: false, error: { code: 'E_UNSUPPORTED' } });
    const desktop: DoorCapabilities = { ...door, door: 'desktop', chooseFolder: async (purpose) => `/picked/for/${purpose}` };
    expect(await dispatch(ws.handlers(desktop), 'archive.chooseFolder', { purpose: 'create' })).toEqual({ ok: true, result: { path: '/picked/for/create' } });
  });

  it('create an archive through the door, refusing a non-empty folder', async () => {
    const first = path.join(await tempFolder(), 'c');
    const ws = await start({ archivePath: first, empty: true });
    const busy = await tempFolder();
    await writeFile(path.join(busy, 'x'), 'x');
    expect(await dispatch(ws.handlers(door), 'archive.create', { path: busy })).toMatchObject({ ok: false, error: { code: 'E_FOLDER_NOT_EMPTY' } });
    const fresh = path.join(await tempFolder(), 'fresh');
    expect(await dispatch(ws.handlers(door), 'archive.create', { path: fresh, name: 'Osh office' })).toMatchObject({
      ok: true,
      result: { path: fresh, name: 'Osh office', recordCount: 0 },
    });
    expect(await dispatch(ws.handlers(door), 'archive.recent', undefined)).toMatchObject({ ok: true, result: [{ path: fresh }, { path: first }] });
  });
});

describe('folderFromUser', () => {
  it('expands ~ to the home folder, keeps full paths, and refuses relative ones with an example', async () => {
    const { folderFromUser } = await import('./workspace');
    expect(folderFromUser('~/Archives/osh', '/home/aida')).toBe('/home/aida/Archives/osh');
    expect(folderFromUser('  ~  ', '/home/aida')).toBe('/home/aida');
    expect(folderFromUser('/media/usb/cairn/../cairn', '/home/aida')).toBe('/media/usb/cairn');
    expect(() => folderFromUser('archives/osh', '/home/aida')).toThrow(/not a full folder path.*\/home\/aida\/Archives\/field-office/);
    expect(() => folderFromUser('./x', '/home/aida')).toThrow(expect.objectContaining({ code: 'E_VALIDATION' }));
  });
});

describe('a lock from another machine (a stick moved between laptops)', () => {
  it('is never taken silently: opening names the other laptop, and only archive.takeOver (the person said it no longer runs) takes it', async () => {
    const archivePath = await closedArchive(path.join(await tempFolder(), 'stick'), { samples: true });
    const holder = { pid: 4242, host: 'field-laptop-7', user: 'aigul', app: 'Cairn 0.1.0 (desktop)', since: '2026-11-20T09:00:00.000Z' };
    await writeFile(path.join(archivePath, 'cairn.lock'), JSON.stringify(holder, null, 2));
    const ws = await start({ archivePath: path.join(await tempFolder(), 'desk'), empty: true });
    const refused = await ws.openArchive(archivePath).catch((e: unknown) => e as CairnError);
    expect(refused).toMatchObject({ code: 'E_ARCHIVE_LOCKED', text: { key: 'lock_undecidable_other_host', params: { host: 'field-laptop-7' } } });
    expect(JSON.parse(await readFile(path.join(archivePath, 'cairn.lock'), 'utf8'))).toEqual(holder);

    const taken = await ws.takeOverArchive(archivePath);
    expect(taken.info()).toMatchObject({ readOnly: false, recordCount: 5 });
    expect(JSON.parse(await readFile(path.join(archivePath, 'cairn.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await ws.close();
  });

  it('is not taken over when its holder certainly still runs here', async () => {
    const archivePath = await closedArchive(path.join(await tempFolder(), 'busy'), { samples: true });
    const other = await Archive.open(archivePath, { app: 'Another window' });
    const ws = await start({ archivePath: path.join(await tempFolder(), 'desk'), empty: true });
    await expect(ws.takeOverArchive(archivePath)).rejects.toMatchObject({ code: 'E_ARCHIVE_LOCKED' });
    await other.close();
    await ws.close();
  });
});

describe('a bulk change as a job', () => {
  it('records.updateManyStart runs in the background; jobs.status says how far it has come and, at the end, what it did', async () => {
    const ws = await start({ archivePath: path.join(await tempFolder(), 'archive') });
    const handlers = ws.handlers(door);
    const ids = ws.archive.list({}).items.map((s) => s.id);
    const started = await dispatch(handlers, 'records.updateManyStart', { ids, changes: { addTags: ['Field visit'] } });
    expect(started).toMatchObject({ ok: true, result: { kind: 'bulk', state: 'running', total: 5 } });
    const job = (started as { result: { job: string } }).result.job;
    // One operation: asked to stop, it still runs to its end (one Ctrl+Z takes it all back).
    expect(ws.jobs.cancel(job).state).toBe('running');
    const done = await ws.jobs.settled(job);
    expect(done).toMatchObject({ state: 'done', done: 5, total: 5, changed: { changed: 5, unchanged: 0 } });
    expect(ws.archive.list({ query: 'tag:"Field visit"' }).items).toHaveLength(5);
    // Refused as the direct call is: no record named.
    expect(await dispatch(handlers, 'records.updateManyStart', { ids: [], changes: { addTags: ['x'] } })).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });
});
