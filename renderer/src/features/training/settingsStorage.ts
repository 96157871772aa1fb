/**
 * Keeps the training settings across launches in localStorage, beside the network
 * (networkStorage.ts). Each field is checked on the way back in: one that is missing,
 * damaged or from another version is left out, and the form keeps its default for it.
 * The picked folder is not kept: its token is only good for the host that issued it.
 */
import type { NetworkStorage } from '../builder/networkStorage';
import type { Loss, Optimizer, ScheduleType } from './trainingSettings.svelte';
import { PLANE_CHOICES, type PlaneChoice, type StoredPlaneData } from './planeData.svelte';
import { IMAGE_TASKS, readStoredCorruption, type ImageTask, type StoredCorruption } from './reconstructionSettings.svelte';

export const SETTINGS_KEY = 'layerwise.trainingSettings.v1';
const VERSION = 1;

export interface StoredSettings {
  limit: number | null;
  epochs: number | null;
  batchChoice: number;
  learningRate: number | null;
  optimizer: Optimizer;
  scheduleType: ScheduleType;
  stepEvery: number | null;
  stepFactor: number | null;
  expRate: number | null;
  expDecaySteps: number | null;
  weightDecay: number | null;
  loss: Loss;
  /** Absent: no size was typed (it follows the data). */
  validationTyped?: number | null;
  seed: number | null;
  threadChoice: number;
  /** Absent in settings kept before the plane existed. */
  source?: 'bundled' | 'plane';
  plane?: Partial<StoredPlaneData>;
  /** Images: classify or reconstruct them (absent in settings kept before autoencoders). */
  imageTask?: ImageTask;
  corruption?: StoredCorruption;
}

/** What each field may hold: anything else is dropped on reading. */
export interface StoredShape {
  limits: readonly (number | null)[];
  optimizers: readonly string[];
  losses: readonly string[];
  schedules: readonly string[];
  maxBatch: number;
  maxThreads: number;
}

const isNumberOrEmpty = (v: unknown): v is number | null => v === null || (typeof v === 'number' && Number.isFinite(v));
const isCount = (v: unknown, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

/** The fields of `raw` that are sound; those that are not are simply absent. */
export function readSettings(raw: unknown, shape: StoredShape): Partial<StoredSettings> {
  if (typeof raw !== 'object' || raw === null || (raw as { version?: unknown }).version !== VERSION) return {};
  const v = raw as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  const take = (key: keyof StoredSettings, ok: (x: unknown) => boolean) => {
    if (Object.hasOwn(v, key) && ok(v[key])) out[key] = v[key];
  };
  take('limit', (x) => shape.limits.includes(x as number | null));
  for (const key of ['epochs', 'learningRate', 'stepEvery', 'stepFactor', 'expRate', 'expDecaySteps', 'weightDecay', 'seed', 'validationTyped'] as const) {
    take(key, isNumberOrEmpty);
  }
  take('batchChoice', (x) => isCount(x, shape.maxBatch));
  take('threadChoice', (x) => isCount(x, shape.maxThreads));
  take('optimizer', (x) => shape.optimizers.includes(x as string));
  take('loss', (x) => shape.losses.includes(x as string));
  take('scheduleType', (x) => shape.schedules.includes(x as string));
  take('source', (x) => x === 'bundled' || x === 'plane');
  const plane = readPlane(v.plane);
  if (plane) out.plane = plane;
  take('imageTask', (x) => (IMAGE_TASKS as readonly unknown[]).includes(x));
  const corruption = readStoredCorruption(v.corruption);
  if (corruption) out.corruption = corruption;
  return out as Partial<StoredSettings>;
}

export function readStoredSettings(storage: NetworkStorage | null, shape: StoredShape): Partial<StoredSettings> {
  if (!storage) return {};
  try {
    const text = storage.getItem(SETTINGS_KEY);
    return text === null ? {} : readSettings(JSON.parse(text), shape);
  } catch {
    return {};
  }
}

export function writeStoredSettings(storage: NetworkStorage | null, settings: StoredSettings): void {
  if (!storage) return;
  try {
    storage.setItem(SETTINGS_KEY, JSON.stringify({ version: VERSION, ...settings }));
  } catch {
    // Quota or disabled storage: the settings simply aren't remembered.
  }
}

/** The plane's fields that are sound (PlaneData checks their ranges before any run). */
function readPlane(raw: unknown): Partial<StoredPlaneData> | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const v = raw as Record<string, unknown>;
  const out: Partial<StoredPlaneData> = {};
  if ((PLANE_CHOICES as readonly unknown[]).includes(v.choice)) out.choice = v.choice as PlaneChoice;
  for (const key of ['points', 'noise', 'seed', 'testShare'] as const) if (Object.hasOwn(v, key) && isNumberOrEmpty(v[key])) out[key] = v[key];
  return out;
}
