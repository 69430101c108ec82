// The desktop shell: app lifecycle, the one window, native dialogs; everything else is the core.
import { app, BrowserWindow, dialog, shell } from 'electron';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { APP_NAME, APP_VERSION, Workspace, type DoorCapabilities } from '../core/workspace';
import { matchLocale, type Locale } from '../common/i18n/locale';
import * as m from '../common/i18n/paraglide/messages.js';
import { registerIpc } from './ipc';
import { allowImport, installMenu } from './menu';
import { blockForeignRequests, denyNavigation, rendererEntry, secureWebPreferences } from './security';
import { useImportWorker } from '../core/import/preparer';

// The import worker is built beside this file (out/main/import-worker.js).
useImportWorker(path.join(import.meta.dirname, 'import-worker.js'));

const { values: flags } = parseArgs({
  args: process.argv.slice(app.isPackaged ? 1 : 2),
  options: {
    'data-dir': { type: 'string' },
    profile: { type: 'string' },
    empty: { type: 'boolean', default: false },
  },
  strict: false,
  allowPositionals: true,
});

// A throw-away profile for tests and trials: --profile DIR (Tropy's --data idea).
if (typeof flags.profile === 'string') app.setPath('userData', path.resolve(flags.profile));

let mainWindow: BrowserWindow | null = null;
let workspace: Workspace | null = null;

/** The language of menus and native dialogs: the one chosen in Settings, else the system's. */
function shellLocale(): Locale {
  return workspace?.profile.settings().language ?? matchLocale(app.getPreferredSystemLanguages());
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (mainWindow?.isMinimized()) mainWindow.restore();
    mainWindow?.focus();
  });
  denyNavigation();
  app.whenReady().then(start).catch((e: unknown) => {
    dialog.showErrorBox(m.app_could_not_start({}, { locale: shellLocale() }), (e as Error).message);
    app.exit(1);
  });
}

async function start(): Promise<void> {
  const entry = rendererEntry();
  blockForeignRequests(entry.isAllowed);

  workspace = await Workspace.start({
    profileDir: app.getPath('userData'),
    archivePath: typeof flags['data-dir'] === 'string' ? path.resolve(flags['data-dir']) : process.env.CAIRN_DATA_DIR || undefined,
    sampleDir: path.join(app.getAppPath(), 'data', 'sample'),
    empty: flags.empty === true || process.env.CAIRN_EMPTY === '1',
    app: `${APP_NAME} ${APP_VERSION} (desktop)`,
  });

  const door: DoorCapabilities = {
    door: 'desktop',
    async chooseFolder(purpose) {
      const locale = { locale: shellLocale() };
      const titles = {
        open: m.dialog_choose_archive_folder({}, locale),
        create: m.dialog_choose_new_archive_folder({}, locale),
        export: m.dialog_choose_export_folder({}, locale),
        bag: m.dialog_choose_bag_folder({}, locale),
      };
      const options: Electron.OpenDialogOptions = {
        title: titles[purpose],
        properties: purpose === 'bag' ? ['openDirectory'] : ['openDirectory', 'createDirectory'],
      };
      const result = mainWindow ? await dialog.showOpenDialog(mainWindow, options) : await dialog.showOpenDialog(options);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async reveal(target) {
      shell.showItemInFolder(target);
    },
  };
  registerIpc(workspace.handlers(door), entry.isAllowed);
  installMenu(() => mainWindow, shellLocale());
  workspace.onSettingsChanged(() => installMenu(() => mainWindow, shellLocale()));
  allowImport(!(workspace.hasArchive && workspace.archive.readOnly));
  workspace.onArchiveSwitched((info) => allowImport(!info.readOnly));
  createWindow(entry.url);

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(entry.url);
  });
}

function createWindow(url: string): void {
  mainWindow = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    title: APP_NAME,
    show: false,
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '..', 'preload', 'index.cjs')),
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => (mainWindow = null));
  void mainWindow.loadURL(url);
}

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !workspace) return;
  // Release the archive's lock before the process goes.
  event.preventDefault();
  quitting = true;
  void workspace.close().finally(() => app.quit());
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
