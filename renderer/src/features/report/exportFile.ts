/**
 * Saving what is taken out of the app — a lab report, a CSV, a PNG: the desktop app asks
 * the host (`runs:saveFile`: a native save dialog, the file written whole); a browser page
 * downloads it (the host has no dialog to show there, and the page needs none).
 */
import type { LayerwiseApi } from '../../../../electron/ipc/contract';

export type ExportApi = Pick<LayerwiseApi, 'runs:saveFile'> & { transportKind?: () => 'electron' | 'web' };
export type ExportKind = 'html' | 'csv' | 'png';

const TYPES: Record<ExportKind, string> = { html: 'text/html;charset=utf-8', csv: 'text/csv;charset=utf-8', png: 'image/png' };

/** Where the file went: a path (desktop), 'download' (browser), or null when the student cancelled. */
export async function exportFile(api: ExportApi, name: string, kind: ExportKind, body: string | Blob, doc: Document = document): Promise<string | 'download' | null> {
  if (api.transportKind?.() === 'web') {
    // A BOM first, so that a spreadsheet opens the CSV as UTF-8 (accents intact).
    const blob = typeof body === 'string' ? new Blob([kind === 'csv' ? '\ufeff' : '', body], { type: TYPES[kind] }) : body;
    const url = URL.createObjectURL(blob);
    try {
      const link = doc.createElement('a');
      link.href = url;
      link.download = name;
      doc.body.append(link);
      link.click();
      link.remove();
    } finally {
      setTimeout(() => URL.revokeObjectURL(url), 0);
    }
    return 'download';
  }
  const saved = typeof body === 'string'
    ? await api['runs:saveFile']({ name, kind, text: kind === 'csv' ? `\ufeff${body}` : body })
    : await api['runs:saveFile']({ name, kind, base64: await base64Of(body) });
  return saved === null ? null : saved.path;
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** A canvas as a PNG blob (a chart, a confusion matrix, a picture of the plane). */
export function canvasPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be made.'))), 'image/png'));
}
