// One IPC handler per contract key: check the sender frame, validate, call the core, return {ok|error}.
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CONTRACT_KEYS } from '../contract';
import { dispatch, type Handlers } from '../core/workspace';

export function registerIpc(handlers: Handlers, isTrustedUrl: (url: string) => boolean): void {
  for (const key of CONTRACT_KEYS) {
    ipcMain.handle(key, async (event: IpcMainInvokeEvent, args: unknown) => {
      const frame = event.senderFrame;
      // Only the app's own top-level page may call the core; anything else is dropped.
      if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
        return { ok: false, error: { code: 'E_FORBIDDEN', message: 'This call did not come from Cairn’s own window.' } };
      }
      return dispatch(handlers, key, args);
    });
  }
}
