/**
 * The pure, Electron-free pieces of the main process: window options, security
 * settings, where the built files live and which renderer entry to load. Only types
 * come from 'electron', so this module can be imported (and tested) in plain Node.
 */
import { join } from 'node:path';
import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export const APP_TITLE = 'Layerwise';

/** Default and minimum content size: room for the layer palette, canvas and charts. */
export const WINDOW_SIZE = { width: 1280, height: 820, minWidth: 960, minHeight: 640 } as const;

/** Background painted before the first frame; matches the renderer's page colour. */
export const WINDOW_BACKGROUND = '#0f172a';

/**
 * The renderer is untrusted web content: isolated from the preload, sandboxed, without
 * Node, with the same-origin policy on, and with every optional power switched off.
 */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export interface MainWindowInput {
  /** Absolute path of the built preload (out/preload/preload.cjs). */
  preloadPath: string;
  /** Optional window icon (used on Linux/Windows; macOS takes the bundle icon). */
  iconPath?: string;
}

export function createMainWindowOptions(input: MainWindowInput): BrowserWindowConstructorOptions {
  const options: BrowserWindowConstructorOptions = {
    title: APP_TITLE,
    width: WINDOW_SIZE.width,
    height: WINDOW_SIZE.height,
    minWidth: WINDOW_SIZE.minWidth,
    minHeight: WINDOW_SIZE.minHeight,
    useContentSize: true,
    // Shown on 'ready-to-show', so the user never sees an empty white window.
    show: false,
    backgroundColor: WINDOW_BACKGROUND,
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(input.preloadPath),
  };
  if (input.iconPath !== undefined) options.icon = input.iconPath;
  return options;
}

export interface AppPaths {
  preload: string;
  rendererHtml: string;
}

/**
 * Paths of the built files, given the folder of the built main script (out/main).
 * electron-vite writes out/main/main.js, out/preload/preload.cjs and out/renderer/.
 */
export function resolveAppPaths(mainDir: string): AppPaths {
  return {
    preload: join(mainDir, '..', 'preload', 'preload.cjs'),
    rendererHtml: join(mainDir, '..', 'renderer', 'index.html'),
  };
}

export type RendererEntry = { kind: 'url'; url: string } | { kind: 'file'; path: string };

/**
 * In development electron-vite sets ELECTRON_RENDERER_URL to its dev server. A packaged
 * app ignores it (an environment variable must never make the app load other content),
 * and only a loopback http(s) URL is accepted.
 */
export function chooseRendererEntry(
  devServerUrl: string | undefined,
  isPackaged: boolean,
  rendererHtml: string,
): RendererEntry {
  if (!isPackaged && devServerUrl !== undefined && isLoopbackHttpUrl(devServerUrl)) {
    return { kind: 'url', url: devServerUrl };
  }
  return { kind: 'file', path: rendererHtml };
}

export function isLoopbackHttpUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
}

/**
 * The window never navigates away from the app. The one navigation let through is a
 * reload of the very page already shown (the dev server's full reload does this);
 * anything else — links, `location = …`, dropped files — is cancelled.
 */
export function isNavigationAllowed(targetUrl: string, currentUrl: string): boolean {
  if (currentUrl === '') return false;
  try {
    const target = new URL(targetUrl);
    const current = new URL(currentUrl);
    target.hash = '';
    current.hash = '';
    return target.href === current.href;
  } catch {
    return false;
  }
}
