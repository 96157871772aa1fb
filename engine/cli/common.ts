/**
 * Pieces the commands share: the error type for expected failures, reading `--arch`
 * and `--data`, the app version, and line output.
 */
import { readFileSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import type { Dataset } from '../data/dataset';
import { isPresetName, PRESETS } from '../model/presets';
import type { NetworkSpec } from '../model/spec';
import { loadDataSource } from '../node/dataSources';
import { UsageError } from './args';

/**
 * A failure the user can fix (a missing file, a mismatched dataset): main prints its
 * message as one line, without a stack trace, and exits with `exitCode`.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'CliError';
  }
}

let version: string | null = null;

/** The app version from package.json (read once; it is the version saved models record). */
export function appVersion(): string {
  if (version === null) {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: unknown };
    version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  }
  return version;
}

export interface Arch {
  readonly spec: NetworkSpec;
  /** Short name for messages and the saved model: the preset, file or folder name. */
  readonly label: string;
}

/** The presets offered on the command line (`empty` is the editor's blank canvas, not a network). */
const ARCH_PRESETS = ['mlp', 'cnn', 'plane', 'plane5', 'planeLinear', 'autoencoder', 'autoencoder2d'] as const;

/**
 * `--arch`: a preset name, a spec .json file, or a saved model's folder (its
 * architecture, to inspect it or to train it again from fresh weights). The spec is
 * not validated here; callers analyse it and report every problem.
 */
export async function loadArch(arg: string): Promise<Arch> {
  if (isPresetName(arg) && (ARCH_PRESETS as readonly string[]).includes(arg)) return { spec: PRESETS[arg], label: arg };
  // The spelling issue 12 and the course notes use.
  if (arg === 'autoencoder-2d') return { spec: PRESETS.autoencoder2d, label: 'autoencoder2d' };
  const where = `--arch ${arg}`;
  let isDir: boolean;
  try {
    isDir = (await stat(arg)).isDirectory();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT'
      ? `${where}: no such file; use ${ARCH_PRESETS.join(', ')}, a network spec .json file or a saved model folder`
      : `${where}: cannot be read (${(err as Error).message})`);
  }
  if (isDir) {
    const { loadModel } = await import('../node/modelFiles');
    const { spec } = await loadModel(arg);
    return { spec, label: basename(resolve(arg)) };
  }
  let text: string;
  try {
    text = await readFile(arg, 'utf8');
  } catch (err) {
    throw new CliError(`${where}: cannot be read (${(err as Error).message})`);
  }
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (err) {
    throw new CliError(`${where} is not valid JSON: ${(err as Error).message}`);
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw new CliError(`${where} must hold a JSON object with "input_shape" and "layers"`);
  }
  if ('modelTopology' in spec) {
    throw new CliError(`${where} is a saved model's model.json; pass its folder instead`);
  }
  return { spec: spec as NetworkSpec, label: basename(arg).replace(/\.json$/i, '') };
}

/** `--data DIR`, or the bundled MNIST. Errors arrive as IdxError naming the file. */
/** The dataset the --data flag and its options name (see `loadDataSource`). */
export function loadData(flags: {
  data?: string; points?: number; noise?: number; arms?: number; 'data-seed'?: number; 'test-share'?: number; test?: string; label?: string;
}): Promise<Dataset> {
  return loadDataSource(flags.data, {
    ...(flags.points === undefined ? {} : { points: flags.points }),
    ...(flags.noise === undefined ? {} : { noise: flags.noise }),
    ...(flags.arms === undefined ? {} : { arms: flags.arms as 2 | 3 }),
    ...(flags['data-seed'] === undefined ? {} : { dataSeed: flags['data-seed'] }),
    ...(flags['test-share'] === undefined ? {} : { testShare: flags['test-share'] }),
    ...(flags.test === undefined ? {} : { testFile: flags.test }),
    ...(flags.label === undefined ? {} : { label: flags.label }),
  });
}

/** The dataset's samples must have the shape the network was built for. */
export function checkInputShape(network: { readonly inputShape: readonly number[] }, dataset: Pick<Dataset, 'inputShape' | 'name'>): void {
  const want = network.inputShape.join('×'), have = dataset.inputShape.join('×');
  if (want !== have) throw new CliError(`the model takes inputs of shape ${want} but the samples of ${dataset.name} are ${have}`);
}

/** A required flag; its absence is a usage error worded like the others. */
export function required<T>(value: T | undefined, flag: string, command: string): T {
  if (value === undefined) throw new UsageError(`${command} needs --${flag}`, command);
  return value;
}

export function printLine(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
}

export function printErr(line: string): void {
  process.stderr.write(`${line}\n`);
}
