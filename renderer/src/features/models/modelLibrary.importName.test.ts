import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ModelSummary } from '../../../../electron/ipc/contract';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { ModelLibrary, type ModelsApi } from './modelLibrary.svelte';

afterEach(() => i18n.setLang('en'));

describe('importing a model', () => {
  it('gives the host a name in the UI’s language for a model that has none', async () => {
    const imported = vi.fn(async (): Promise<ModelSummary | null> => null);
    const unused = vi.fn(async () => {
      throw new Error('not in this test');
    });
    const api = {
      'models:list': vi.fn(async () => []), 'models:save': unused, 'models:open': unused, 'models:rename': unused,
      'models:delete': unused, 'models:export': unused, 'models:exportCode': unused, 'models:import': imported,
    } as unknown as ModelsApi;
    const library = new ModelLibrary(api, { load: vi.fn() }, { modelRef: null, modelLabel: null, hasCurrentModel: false });
    i18n.setLang('fr');
    await library.importModel();
    i18n.setLang('en');
    await library.importModel();
    expect(imported.mock.calls).toEqual([[{ fallbackName: 'Modèle importé' }], [{ fallbackName: 'Imported model' }]]);
  });
});
