/**
 * Saving the student's points as a CSV file (x1,x2,label), which "A table (CSV)" reads
 * back: the desktop app asks the host's native save dialog; a browser page downloads it
 * (the host has no dialog to show there, and the page needs none).
 */
import type { LayerwiseApi } from '../../../../electron/ipc/contract';

export type PointsFileApi = Pick<LayerwiseApi, 'datasets:saveCsv'> & { transportKind?: () => 'electron' | 'web' };

/** The file's suggested name, without its extension. */
export const POINTS_FILE_NAME = 'points';

/** Where the file went: a path (desktop), 'download' (browser), or null when the student cancelled. */
export async function savePointsFile(api: PointsFileApi, csv: string, doc: Document = document): Promise<string | 'download' | null> {
  if (api.transportKind?.() === 'web') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
    try {
      const link = doc.createElement('a');
      link.href = url;
      link.download = `${POINTS_FILE_NAME}.csv`;
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      // The download has started from the click; the URL is no longer needed after this turn.
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
    return 'download';
  }
  const saved = await api['datasets:saveCsv']({ name: POINTS_FILE_NAME, text: csv });
  return saved === null ? null : saved.path;
}
