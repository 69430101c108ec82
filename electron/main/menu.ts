// The application menu: each item sends a command the UI carries out exactly as its own buttons do.
import { Menu, type BrowserWindow, type MenuItemConstructorOptions } from 'electron';
import type { ShellCommand } from '../contract';
import type { Locale } from '../common/i18n/locale';
import * as m from '../common/i18n/paraglide/messages.js';

export const COMMAND_CHANNEL = 'cairn:command';
const IMPORT_ITEM_ID = 'import.files';
const IMPORT_FOLDER_ITEM_ID = 'import.folder';

/** Builds the menu in `locale`; called again when the person switches language in Settings. */
export function installMenu(getWindow: () => BrowserWindow | null, locale: Locale): void {
  const send = (command: ShellCommand) => () => getWindow()?.webContents.send(COMMAND_CHANNEL, command);
  const o = { locale };
  const wasAllowed = Menu.getApplicationMenu()?.getMenuItemById(IMPORT_ITEM_ID)?.enabled ?? true;
  const isMac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: m.menu_file({}, o),
      submenu: [
        { label: m.menu_new_archive({}, o), accelerator: 'CmdOrCtrl+Shift+N', click: send('archive.new') },
        { label: m.menu_open_archive({}, o), accelerator: 'CmdOrCtrl+O', click: send('archive.open') },
        { type: 'separator' },
        { id: IMPORT_ITEM_ID, label: m.menu_import_files({}, o), accelerator: 'CmdOrCtrl+I', click: send('import.files'), enabled: wasAllowed },
        { id: IMPORT_FOLDER_ITEM_ID, label: m.menu_import_folder({}, o), click: send('import.folder'), enabled: wasAllowed },
        { label: m.menu_export({}, o), accelerator: 'CmdOrCtrl+E', click: send('export.open') },
        { label: m.menu_verify_archive({}, o), click: send('archive.verify') },
        { type: 'separator' },
        { label: m.menu_settings({}, o), accelerator: 'CmdOrCtrl+,', click: send('settings.open') },
        { type: 'separator' },
        isMac ? { role: 'close', label: m.menu_close({}, o) } : { role: 'quit', label: m.menu_quit({}, o) },
      ],
    },
    {
      label: m.menu_edit({}, o),
      submenu: [
        { role: 'undo', label: m.menu_undo({}, o) },
        { role: 'redo', label: m.menu_redo({}, o) },
        { type: 'separator' },
        { role: 'cut', label: m.menu_cut({}, o) },
        { role: 'copy', label: m.menu_copy({}, o) },
        { role: 'paste', label: m.menu_paste({}, o) },
        { role: 'selectAll', label: m.menu_select_all({}, o) },
      ],
    },
    {
      label: m.menu_view({}, o),
      submenu: [
        { label: m.menu_find({}, o), accelerator: 'CmdOrCtrl+F', click: send('search.focus') },
        { type: 'separator' },
        { role: 'resetZoom', label: m.menu_actual_size({}, o) },
        { role: 'zoomIn', label: m.menu_zoom_in({}, o) },
        { role: 'zoomOut', label: m.menu_zoom_out({}, o) },
        { type: 'separator' },
        { role: 'togglefullscreen', label: m.menu_full_screen({}, o) },
        { role: 'toggleDevTools', label: m.menu_developer_tools({}, o) },
      ],
    },
    {
      label: m.menu_window({}, o),
      role: 'windowMenu',
      submenu: [
        { role: 'minimize', label: m.menu_minimize({}, o) },
        { role: 'close', label: m.menu_close({}, o) },
      ],
    },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** Offers Import Files… and Import Folder… only where it can work: a read-only archive gets a greyed-out item, not an error after a picker. */
export function allowImport(allowed: boolean): void {
  for (const id of [IMPORT_ITEM_ID, IMPORT_FOLDER_ITEM_ID]) {
    const item = Menu.getApplicationMenu()?.getMenuItemById(id);
    if (item) item.enabled = allowed;
  }
}
