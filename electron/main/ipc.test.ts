// The desktop door's IPC: one handler per contract key, calls from any frame but the app's own dropped.
// Electron itself cannot run here, so its ipcMain is stood in for; the handlers and the core are real.
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CONTRACT_KEYS } from '../contract';
import { Workspace } from '../core/workspace';
import { sampleDir, useTempFolders } from '../core/testing/fixtures';

type Handler = (event: unknown, args: unknown) => Promise<unknown>;
const registered = new Map<string, Handler>();

vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => registered.set(channel, handler) },
}));

const { registerIpc } = await import('./ipc');
const tempFolder = useTempFolders();
const APP_URL = 'file:///opt/cairn/out/renderer/index.html';
const trusted = (url: string) => url.startsWith('file:///opt/cairn/out/renderer/');
const eventFrom = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent } });

let workspace: Workspace | null = null;
afterEach(async () => {
  await workspace?.close();
  registered.clear();
});

async function wiredUp(): Promise<void> {
  const root = await tempFolder();
  workspace = await Workspace.start({ profileDir: path.join(root, 'profile'), archivePath: path.join(root, 'archive'), sampleDir, app: 'Cairn (test)' });
  registerIpc(workspace.handlers({ door: 'desktop' }), trusted);
}

describe('registerIpc', () => {
  it('registers exactly one handler per contract key and no other channel', async () => {
    await wiredUp();
    expect([...registered.keys()].sort()).toEqual([...CONTRACT_KEYS].sort());
  });

  it('answers the app’s own top-level page through the core', async () => {
    await wiredUp();
    const reply = await registered.get('records.list')!(eventFrom(APP_URL), {});
    expect(reply).toMatchObject({ ok: true, result: { total: 5 } });
  });

  it('drops calls from another page, from a sub-frame, or with no frame, before touching the core', async () => {
    await wiredUp();
    const update = registered.get('records.update')!;
    const id = ((await registered.get('records.list')!(eventFrom(APP_URL), {})) as { result: { items: { id: string }[] } }).result.items[0]!.id;
    const forbidden = { ok: false, error: { code: 'E_FORBIDDEN' } };
    const attempt = { id, changes: { title: 'Hijacked' } };
    expect(await update(eventFrom('https://evil.example/'), attempt)).toMatchObject(forbidden);
    expect(await update(eventFrom(APP_URL, { url: APP_URL }), attempt)).toMatchObject(forbidden);
    expect(await update({ senderFrame: null }, attempt)).toMatchObject(forbidden);
    expect(workspace!.archive.get(id).title).not.toBe('Hijacked');
  });

  it('validates arguments at the door: a bad call changes nothing and says why', async () => {
    await wiredUp();
    const reply = await registered.get('records.update')!(eventFrom(APP_URL), { id: '../../etc/passwd', changes: {} });
    expect(reply).toMatchObject({ ok: false, error: { code: 'E_VALIDATION' } });
  });
});
