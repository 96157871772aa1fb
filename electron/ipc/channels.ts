/**
 * The names on the process boundary, without zod or anything else: the sandboxed
 * preload (one small CommonJS file) imports this module alone. `contract.ts` re-exports
 * everything here and keys its request schemas by `CHANNEL_NAMES` (its types refuse a
 * schema for a channel not listed here, and a listed channel without a schema).
 */
import type { CodesEvent } from './codeSpace';

/** Every request channel (renderer → main, `ipcRenderer.invoke`). */
export const CHANNEL_NAMES = [
  'app:info',
  'train:start',
  'train:pause',
  'train:resume',
  'train:stop',
  'train:step',
  'train:pace',
  'train:set',
  'train:examples',
  'predict',
  'predict:plane',
  'predict:reconstruct',
  'predict:decode',
  'predict:codes',
  'models:list',
  'models:save',
  'models:open',
  'models:rename',
  'models:delete',
  'models:export',
  'models:exportCode',
  'models:import',
  'datasets:pick',
  'datasets:describe',
  'datasets:pickCsv',
  'datasets:uploadCsv',
  'datasets:saveCsv',
  'codes:layers',
  'codes:start',
  'codes:cancel',
  'runs:list',
  'runs:get',
  'runs:rename',
  'runs:star',
  'runs:delete',
  'runs:notes',
  'runs:saveFile',
  'explain:step',
] as const;

export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The request channels as a plain array (the same list as `CHANNEL_NAMES`). */
export const CHANNELS: ChannelName[] = [...CHANNEL_NAMES];

/** Main → renderer: the host's events for this window: its runs' (`TrainEvent`) and its code-space jobs' (`CodesEvent`). */
export const TRAIN_EVENT_CHANNEL = 'train:event';

/** Main → renderer: an application-menu command that the renderer carries out (`MenuCommand`). */
export const MENU_COMMAND_CHANNEL = 'menu:command';

export const MENU_COMMAND_NAMES = [
  'undo',
  'redo',
  'new-network',
  'open-model',
  'save-model',
  'export-model',
  'toggle-theme',
  'about',
] as const;

export type MenuCommandName = (typeof MENU_COMMAND_NAMES)[number];

/** The payload of `MENU_COMMAND_CHANNEL`. */
export interface MenuCommand {
  command: MenuCommandName;
}

/** Whether an event of the host's channel is a code-space job's (they all start 'codes:'); the rest are training events. */
export function isCodesEvent(event: { type: string }): event is CodesEvent {
  return typeof event.type === 'string' && event.type.startsWith('codes:');
}
