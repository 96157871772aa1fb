/**
 * What is being dragged in the builder: a palette item (to insert) or a block (to
 * move). The payload travels in the DataTransfer under our own MIME types, which is all
 * a `dragover` handler may see (types, not data), and is also kept here for the drop,
 * since palette and canvas share one document.
 */
import { isPaletteId, type PaletteId } from './layerCatalog';

export const PALETTE_MIME = 'application/x-layerwise-palette';
export const BLOCK_MIME = 'application/x-layerwise-block';

export type DragPayload = { readonly kind: 'palette'; readonly item: PaletteId } | { readonly kind: 'block'; readonly id: string };

let current: DragPayload | null = null;

export function startDrag(event: DragEvent, payload: DragPayload, label: string): void {
  current = payload;
  const dt = event.dataTransfer;
  if (!dt) return;
  if (payload.kind === 'palette') {
    dt.setData(PALETTE_MIME, payload.item);
    dt.effectAllowed = 'copy';
  } else {
    dt.setData(BLOCK_MIME, payload.id);
    dt.effectAllowed = 'move';
  }
  dt.setData('text/plain', label);
}

/** The kind of drag in progress over us, from the event's types (dragover) or the kept payload. */
export function dragKind(event: DragEvent): DragPayload['kind'] | null {
  const types = event.dataTransfer?.types ?? [];
  if (types.includes(PALETTE_MIME)) return 'palette';
  if (types.includes(BLOCK_MIME)) return 'block';
  return current?.kind ?? null;
}

/** The payload at drop time. */
export function readDrag(event: DragEvent): DragPayload | null {
  const dt = event.dataTransfer;
  const item = dt?.getData(PALETTE_MIME);
  if (item && isPaletteId(item)) return { kind: 'palette', item };
  const id = dt?.getData(BLOCK_MIME);
  if (id) return { kind: 'block', id };
  return current;
}

export function endDrag(): void {
  current = null;
}
