// Locks the desktop shell down: only the app's own files load, nothing navigates, nothing opens.
import { app, session, type WebContents } from 'electron';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

/** The window's web preferences: isolated, sandboxed, no Node, no webviews; only the preload bridges. */
export function secureWebPreferences(preload: string): Electron.WebPreferences {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

/** The renderer's own origin: the dev server in development, the built files otherwise. */
export function rendererEntry(): { url: string; isAllowed: (url: string) => boolean } {
  const dev = process.env.ELECTRON_RENDERER_URL;
  if (dev && !app.isPackaged) {
    const origin = new URL(dev).origin;
    return { url: dev, isAllowed: (u) => u.startsWith(`${origin}/`) || u.startsWith('devtools://') };
  }
  const dir = path.join(import.meta.dirname, '..', 'renderer');
  const base = pathToFileURL(dir + path.sep).href;
  return {
    url: pathToFileURL(path.join(dir, 'index.html')).href,
    isAllowed: (u) => u.startsWith(base) || u.startsWith('devtools://') || u.startsWith('data:') || u.startsWith('blob:'),
  };
}

/** Every request that is not to the app's own files is cancelled at the session level. */
export function blockForeignRequests(isAllowed: (url: string) => boolean): void {
  session.defaultSession.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) => {
    callback({ cancel: !isAllowed(details.url) });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

/** Navigation, new windows and webviews are refused for every web contents the app ever creates. */
export function denyNavigation(): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
