/**
 * Electron main process: one secure window, nothing else. The pure parts (options,
 * paths, navigation rules) live in windowOptions.ts, where they are tested.
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, session, type WebContents } from 'electron';
import {
  chooseRendererEntry,
  createMainWindowOptions,
  isNavigationAllowed,
  resolveAppPaths,
} from './windowOptions';

const mainDir = fileURLToPath(new URL('.', import.meta.url));
const paths = resolveAppPaths(mainDir);

let mainWindow: BrowserWindow | null = null;

/** Every web contents (the window, and any that might appear later) gets the same locks. */
function lockDownWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isNavigationAllowed(url, contents.getURL())) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow(createMainWindowOptions({ preloadPath: paths.preload }));
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  const entry = chooseRendererEntry(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, paths.rendererHtml);
  const loading = entry.kind === 'url' ? window.loadURL(entry.url) : window.loadFile(entry.path);
  loading.catch((error: unknown) => {
    console.error('Layerwise: failed to load the renderer', error);
  });
  return window;
}

function focusMainWindow(): void {
  if (mainWindow === null) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  if (!mainWindow.isVisible()) mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Sandbox every renderer, whatever its webPreferences say.
  app.enableSandbox();

  app.on('second-instance', focusMainWindow);
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app
    .whenReady()
    .then(() => {
      // The app needs no camera, microphone, notifications, geolocation, … : refuse all.
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);

      mainWindow = createMainWindow();
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
      });
    })
    .catch((error: unknown) => {
      console.error('Layerwise: failed to start', error);
      app.quit();
    });
}
