/**
 * The one-click fixes the engine suggests (`SpecIssue.fix`), applied to the editor's
 * rows (layer + block id). Pure, so each fix can be tested on its own.
 */
import { type Shape, layerKind, isLayerType, type LayerSpec, type SpecFix } from '$engine';

export interface Row {
  readonly id: string;
  readonly layer: LayerSpec;
}

export type FixKind = SpecFix['kind'];

/** Whether the layer's kind takes this setting (a fix sets it only where it exists). */
const takes = (layer: LayerSpec, setting: string): boolean => isLayerType(layer.type) && layerKind(layer.type).settings.includes(setting);

/**
 * Applies `fix` to `rows` in place. `endShape` is the network's current output shape
 * (the input shape when there are no layers). Returns the id of the block the fix
 * added or changed (`select`, to select it), or null when the fix no longer applies.
 */
export function applyFixToRows(
  rows: Row[], fix: SpecFix, endShape: Shape | null, newId: () => string,
): { select: string | null } | null {
  const inRange = (i: number) => Number.isInteger(i) && i >= 0 && i < rows.length;
  switch (fix.kind) {
    case 'insertFlatten': {
      if (!inRange(fix.index)) return null;
      const id = newId();
      rows.splice(fix.index, 0, { id, layer: { type: 'Flatten' } });
      return { select: id };
    }
    case 'appendOutput': {
      // An image-shaped end needs flattening first, as the engine's message says.
      if (!endShape || endShape.length !== 1) rows.push({ id: newId(), layer: { type: 'Flatten' } });
      const id = newId();
      rows.push({ id, layer: { type: 'Dense', units: fix.units, activation: 'softmax' } });
      return { select: id };
    }
    case 'setPadding': {
      const row = rows[fix.index];
      if (!row || !takes(row.layer, 'padding')) return null;
      rows[fix.index] = { id: row.id, layer: { ...row.layer, padding: fix.padding } as LayerSpec };
      return { select: row.id };
    }
    case 'setActivation': {
      const row = rows[fix.index];
      if (!row) return null;
      const layer = row.layer;
      if (takes(layer, 'activation')) {
        rows[fix.index] = { id: row.id, layer: { ...layer, activation: fix.activation } as LayerSpec };
      } else if ((layer.type === 'ReLU' || layer.type === 'LeakyReLU') && fix.activation === 'softmax') {
        // These layers are their activation, so the block becomes a Softmax layer; a name the student gave stays.
        rows[fix.index] = { id: row.id, layer: { type: 'Softmax', ...(layer.name !== undefined ? { name: layer.name } : {}) } };
      } else {
        return null;
      }
      return { select: row.id };
    }
    case 'setInitializer': {
      const row = rows[fix.index];
      if (!row || !takes(row.layer, 'kernel_initializer')) return null;
      rows[fix.index] = { id: row.id, layer: { ...row.layer, kernel_initializer: fix.initializer } as LayerSpec };
      return { select: row.id };
    }
    case 'appendLayers': {
      if (fix.layers.length === 0) return null;
      const ids = fix.layers.map((layer) => {
        const id = newId();
        rows.push({ id, layer });
        return id;
      });
      return { select: ids[ids.length - 1]! };
    }
    case 'removeLayer': {
      if (!inRange(fix.index)) return null;
      rows.splice(fix.index, 1);
      // Select what now sits where the removed layer was, so the student sees the result.
      return { select: rows[Math.min(fix.index, rows.length - 1)]?.id ?? null };
    }
  }
}
