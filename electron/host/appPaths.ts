/**
 * Where Layerwise keeps its files, without asking Electron: the same folders as
 * Electron's `app.getPath('userData')` for an app named "Layerwise", so the desktop app
 * and the browser bridge (plain Node) share one model library.
 *
 *   Windows  %APPDATA%\Layerwise            (…\AppData\Roaming\Layerwise)
 *   macOS    ~/Library/Application Support/Layerwise
 *   Linux    $XDG_CONFIG_HOME/Layerwise     (default ~/.config/Layerwise)
 */
import path from 'node:path';
// The folder itself is the engine's to say (the `layerwise runs` command reads the history there too).
export { defaultUserDataDir, type PlatformInfo } from '../../engine/node';

/** The model library inside a user-data folder. */
export function modelsDirIn(userData: string): string {
  return path.join(userData, 'models');
}

/** The run history inside a user-data folder (the host's default: beside the models). */
export function runsDirIn(userData: string): string {
  return path.join(userData, 'runs');
}
