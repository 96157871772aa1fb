/**
 * Reads what a model file says of its data (electron/ipc/modelData.ts), checking each
 * recorded field against the contract's schemas: a field that is there but is not what
 * the app writes is refused, with the field named, rather than handed to the UI.
 */
import type { ModelData } from '../ipc/modelData';
import { savedBoundsSchema, savedSourceSchema } from '../ipc/modelData';
import { corruptionSchema, type SavedReconstruction } from '../ipc/reconstruction';
import { type ModelMetadata, ModelFileError, msg, type NetworkSpec, readCorruption } from '../../engine';

export function readModelData(spec: NetworkSpec, metadata: ModelMetadata | null): ModelData {
  const ds = metadata?.dataset;
  const data: ModelData = { inputShape: [...spec.input_shape], task: ds?.task ?? null, source: null, bounds: null };
  if (ds?.source !== undefined) {
    const r = savedSourceSchema.safeParse(ds.source);
    if (!r.success) throw new ModelFileError(msg('library.badDataField', { field: 'dataset.source' }));
    if (spec.input_shape.length !== 1 || spec.input_shape[0] !== 2) throw new ModelFileError(msg('library.badDataField', { field: 'dataset.source' }));
    data.source = r.data;
  }
  if (ds?.bounds !== undefined) {
    const r = savedBoundsSchema.safeParse(ds.bounds);
    if (!r.success) throw new ModelFileError(msg('library.badDataField', { field: 'dataset.bounds' }));
    data.bounds = r.data;
  }
  return data;
}

/**
 * An autoencoder's code layer and the corruption it trained with, for a model whose task is
 * a reconstruction (null for any other). The engine has already dropped a code layer the
 * network does not have and a corruption that is not one; what is left must fit the contract.
 */
export function savedReconstruction(data: ModelData, metadata: ModelMetadata | null): SavedReconstruction | null {
  if (data.task?.kind !== 'reconstruction') return null;
  const read = readCorruption(metadata?.training?.config.corruption);
  const fits = read ? corruptionSchema.safeParse(Object.fromEntries(Object.entries(read).filter(([, v]) => v !== 0))) : null;
  return { codeLayer: metadata?.codeLayer ?? null, corruption: fits?.success ? fits.data : null };
}
