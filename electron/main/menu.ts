// The application menu: each item sends a command the UI carries out exactly as its own buttons do.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../contract';

export const COMMAND_CHANNEL = 'cairn:command';
const IMPORT_ITEM_ID = 'import.files';

export function installMenu(getWindow: () => BrowserWindow | null): void {
  const send = (command: ShellCommand) => () => getWindow()?.webContents.send(COMMAND_CHANNEL, command);
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'New Archive…', accelerator: 'CmdOrCtrl+Shift+N', click: send('archive.new') },
        { label: 'Open Archive…', accelerator: 'CmdOrCtrl+O', click: send('archive.open') },
        { type: 'separator' },
        { id: IMPORT_ITEM_ID, label: 'Import Files…', accelerator: 'CmdOrCtrl+I', click: send('import.files') },
        { label: 'Export as JSON…', accelerator: 'CmdOrCtrl+E', click: send('export.json') },
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: '&View',
      submenu: [
        { label: 'Find', accelerator: 'CmdOrCtrl+F', click: send('search.focus') },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        { role: 'toggleDevTools' },
      ],
    },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Offers Import Files… only where it can work: a read-only archive gets a greyed-out item, not an error after a picker. */
export function allowImport(allowed: boolean): void {
  const item = Menu.getApplicationMenu()?.getMenuItemById(IMPORT_ITEM_ID);
  if (item) item.enabled = allowed;
}
