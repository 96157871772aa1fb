import { fireEvent, render, screen, waitFor, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { CsvFile, CsvSource } from '../../../../electron/ipc/contract';
import { PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { completed, FakeApi, started } from './testing/fakeApi';
import { flushSync } from 'svelte';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';
import { MAX_UPLOAD_BYTES } from './tableData.svelte';

/** A French spreadsheet: `;`, decimal commas, quoted class names, a note column that is no number. */
const rows = Array.from({ length: 20 }, (_, i) => `${i},5;"${i % 2 ? 'bleu' : 'rouge'}";${-i},25;remarque ${i};${i * 2}`);
const sheet = ['x1;classe;x2;note;taille', ...rows].join('\n');
const file: CsvFile = { token: 'tok-1', name: 'notes.csv', text: sheet };
const editor = { spec: PRESETS.mlp, valid: true, analysis: { issues: [] } } as unknown as NetworkEditor;

function setup(text = sheet) {
  const fake = new FakeApi();
  fake.handlers['datasets:pickCsv'] = async () => ({ ...file, text });
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor, session });
  return { fake, session };
}

async function importTable(): Promise<HTMLElement> {
  await fireEvent.click(screen.getByRole('radio', { name: /A table \(CSV\)/ }));
  await fireEvent.click(screen.getByRole('button', { name: 'Choose a CSV file…' }));
  return screen.findByRole('dialog', { name: 'Import a table: notes.csv' });
}

afterEach(() => i18n.setLang('en'));

describe('the table import dialog', () => {
  it('previews the file as read: separator, header, decimal commas, the last column as label', async () => {
    setup();
    const dialog = within(await importTable());
    expect(dialog.getByRole('combobox', { name: 'Separator' })).toHaveValue(';');
    expect(dialog.getByText('The first line is a header: it names the columns.')).toBeInTheDocument();
    expect(dialog.getByText('Numbers with a decimal comma (0,5) are read as such.')).toBeInTheDocument();
    expect(dialog.getByRole('columnheader', { name: 'classe' })).toBeInTheDocument();
    expect(dialog.getAllByRole('row')).toHaveLength(1 + 6);
    expect(dialog.getByRole('combobox', { name: 'Label: what the network predicts' })).toHaveValue('4');
    // The words of "classe" and "note" are no features; "taille" (whole numbers) is read as classes.
    const features = dialog.getAllByRole('checkbox').filter((c) => (c as HTMLInputElement).checked).map((c) => c.parentElement!.textContent!.trim());
    expect(features).toEqual(['x1', 'x2']);
    expect(dialog.getByRole('radio', { name: 'Classes' })).toBeChecked();
  });

  it('sends the columns picked: another label, one feature less, a test share and seed', async () => {
    const { fake } = setup();
    const dialog = within(await importTable());
    await fireEvent.change(dialog.getByRole('combobox', { name: 'Label: what the network predicts' }), { target: { value: '1' } });
    await fireEvent.click(dialog.getByRole('checkbox', { name: 'taille' }));
    await fireEvent.click(dialog.getByRole('checkbox', { name: 'x2' }));
    expect(dialog.getByText('16 training rows, 4 test rows')).toBeInTheDocument();
    await fireEvent.click(dialog.getByRole('button', { name: 'Use this table' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText(/notes\.csv/)).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const request = fake.callsTo('train:start')[0] as { dataset: { source: CsvSource; limit: number | null } };
    expect(request.dataset).toEqual({
      source: { kind: 'csv', token: 'tok-1', testToken: null, delimiter: ';', label: 1, features: [0, 4], task: 'classification', seed: 1, testShare: 0.2 },
      limit: null,
    });
  });

  it('names the bad cell of a row in French, and no run starts until it is fixed', async () => {
    i18n.setLang('fr');
    const { fake } = setup(sheet.replace('3,5;"bleu";-3,25', '3,5;"bleu";trois'));
    await fireEvent.click(screen.getByRole('radio', { name: /Un tableau \(CSV\)/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choisir un fichier CSV…' }));
    const dialog = within(await screen.findByRole('dialog', { name: 'Importer un tableau : notes.csv' }));
    expect(dialog.getByRole('alert')).toHaveTextContent('Ligne 5, colonne « x2 » : « trois » n’est pas un nombre.');
    // Leaving x2 out makes the table usable.
    await fireEvent.click(dialog.getByRole('checkbox', { name: 'x2' }));
    expect(dialog.queryByRole('alert')).toBeNull();
    expect(dialog.getByText('16 lignes d’entraînement, 4 lignes de test')).toBeInTheDocument();
    await fireEvent.click(dialog.getByRole('checkbox', { name: 'x2' }));
    await fireEvent.click(dialog.getByRole('button', { name: 'Utiliser ce tableau' }));
    expect(screen.getByRole('button', { name: 'Entraîner' })).toBeDisabled();
    expect(fake.callsTo('train:start')).toEqual([]);
  });

  it('reads with another separator when told, and takes a second file as the test part', async () => {
    const { fake, session } = setup();
    const dialog = within(await importTable());
    await fireEvent.change(dialog.getByRole('combobox', { name: 'Separator' }), { target: { value: ',' } });
    expect(dialog.getByRole('alert')).toHaveTextContent(/^Line 2 has/);
    await fireEvent.change(dialog.getByRole('combobox', { name: 'Separator' }), { target: { value: ';' } });
    fake.handlers['datasets:pickCsv'] = async () => ({ token: 'tok-2', name: 'test.csv', text: ['x1;classe;x2;note;taille', '1;"bleu";2;n;4'].join('\n') });
    await fireEvent.click(dialog.getByRole('radio', { name: 'A second file with the same columns' }));
    await fireEvent.click(dialog.getByRole('button', { name: 'Choose the test file…' }));
    await waitFor(() => expect(dialog.getByText('test.csv')).toBeInTheDocument());
    expect(dialog.getByText('20 training rows, 1 test rows')).toBeInTheDocument();
    expect(session.settings.toDataset().source).toMatchObject({ kind: 'csv', token: 'tok-1', testToken: 'tok-2' });
  });

  it('in a browser, sends the file the page’s input picked', async () => {
    const fake = new FakeApi();
    fake.transport = 'web';
    const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
    const { container } = render(TrainingPanel, { editor, session });
    await fireEvent.click(screen.getByRole('radio', { name: /A table \(CSV\)/ }));
    const input = container.querySelector<HTMLInputElement>('input[type=file][data-part=train]')!;
    await fireEvent.change(input, { target: { files: [new File([sheet], 'notes.csv', { type: 'text/csv' })] } });
    await screen.findByRole('dialog', { name: 'Import a table: notes.csv' });
    expect(fake.callsTo('datasets:uploadCsv')).toEqual([{ name: 'notes.csv', text: sheet }]);
    expect(fake.callsTo('datasets:pickCsv')).toEqual([]);
    // Larger than the bridge carries: refused here, in plain words, and nothing is sent.
    await fireEvent.click(screen.getByRole('button', { name: 'Use this table' }));
    i18n.setLang('fr');
    const big = new File(['x'.repeat(MAX_UPLOAD_BYTES + 1)], 'grand.csv', { type: 'text/csv' });
    await fireEvent.change(container.querySelector<HTMLInputElement>('input[type=file][data-part=train]')!, { target: { files: [big] } });
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Ce fichier n’est pas utilisable : grand.csv fait 701 Ko ; dans le navigateur, Layerwise importe des tableaux d’au plus 700 Ko (l’application de bureau en lit de plus grands).',
    );
    expect(fake.callsTo('datasets:uploadCsv')).toHaveLength(1);
  });

  it('names a table’s classes in the confusion matrix, which counts rows, and lists the test rows with their predictions', async () => {
    const { fake, session } = setup();
    const dialog = within(await importTable());
    await fireEvent.change(dialog.getByRole('combobox', { name: 'Label: what the network predicts' }), { target: { value: '1' } });
    await fireEvent.click(dialog.getByRole('checkbox', { name: 'taille' }));
    await fireEvent.click(dialog.getByRole('button', { name: 'Use this table' }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    // The run's own test rows (built from its source); the network gets the first one wrong, surely.
    const rowsTested = session.runData!.test!;
    const labels = Array.from(rowsTested.labels!);
    const predicted = labels.map((l, i) => (i === 0 ? 1 - l : l));
    const confusion = [[0, 0], [0, 0]];
    labels.forEach((l, i) => confusion[l]![predicted[i]!]!++);
    const samples = { predicted, confidence: [0.9, 0.8, 0.7, 0.6] };
    const test = { count: 4, measures: { loss: 0.2, accuracy: 0.75 }, confusion, misclassified: [], misclassifiedCount: 1, samples };
    fake.emit(started('run-1', { dataset: 'notes.csv', trainCount: 16, valCount: 0, testCount: 4 }), completed('run-1', test));
    flushSync();
    const matrix = screen.getByRole('table', { name: 'Confusion matrix' });
    expect(within(matrix).getByText('Rows: the true class. Columns: what the network predicted.')).toBeInTheDocument();
    const name = (k: number) => ['rouge', 'bleu'][k]!;
    const mistake = within(matrix).getByRole('button', { name: `True ${name(labels[0]!)}, predicted ${name(predicted[0]!)}: 1 row` });
    expect(mistake).toBeInTheDocument();

    // The list: the one mistake, its numbers as the file wrote them (x1 first), then a cell's rows.
    const list = within(screen.getByRole('region', { name: 'Test samples' }));
    const shownRows = () => list.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
    expect(shownRows()).toEqual([[String(rowsTested.inputs[0]), String(rowsTested.inputs[1]), String(rowsTested.inputs[2]), name(labels[0]!), name(predicted[0]!), '90 %']]);
    await fireEvent.click(list.getByRole('checkbox', { name: 'Only the mistakes' }));
    expect(shownRows().map((r) => r.at(-1))).toEqual(['90 %', '80 %', '70 %', '60 %']);
    const right = labels[1]!;
    await fireEvent.click(within(matrix).getByRole('button', { name: new RegExp(`^True ${name(right)}, predicted ${name(right)}:`) }));
    expect(list.getByText(`True ${name(right)}, predicted ${name(right)}`)).toBeInTheDocument();
    expect(shownRows().every((r) => r.at(-3) === name(right) && r.at(-2) === name(right))).toBe(true);
  });
});
