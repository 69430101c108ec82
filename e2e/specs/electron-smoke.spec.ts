// The desktop app itself, through Playwright's Electron driver, where an Electron binary exists.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { APP_V8_FLAGS } from '../../electron/common/v8-flags';
import { findElectron } from '../electron-runtime';

const root = path.resolve(import.meta.dirname, '..', '..');

const found = findElectron();

test.describe('desktop app (Electron)', () => {
  test.skip('missing' in found, 'missing' in found ? `Electron-mode e2e skipped: ${found.missing}.` : '');

  test('opens on the sample collection, edits a title and keeps it after a restart', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'cairn-electron-'));
    const launch = () =>
      electron.launch({
        executablePath: (found as { path: string }).path,
        args: [`--js-flags=${APP_V8_FLAGS.join(' ')}`, root, '--data-dir', path.join(dir, 'archive'), '--profile', path.join(dir, 'profile')],
      });
    try {
      let app = await launch();
      let win = await app.firstWindow();
      await expect(win.getByRole('searchbox', { name: 'Search records' })).toBeVisible();
      const isolated = await win.evaluate(() => typeof (globalThis as { require?: unknown }).require === 'undefined' && 'cairn' in window);
      expect(isolated).toBe(true);
      const total = await win.evaluate(async () => {
        const r = await window.cairn!.invoke('records.list', {});
        return r.ok ? r.result.total : -1;
      });
      expect(total).toBe(5);
      const id = await win.evaluate(async () => {
        const r = await window.cairn!.invoke('records.list', {});
        if (!r.ok) throw new Error(r.error.message);
        const first = r.result.items[0]!;
        await window.cairn!.invoke('records.update', { id: first.id, changes: { title: 'Edited on the desktop' } });
        return first.id;
      });
      await app.close();
      app = await launch();
      win = await app.firstWindow();
      const title = await win.evaluate(async (recordId) => {
        const r = await window.cairn!.invoke('records.get', { id: recordId });
        return r.ok ? r.result.title : r.error.message;
      }, id);
      expect(title).toBe('Edited on the desktop');
      await app.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
