#!/usr/bin/env node
// `npm start`: the desktop app when Electron can run here, else the same app in the
// browser (the web mode: build, then `node out/main/web.js`, which prints the address).
//
//   npm start                      desktop app if possible, else browser
//   npm start -- --web [options]   always the browser; other options go to out/main/web.js
//                                  (--port, --models-dir, --dataset-dir, --import-dir, --export-dir)
//                                  and are ignored by the desktop app
//
// Finding out whether Electron is installed must not require('electron'): in Electron 45
// that downloads the binary when it is missing (and fails or hangs offline). We look for
// the binary the way electron-vite does: $ELECTRON_EXEC_PATH, else node_modules/electron/
// path.txt naming a file under node_modules/electron/dist/.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** `{ path }` of a runnable Electron binary, or `{ missing: reason, noDisplay? }`. */
export function findElectron(env = process.env, platform = process.platform) {
  const found = findElectronBinary(env);
  if (found.path && platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return { missing: 'there is no display to open a window on', noDisplay: true };
  }
  return found;
}

function findElectronBinary(env) {
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { path: env.ELECTRON_EXEC_PATH }
      : { missing: `ELECTRON_EXEC_PATH points to ${env.ELECTRON_EXEC_PATH}, which does not exist` };
  }
  let dir;
  try {
    dir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed' };
  }
  const pathFile = join(dir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: 'its binary was never downloaded' };
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { missing: `its binary ${binary} is missing` };
  return { path: binary };
}

const electronVite = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');

/** Runs a child with our stdio; resolves to its exit code. */
function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    // Ctrl+C reaches the child directly (same terminal process group); forwarding SIGINT
    // as well would make it a second Ctrl+C. Signals sent to this process alone are passed on.
    const forward = (signal) => () => {
      if (child.exitCode === null) child.kill(signal);
    };
    const handlers = { SIGINT: () => {}, SIGTERM: forward('SIGTERM'), SIGHUP: forward('SIGHUP') };
    for (const [signal, handler] of Object.entries(handlers)) process.on(signal, handler);
    child.on('error', (error) => {
      console.error(`Layerwise: could not start ${args.join(' ')}: ${error.message}`);
      resolve(1);
    });
    child.on('exit', (code, signal) => {
      for (const [name, handler] of Object.entries(handlers)) process.off(name, handler);
      resolve(code ?? (signal === 'SIGINT' ? 130 : 1));
    });
  });
}

async function main() {
  const args = process.argv.slice(2);
  const forceWeb = args.includes('--web');
  const webArgs = args.filter((a) => a !== '--web' && a !== '--');

  if (!forceWeb) {
    const electron = findElectron();
    if (electron.path) {
      process.exitCode = await run([electronVite, 'preview']);
      return;
    }
    console.log(
      electron.noDisplay
        ? `Electron cannot open a window here (${electron.missing}); starting Layerwise in your browser instead.`
        : `Electron is not installed on this machine (${electron.missing}); starting Layerwise in your browser instead.`,
    );
  }

  const build = spawnSync(process.execPath, [electronVite, 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    console.error('Layerwise: the build failed (see above).');
    process.exitCode = build.status ?? 1;
    return;
  }
  process.exitCode = await run([join(root, 'out', 'main', 'web.js'), ...webArgs]);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error('Layerwise:', error);
    process.exitCode = 1;
  });
}
