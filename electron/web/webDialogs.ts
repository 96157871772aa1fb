/**
 * The web mode's stand-in for native dialogs. A page in a browser cannot hand the engine
 * a folder path (and must not be able to name arbitrary paths), so the folders come from
 * the command line that started the web mode:
 *
 *   --dataset-dir <folder>   answers "choose a dataset folder"
 *   --import-dir <folder>    answers "choose a model folder to import"
 *   --export-dir <folder>    exported models are written inside this folder
 *
 * Without the option, the request fails (a HostError, so the host passes the message on
 * as is) with a message saying how to start the web mode.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { msg, type Message } from '../../engine';
import { HostError } from '../host/hostError';
import type { HostDialogs } from '../host/types';

export interface WebDialogFolders {
  datasetDir?: string | undefined;
  importDir?: string | undefined;
  exportDir?: string | undefined;
}

export const DATASET_DIALOG_MESSAGE = msg('general.desktopOnlyDataset');
export const IMPORT_DIALOG_MESSAGE = msg('general.desktopOnlyImport');
export const EXPORT_DIALOG_MESSAGE = msg('general.desktopOnlyExport');
export const TABLE_DIALOG_MESSAGE = msg('table.browserDialog');

const unavailable = (message: Message): HostError => new HostError('invalid-request', message);

/** A folder name made from a model name: no separators, nothing hidden, nothing reserved. */
export function safeFolderName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 80)
    .trim();
  const reserved = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
  return cleaned === '' || reserved.test(cleaned) ? 'model' : cleaned;
}

/** A path inside `dir` that does not exist yet: `name`, else `name (2)`, `name (3)`, … */
function freshPath(dir: string, name: string): string {
  let candidate = join(dir, name);
  for (let n = 2; existsSync(candidate); n++) candidate = join(dir, `${name} (${n})`);
  return candidate;
}

export function createWebDialogs(folders: WebDialogFolders): HostDialogs {
  const datasetDir = folders.datasetDir ? resolve(folders.datasetDir) : null;
  const importDir = folders.importDir ? resolve(folders.importDir) : null;
  const exportDir = folders.exportDir ? resolve(folders.exportDir) : null;
  return {
    pickFolder(purpose) {
      if (purpose === 'dataset') {
        return datasetDir !== null ? Promise.resolve(datasetDir) : Promise.reject(unavailable(DATASET_DIALOG_MESSAGE));
      }
      return importDir !== null ? Promise.resolve(importDir) : Promise.reject(unavailable(IMPORT_DIALOG_MESSAGE));
    },
    pickExportPath(suggestedName) {
      if (exportDir === null) return Promise.reject(unavailable(EXPORT_DIALOG_MESSAGE));
      return Promise.resolve(freshPath(exportDir, safeFolderName(suggestedName)));
    },
    // The page picks a table with the browser's own file input and sends its text
    // (`datasets:uploadCsv`), and saves one as a download: no host dialog is asked.
    pickTableFile() {
      return Promise.reject(unavailable(TABLE_DIALOG_MESSAGE));
    },
    pickTableSavePath() {
      return Promise.reject(unavailable(TABLE_DIALOG_MESSAGE));
    },
    // Likewise reports, CSVs and pictures: the page downloads them.
    pickSavePath() {
      return Promise.reject(unavailable(msg('runs.saveInBrowser')));
    },
  };
}
