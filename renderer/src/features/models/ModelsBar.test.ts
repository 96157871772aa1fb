import { fireEvent, render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ModelSummary, OpenedModel } from '../../../../electron/ipc/contract';
import { ApiError } from '../../lib/api';
import { i18n } from '../../lib/i18n/i18n.svelte';
import { NetworkEditor } from '../builder/networkEditor.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import ModelsBar from './ModelsBar.svelte';

const digits: ModelSummary = {
  id: 'digits', name: 'digits', savedAt: '2025-03-01T10:00:00.000Z', architecture: 'Flatten → Dense → Dense',
  params: 101_770, testAccuracy: 0.9781, datasetName: 'MNIST',
};

function fakeApi() {
  return {
    'models:list': vi.fn(async () => [digits]),
    'models:save': vi.fn(async ({ name, overwrite }: { name: string; overwrite: boolean }) => {
      if (name === 'digits' && !overwrite) throw new ApiError('exists', 'A model named “digits” already exists.');
      return { ...digits, name };
    }),
    'models:open': vi.fn(async (): Promise<OpenedModel> => ({
      summary: digits, spec: { input_shape: [28, 28, 1], layers: [{ type: 'Flatten' }, { type: 'Dense', units: 10 }] }, hyperparams: null, history: [],
    })),
    'models:rename': vi.fn(async () => digits),
    'models:delete': vi.fn(async () => undefined),
    'models:export': vi.fn(async () => ({ path: '/tmp/digits' })),
    'models:exportCode': vi.fn(async () => ({ path: '/tmp/digits PyTorch' })),
    'models:import': vi.fn(async () => null),
  };
}

function setup(hasCurrentModel = true) {
  const api = fakeApi();
  const editor = new NetworkEditor();
  const session = new TrainingSession();
  session.hasCurrentModel = hasCurrentModel;
  render(ModelsBar, { editor, session, api });
  return { api, editor, session };
}

describe('ModelsBar', () => {
  beforeEach(() => {
    i18n.lang = 'en';
  });

  it('offers "Save model" only once a model was trained', () => {
    setup(false);
    expect(screen.getByRole('button', { name: 'Save model' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Models' })).toBeEnabled();
  });

  it('saves under a name, confirming before replacing an existing one', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await user.click(screen.getByRole('button', { name: 'Save model' }));
    const dialog = await screen.findByRole('dialog', { name: 'Save the trained model' });
    const name = within(dialog).getByRole('textbox', { name: 'Name' });
    await vi.waitFor(() => expect(name).toHaveValue('Model 1'));
    await user.clear(name);
    await user.type(name, 'digits{Enter}');

    expect(await within(dialog).findByText(/A model named “digits” already exists/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(api['models:save']).toHaveBeenLastCalledWith({ name: 'digits', overwrite: true });
    await vi.waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await screen.findByText('Saved “digits”.')).toBeInTheDocument();
  });

  it('closes the save dialog with Escape and gives focus back', async () => {
    const user = userEvent.setup();
    setup();
    const button = screen.getByRole('button', { name: 'Save model' });
    await user.click(button);
    const dialog = await screen.findByRole('dialog');
    await fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(button).toHaveFocus();
  });

  it('lists saved models and opens one into the builder and the pad', async () => {
    const user = userEvent.setup();
    const { api, editor, session } = setup();
    const load = vi.spyOn(editor, 'load');
    await user.click(screen.getByRole('button', { name: 'Models' }));
    const dialog = await screen.findByRole('dialog', { name: 'Saved models' });
    const row = (await within(dialog).findByRole('rowheader', { name: 'digits' })).closest('tr')!;
    expect(row).toHaveTextContent('97.81 %');
    expect(row).toHaveTextContent('MNIST');
    expect(row).toHaveTextContent('Flatten → Dense → Dense');

    await user.click(within(row).getByRole('button', { name: 'Open digits' }));
    expect(api['models:open']).toHaveBeenCalledWith({ id: 'digits' });
    await vi.waitFor(() => expect(session.modelRef).toEqual({ kind: 'saved', id: 'digits' }));
    expect(session.modelLabel).toBe('digits');
    expect(load).toHaveBeenCalledOnce();
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('asks before deleting, on the row', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await user.click(screen.getByRole('button', { name: 'Models' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Delete digits' }));
    expect(within(dialog).getByText('Delete “digits”? This cannot be undone.')).toBeInTheDocument();
    expect(api['models:delete']).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    expect(api['models:delete']).toHaveBeenCalledWith({ id: 'digits' });
  });

  it('shows where an export went', async () => {
    const user = userEvent.setup();
    setup();
    await user.click(screen.getByRole('button', { name: 'Models' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Export… digits' }));
    expect(await within(dialog).findByText('Exported to /tmp/digits')).toBeInTheDocument();
  });

  it('exports as code after asking PyTorch or Keras, and shows where the script went', async () => {
    const user = userEvent.setup();
    const { api } = setup();
    await user.click(screen.getByRole('button', { name: 'Models' }));
    const dialog = await screen.findByRole('dialog');
    const code = await within(dialog).findByRole('button', { name: 'Code… digits' });
    expect(code).toHaveAttribute('aria-expanded', 'false');
    await user.click(code);
    expect(within(dialog).getByText(/Write “digits” as a Python script/)).toBeInTheDocument();
    expect(api['models:exportCode']).not.toHaveBeenCalled();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(within(dialog).queryByText(/Write “digits” as a Python script/)).not.toBeInTheDocument();
    await user.click(code);
    await user.click(within(dialog).getByRole('button', { name: 'PyTorch' }));
    expect(api['models:exportCode']).toHaveBeenCalledWith({ id: 'digits', format: 'pytorch' });
    expect(await within(dialog).findByText('Script written to /tmp/digits PyTorch')).toBeInTheDocument();
  });

  it('words a failure with a catalog message in the UI language, following a language change; a plain failure keeps its text', async () => {
    const user = userEvent.setup();
    i18n.lang = 'fr';
    const { api } = setup();
    const detail = { key: 'modelFile.weightsMissing', params: { file: 'weights.bin', folder: '/models/digits' } };
    api['models:open'].mockRejectedValueOnce(new ApiError('bad-file', 'The weights file weights.bin listed in model.json is missing from /models/digits.', detail));
    api['models:import'].mockRejectedValueOnce(new ApiError('bad-file', 'That folder does not hold a Layerwise model.'));
    await user.click(screen.getByRole('button', { name: 'Modèles' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(await within(dialog).findByRole('button', { name: 'Ouvrir digits' }));
    const note = await within(dialog).findByText('Le fichier de poids weights.bin indiqué dans model.json est absent de /models/digits.');
    i18n.lang = 'en';
    await vi.waitFor(() => expect(note).toHaveTextContent('The weights file weights.bin listed in model.json is missing from /models/digits.'));
    await user.click(within(dialog).getByRole('button', { name: /^Import/ }));
    expect(await within(dialog).findByText('That folder does not hold a Layerwise model.')).toBeInTheDocument();
  });

  it('marks a damaged model with its reason, in the UI language, and offers only Delete', async () => {
    const user = userEvent.setup();
    i18n.lang = 'fr';
    const { api } = setup();
    const broken: ModelSummary = {
      id: 'broken', name: 'broken', savedAt: '2025-03-02T10:00:00.000Z', architecture: '', params: 0, testAccuracy: null, datasetName: null,
      damaged: { key: 'modelFile.isLink', params: { file: 'weights.bin' } },
    };
    api['models:list'].mockResolvedValue([digits, broken]);
    await user.click(screen.getByRole('button', { name: 'Modèles' }));
    const dialog = await screen.findByRole('dialog');
    const row = (await within(dialog).findByRole('rowheader', { name: /broken/ })).closest('tr')!;
    expect(row).toHaveTextContent('endommagé');
    expect(row).toHaveTextContent('weights.bin est un lien vers un autre emplacement ; Layerwise ne lit que de vrais fichiers, jamais des liens.');
    expect(within(row).getAllByRole('button').map((b) => b.textContent?.trim())).toEqual(['Supprimer']);
    expect(within(row).getByRole('button', { name: 'Supprimer broken' })).toHaveAccessibleDescription(/weights\.bin est un lien/);
    // The healthy row keeps every action: open, rename, export, code, delete.
    const good = within(dialog).getByRole('rowheader', { name: 'digits' }).closest('tr')!;
    expect(within(good).getAllByRole('button')).toHaveLength(5);
    await user.click(within(row).getByRole('button', { name: 'Supprimer broken' }));
    await user.click(within(dialog).getByRole('button', { name: 'Supprimer' }));
    expect(api['models:delete']).toHaveBeenCalledWith({ id: 'broken' });
  });
});
