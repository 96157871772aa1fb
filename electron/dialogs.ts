/**
 * The engine host's native dialogs, in the main process: the renderer never sends a path,
 * it asks the host (e.g. `datasets:pick`), and the host asks these. Each dialog is
 * parented to the app window (a sheet on macOS, modal elsewhere) when there is one.
 */
import { app, dialog, type BaseWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import { join } from 'node:path';
import type { HostDialogs } from './host/types';

const FOLDER_DIALOGS: Record<'dataset' | 'import-model', { title: string; buttonLabel: string; message: string }> = {
  dataset: {
    title: 'Choose a dataset folder',
    buttonLabel: 'Use this folder',
    message: 'Choose a folder with the four MNIST-style IDX files (training and test images and labels).',
  },
  'import-model': {
    title: 'Import a model',
    buttonLabel: 'Import',
    message: 'Choose a saved Layerwise model folder.',
  },
};

/** A file-name-safe version of a model name, for the suggested export folder. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, '-')
    .replace(/^[\s.-]+|[\s.]+$/g, '')
    .slice(0, 80);
  return cleaned === '' ? 'model' : cleaned;
}

/** The user's Documents folder, or home where there is none (some Linux desktops). */
function documentsDir(): string {
  try {
    return app.getPath('documents');
  } catch {
    return app.getPath('home');
  }
}

export function createDialogs(getWindow: () => BaseWindow | null): HostDialogs {
  const parent = (): BaseWindow | null => {
    const window = getWindow();
    return window !== null && !window.isDestroyed() ? window : null;
  };

  return {
    async pickFolder(purpose) {
      const texts = FOLDER_DIALOGS[purpose];
      const options: OpenDialogOptions = {
        title: texts.title,
        buttonLabel: texts.buttonLabel,
        message: texts.message,
        properties: ['openDirectory', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const folder = result.filePaths[0];
      return result.canceled || folder === undefined ? null : folder;
    },

    async pickExportPath(suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Export model',
        buttonLabel: 'Export',
        message: 'The model is written as a folder with this name.',
        nameFieldLabel: 'Folder name:',
        defaultPath: join(documentsDir(), safeFileName(suggestedName)),
        properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },

    async pickTableFile() {
      const options: OpenDialogOptions = {
        title: 'Import a table',
        buttonLabel: 'Import',
        message: 'Choose a CSV file: one row per sample, feature columns and a label column.',
        filters: [{ name: 'CSV tables', extensions: ['csv', 'tsv', 'txt'] }, { name: 'All files', extensions: ['*'] }],
        properties: ['openFile', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
      const file = result.filePaths[0];
      return result.canceled || file === undefined ? null : file;
    },

    async pickTableSavePath(suggestedName) {
      const options: SaveDialogOptions = {
        title: 'Save the points',
        buttonLabel: 'Save',
        defaultPath: join(documentsDir(), `${safeFileName(suggestedName)}.csv`),
        filters: [{ name: 'CSV tables', extensions: ['csv'] }],
        properties: ['showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },

    async pickSavePath(suggestedName, kind) {
      const texts = SAVE_DIALOGS[kind];
      const options: SaveDialogOptions = {
        title: texts.title,
        buttonLabel: 'Save',
        defaultPath: join(documentsDir(), safeFileName(suggestedName)),
        filters: [{ name: texts.filter, extensions: [kind] }],
        properties: ['showOverwriteConfirmation', 'dontAddToRecent'],
      };
      const window = parent();
      const result = window !== null ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
      return result.canceled || result.filePath === '' ? null : result.filePath;
    },
  };
}

const SAVE_DIALOGS: Record<'html' | 'csv' | 'png', { title: string; filter: string }> = {
  html: { title: 'Save the lab report', filter: 'Web pages (HTML)' },
  csv: { title: 'Save the table', filter: 'CSV tables' },
  png: { title: 'Save the picture', filter: 'PNG images' },
};
