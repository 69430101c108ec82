// The desktop shell's lock-down: window preferences, navigation and new windows, foreign requests.
// Electron itself cannot run here, so its app and session objects are stood in for.
import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const appEvents = new EventEmitter();
let beforeRequest: ((details: { url: string }, callback: (r: { cancel: boolean }) => void) => void) | null = null;
let permissionHandler: ((wc: unknown, permission: string, callback: (granted: boolean) => void) => void) | null = null;

vi.mock('electron', () => ({
  app: { on: (name: string, listener: (...args: unknown[]) => void) => appEvents.on(name, listener), isPackaged: true },
  session: {
    defaultSession: {
      webRequest: { onBeforeRequest: (_filter: unknown, listener: typeof beforeRequest) => (beforeRequest = listener) },
      setPermissionRequestHandler: (handler: typeof permissionHandler) => (permissionHandler = handler),
      setPermissionCheckHandler: () => undefined,
    },
  },
}));

const { blockForeignRequests, denyNavigation, rendererEntry, secureWebPreferences } = await import('./security');

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer and gives it no Node, no webviews and no drag-to-navigate', () => {
    expect(secureWebPreferences('/app/out/preload/index.cjs')).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    });
  });
});

describe('denyNavigation', () => {
  it('stops navigation, redirects and webviews, and denies every new window', () => {
    denyNavigation();
    const contents = Object.assign(new EventEmitter(), { openHandler: null as null | ((d: { url: string }) => { action: string }) });
    Object.assign(contents, { setWindowOpenHandler: (h: (d: { url: string }) => { action: string }) => (contents.openHandler = h) });
    appEvents.emit('web-contents-created', {}, contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://evil.example/');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
    expect(contents.openHandler!({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });
});

describe('blockForeignRequests', () => {
  it('lets the app’s own files through and cancels everything else; refuses every permission', () => {
    const entry = rendererEntry();
    blockForeignRequests(entry.isAllowed);
    const verdict = (url: string) => {
      let cancel: boolean | undefined;
      beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict(entry.url)).toBe(false);
    expect(verdict(entry.url.replace('index.html', 'assets/index-abc.js'))).toBe(false);
    expect(verdict('https://fonts.googleapis.com/css')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    let granted: boolean | undefined;
    permissionHandler!({}, 'geolocation', (g) => (granted = g));
    expect(granted).toBe(false);
  });
});
