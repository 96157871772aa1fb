import { describe, expect, it, vi } from 'vitest';
import type { ModelData, ModelRef, ModelSummary, OpenedModel } from '../../../../electron/ipc/contract';
import type { NetworkSpec } from '$engine';
import { ApiError } from '../../lib/api';
import { dataTargetFor, ModelLibrary, type ModelsApi } from './modelLibrary.svelte';

const summary = (id: string, name: string, savedAt = '2025-03-01T10:00:00.000Z'): ModelSummary => ({
  id, name, savedAt, architecture: 'Flatten → Dense → Dense', params: 101_770, testAccuracy: 0.978, datasetName: 'MNIST',
});

const spec: NetworkSpec = { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10, activation: 'softmax' }] };

/** A fake library held in memory, with every method a spy. */
function fakeApi(initial: ModelSummary[] = []) {
  let models = [...initial];
  const api = {
    'models:list': vi.fn(async () => [...models]),
    'models:save': vi.fn(async ({ name, overwrite }: { name: string; overwrite: boolean }) => {
      const existing = models.find((m) => m.name === name);
      if (existing && !overwrite) throw new ApiError('exists', `A model named “${name}” already exists.`);
      const saved = summary(existing?.id ?? `m-${models.length + 1}`, name, '2025-03-02T10:00:00.000Z');
      models = [...models.filter((m) => m.name !== name), saved];
      return saved;
    }),
    'models:open': vi.fn(async ({ id }: { id: string }): Promise<OpenedModel> => {
      const s = models.find((m) => m.id === id);
      if (!s) throw new ApiError('not-found', 'That model is no longer in the library.');
      return { summary: s, spec, hyperparams: null, history: [], data: id === 'plane' ? planeData : { inputShape: [28, 28, 1], task: null, source: null, bounds: null } };
    }),
    'models:rename': vi.fn(async ({ id, name, overwrite }: { id: string; name: string; overwrite: boolean }) => {
      const clash = models.find((m) => m.name === name && m.id !== id);
      if (clash && !overwrite) throw new ApiError('exists', `A model named “${name}” already exists.`);
      models = models.filter((m) => m !== clash).map((m) => (m.id === id ? { ...m, name } : m));
      return models.find((m) => m.id === id)!;
    }),
    'models:delete': vi.fn(async ({ id }: { id: string }) => {
      models = models.filter((m) => m.id !== id);
    }),
    'models:export': vi.fn(async (_: { id: string }): Promise<{ path: string } | null> => ({ path: '/home/ada/Desktop/digits' })),
    'models:exportCode': vi.fn(async (_: { id: string; format: 'pytorch' | 'keras' }): Promise<{ path: string } | null> => ({ path: '/home/ada/Desktop/digits PyTorch' })),
    'models:import': vi.fn(async (): Promise<ModelSummary | null> => null),
  } satisfies ModelsApi;
  return api;
}

const planeData: ModelData = {
  inputShape: [2], task: { kind: 'classification', classNames: ['0', '1'] },
  source: { kind: 'generated', generator: 'moons', points: 300, noise: 0.1, arms: 2, seed: 9, testShare: 0.25 },
  bounds: { x1: [-2, 2], x2: [-2, 2] },
};

function setup(initial: ModelSummary[] = []) {
  const api = fakeApi(initial);
  const editor = { load: vi.fn() };
  const session: { modelRef: ModelRef | null; modelLabel: string | null; modelSpec?: NetworkSpec | null; modelData?: ModelData | null; hasCurrentModel: boolean } = {
    modelRef: { kind: 'current' }, modelLabel: 'just trained', hasCurrentModel: true,
  };
  const data = { adopt: vi.fn() };
  return { api, editor, session, data, library: new ModelLibrary(api, editor, session, data) };
}

describe('ModelLibrary', () => {
  it('saves under a new name without asking', async () => {
    const { api, library } = setup();
    expect(await library.save('  digits  ')).toBe('done');
    expect(api['models:save']).toHaveBeenCalledWith({ name: 'digits', overwrite: false });
    expect(library.notice).toEqual({ tone: 'success', key: 'models.saved', params: { name: 'digits' } });
  });

  it('asks before overwriting a taken name, then resends with overwrite: true', async () => {
    const { api, library } = setup([summary('m-1', 'digits')]);
    library.saveOpen = true;
    expect(await library.save('digits')).toBe('confirm');
    expect(library.confirmation).toEqual({ kind: 'overwrite-save', name: 'digits' });
    expect(library.saveOpen).toBe(true);
    expect(api['models:save']).toHaveBeenCalledTimes(1);

    expect(await library.confirm()).toBe('done');
    expect(api['models:save']).toHaveBeenLastCalledWith({ name: 'digits', overwrite: true });
    expect(library.confirmation).toBeNull();
    expect(library.saveOpen).toBe(false);
  });

  it('can back out of overwriting: nothing is sent', async () => {
    const { api, library } = setup([summary('m-1', 'digits')]);
    await library.save('digits');
    library.cancelConfirmation();
    expect(library.confirmation).toBeNull();
    expect(api['models:save']).toHaveBeenCalledTimes(1);
  });

  it('refuses an empty name locally and shows other failures in the save dialog', async () => {
    const { api, library } = setup();
    expect(await library.save('   ')).toBe('error');
    expect(library.saveNote).toEqual({ tone: 'error', key: 'models.nameRequired' });
    api['models:save'].mockRejectedValueOnce(new ApiError('not-found', 'There is no trained model to save yet.'));
    expect(await library.save('x')).toBe('error');
    expect(library.saveNote).toEqual({ tone: 'error', text: 'There is no trained model to save yet.' });
  });

  it('suggests the first free name', async () => {
    const { library } = setup([summary('m-1', 'Model 1'), summary('m-2', 'Model 2')]);
    await library.refresh();
    expect(library.suggestName('Model')).toBe('Model 3');
  });

  it('lists newest first', async () => {
    const { library } = setup([summary('a', 'old', '2024-01-01T00:00:00Z'), summary('b', 'new', '2025-01-01T00:00:00Z')]);
    await library.refresh();
    expect(library.models.map((m) => m.id)).toEqual(['b', 'a']);
  });

  it('renames, and asks before taking another model’s name', async () => {
    const { api, library } = setup([summary('m-1', 'first'), summary('m-2', 'second')]);
    await library.refresh();
    library.startRename('m-1');
    expect(library.renaming).toEqual({ id: 'm-1', draft: 'first' });
    expect(await library.rename('m-1', 'premier')).toBe('done');
    expect(library.renaming).toBeNull();
    expect(library.models.find((m) => m.id === 'm-1')?.name).toBe('premier');

    expect(await library.rename('m-1', 'second')).toBe('confirm');
    expect(library.confirmation).toEqual({ kind: 'overwrite-rename', id: 'm-1', name: 'second' });
    expect(await library.confirm()).toBe('done');
    expect(api['models:rename']).toHaveBeenLastCalledWith({ id: 'm-1', name: 'second', overwrite: true });
    expect(library.models.map((m) => m.id)).toEqual(['m-1']);
  });

  it('renaming the model in use updates the label shown with predictions', async () => {
    const { library, session } = setup([summary('m-1', 'first')]);
    await library.refresh();
    await library.open('m-1');
    await library.rename('m-1', 'renamed');
    expect(session.modelLabel).toBe('renamed');
    expect(session.modelRef).toEqual({ kind: 'saved', id: 'm-1' });
  });

  it('deletes only after confirmation', async () => {
    const { api, library } = setup([summary('m-1', 'first')]);
    await library.refresh();
    library.requestDelete('m-1');
    expect(library.confirmation).toEqual({ kind: 'delete', id: 'm-1', name: 'first' });
    expect(api['models:delete']).not.toHaveBeenCalled();
    library.cancelConfirmation();
    expect(api['models:delete']).not.toHaveBeenCalled();

    library.requestDelete('m-1');
    expect(await library.confirm()).toBe('done');
    expect(api['models:delete']).toHaveBeenCalledWith({ id: 'm-1' });
    expect(library.models).toEqual([]);
  });

  it('deleting the model in use leaves the pad without a model', async () => {
    const { library, session } = setup([summary('m-1', 'first')]);
    await library.refresh();
    await library.open('m-1');
    library.requestDelete('m-1');
    await library.confirm();
    expect(session.modelRef).toBeNull();
    expect(session.modelLabel).toBeNull();
  });

  it('opening loads the network into the builder and points the session at the saved model', async () => {
    const { editor, library, session } = setup([summary('m-7', 'seven')]);
    library.showLibrary();
    expect(await library.open('m-7')).toBe('done');
    expect(editor.load).toHaveBeenCalledWith(spec);
    expect(session.modelRef).toEqual({ kind: 'saved', id: 'm-7' });
    expect(session.modelLabel).toBe('seven');
    expect(session.modelSpec).toEqual(spec);
    expect(library.libraryOpen).toBe(false);
  });

  it('opening a model of points in the plane gives Draw & test its data and the Train tab its points', async () => {
    const { data, library, session } = setup([summary('plane', 'moons'), summary('m-7', 'seven')]);
    expect(await library.open('plane')).toBe('done');
    expect(session.modelData).toEqual(planeData);
    expect(data.adopt).toHaveBeenLastCalledWith(planeData);
    expect(await library.open('m-7')).toBe('done');
    expect(session.modelData).toEqual({ inputShape: [28, 28, 1], task: null, source: null, bounds: null });
    expect(data.adopt).toHaveBeenLastCalledWith(session.modelData);
  });

  it('the Train tab goes back to a plane model’s points, and from points to MNIST for an image model', () => {
    const settings = { source: 'bundled', plane: { adopt: vi.fn() } };
    const target = dataTargetFor(settings);
    target.adopt(planeData);
    expect(settings.source).toBe('plane');
    expect(settings.plane.adopt).toHaveBeenCalledWith(planeData.source);
    target.adopt({ inputShape: [28, 28, 1], task: null, source: null, bounds: null });
    expect(settings.source).toBe('bundled');
    // A folder of images stays the folder; a table's model (no plane record) leaves the data as they are.
    settings.source = 'folder';
    target.adopt({ inputShape: [28, 28, 1], task: null, source: null, bounds: null });
    expect(settings.source).toBe('folder');
    settings.source = 'plane';
    target.adopt({ inputShape: [4], task: null, source: null, bounds: null });
    expect(settings.source).toBe('plane');
    expect(settings.plane.adopt).toHaveBeenCalledTimes(1);
  });

  it('shows a failure on the row where it happened', async () => {
    const { api, editor, library, session } = setup([summary('m-1', 'first')]);
    await library.refresh();
    api['models:open'].mockRejectedValueOnce(new ApiError('bad-file', 'The model file is damaged.'));
    expect(await library.open('m-1')).toBe('error');
    expect(library.rowNotes['m-1']).toEqual({ tone: 'error', text: 'The model file is damaged.' });
    expect(editor.load).not.toHaveBeenCalled();
    expect(session.modelRef).toEqual({ kind: 'current' });
  });

  it('exports (path on the row; nothing when cancelled; the bridge’s message when it cannot)', async () => {
    const { api, library } = setup([summary('m-1', 'first')]);
    await library.exportModel('m-1');
    expect(library.rowNotes['m-1']).toEqual({ tone: 'success', key: 'models.exported', params: { path: '/home/ada/Desktop/digits' } });
    api['models:export'].mockResolvedValueOnce(null);
    await library.exportModel('m-1');
    expect(library.rowNotes['m-1']).toBeUndefined();
    api['models:export'].mockRejectedValueOnce(new ApiError('io', 'Choosing folders needs the desktop app.'));
    await library.exportModel('m-1');
    expect(library.rowNotes['m-1']).toEqual({ tone: 'error', text: 'Choosing folders needs the desktop app.' });
  });

  it('exports as code in the format asked (path on the row; nothing when cancelled; a refused layer words its reason)', async () => {
    const { api, library } = setup([summary('m-1', 'first')]);
    await library.exportCode('m-1', 'pytorch');
    expect(api['models:exportCode']).toHaveBeenLastCalledWith({ id: 'm-1', format: 'pytorch' });
    expect(library.rowNotes['m-1']).toEqual({ tone: 'success', key: 'models.exportedCode', params: { path: '/home/ada/Desktop/digits PyTorch' } });
    api['models:exportCode'].mockResolvedValueOnce(null);
    await library.exportCode('m-1', 'keras');
    expect(api['models:exportCode']).toHaveBeenLastCalledWith({ id: 'm-1', format: 'keras' });
    expect(library.rowNotes['m-1']).toBeUndefined();
    api['models:exportCode'].mockRejectedValueOnce(new ApiError('io', 'Layer reshape_1 cannot be written for PyTorch.'));
    await library.exportCode('m-1', 'pytorch');
    expect(library.rowNotes['m-1']).toEqual({ tone: 'error', text: 'Layer reshape_1 cannot be written for PyTorch.' });
  });

  it('imports and refreshes the list', async () => {
    const { api, library } = setup();
    api['models:import'].mockResolvedValueOnce(summary('m-9', 'imported'));
    await library.importModel();
    expect(library.importNote).toEqual({ tone: 'success', key: 'models.imported', params: { name: 'imported' } });
    expect(api['models:list']).toHaveBeenCalled();
    api['models:import'].mockRejectedValueOnce(new ApiError('bad-file', 'That folder does not hold a Layerwise model.'));
    await library.importModel();
    expect(library.importNote).toEqual({ tone: 'error', text: 'That folder does not hold a Layerwise model.' });
  });

  it('keeps a failure that carries a catalog message as that message, so it is worded in the UI language', async () => {
    const { api, library } = setup([summary('m-1', 'first')]);
    await library.refresh();
    const detail = { key: 'modelFile.weightsMissing', params: { file: 'weights.bin', folder: '/models/m-1' } };
    api['models:open'].mockRejectedValueOnce(new ApiError('bad-file', 'The weights file weights.bin listed in model.json is missing from /models/m-1.', detail));
    expect(await library.open('m-1')).toBe('error');
    expect(library.rowNotes['m-1']).toEqual({ tone: 'error', ...detail });
  });
});
