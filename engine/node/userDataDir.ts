/**
 * Where Layerwise keeps its files, without asking Electron (the `layerwise` command reads the run history here too): the same folders as
 * Electron's `app.getPath('userData')` for an app named "Layerwise", so the desktop app
 * and the browser bridge (plain Node) share one model library.
 *
 *   Windows  %APPDATA%\Layerwise            (…\AppData\Roaming\Layerwise)
 *   macOS    ~/Library/Application Support/Layerwise
 *   Linux    $XDG_CONFIG_HOME/Layerwise     (default ~/.config/Layerwise)
 */
import os from 'node:os';
import path from 'node:path';

export interface PlatformInfo {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

const current = (): PlatformInfo => ({ platform: process.platform, env: process.env, home: os.homedir() });

export function defaultUserDataDir(appName = 'Layerwise', info: PlatformInfo = current()): string {
  const { platform, env, home } = info;
  if (platform === 'win32') {
    const appData = env['APPDATA'] || path.win32.join(home, 'AppData', 'Roaming');
    return path.win32.join(appData, appName);
  }
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', appName);
  // As Chromium's GetXDGDirectory: any non-empty value is used as it is.
  const xdg = env['XDG_CONFIG_HOME'];
  const config = xdg ? xdg : path.posix.join(home, '.config');
  return path.posix.join(config, appName);
}

