import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { batches, completed, FakeApi, started } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

const editor = { spec: PRESETS.mlp, valid: true, analysis: { issues: [] } } as unknown as NetworkEditor;

function setup() {
  const fake = new FakeApi();
  fake.handlers['datasets:pickCsv'] = async () => ({ token: 't', name: 't.csv', text: 'a;b;c\n1;2;x\n3;4;y\n5;6;x\n7;8;y\n9;10;x\n' });
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor, session });
  return { fake, session };
}

afterEach(() => i18n.setLang('en'));

describe('the hints name what a sample is', () => {
  it('images for MNIST, points in the plane, rows of a table — in English and French', async () => {
    const fake = new FakeApi();
    fake.handlers['datasets:pickCsv'] = async () => ({ token: 't', name: 't.csv', text: 'a;b;c\n1;2;x\n3;4;y\n5;6;x\n7;8;y\n9;10;x\n' });
    const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
    render(TrainingPanel, { editor, session });
    expect(screen.getByText(/^Mini-batch: the weights change after every 64 images/)).toBeInTheDocument();
    expect(screen.getByText('Epochs: how many times the network sees every training image.')).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('radio', { name: /Points in the plane/ }));
    expect(screen.getByText(/^Mini-batch: the weights change after every 64 points \(5 updates per epoch\)/)).toBeInTheDocument();
    expect(screen.getByText('Epochs: how many times the network sees every training point.')).toBeInTheDocument();
    i18n.setLang('fr');
    session.settings.batchChoice = 16;
    flushSync();
    expect(screen.getByText(/^Mini-lot : les poids changent tous les 16 points/)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('radio', { name: /Un tableau \(CSV\)/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choisir un fichier CSV…' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Utiliser ce tableau' }));
    session.settings.batchChoice = 1;
    flushSync();
    expect(screen.getByText(/les poids changent après chaque ligne/)).toBeInTheDocument();
    expect(screen.getByText('Époques : combien de fois le réseau voit chaque ligne d’entraînement.')).toBeInTheDocument();
  });
});

const RUN_WORDS = {
  en: {
    points: 'Points in the plane', train: 'Train', starting: 'Starting: loading the points…', speed: '1,500 points/s',
    data: '270 training points, 30 for validation, 33 parameters', testing: 'Testing on the 100 test points…',
    measured: /training on 5,000 training points, validation on the held-out points\./,
  },
  fr: {
    points: 'Points du plan', train: 'Entraîner', starting: 'Démarrage : chargement des points…', speed: /^1\s500 points\/s$/,
    data: /^270 points d’entraînement, 30 de validation, 33 paramètres$/, testing: 'Test sur les 100 points de test…',
    measured: /l’entraînement sur 5\s000 points d’entraînement, la validation sur les points mis de côté\./,
  },
} as const;

describe('the run controls name what the run trains on', () => {
  it.each(['en', 'fr'] as const)('a run on points says points while it starts, trains and tests, and in its curves (%s)', async (lang) => {
    i18n.setLang(lang);
    const words = RUN_WORDS[lang];
    const { fake } = setup();
    await fireEvent.click(screen.getByRole('radio', { name: new RegExp(words.points) }));
    await fireEvent.click(screen.getByRole('button', { name: words.train }));
    expect(screen.getByText(words.starting)).toBeInTheDocument();
    fake.emit(started('run-1', { dataset: 'circles', trainCount: 270, valCount: 30, testCount: 100, params: 33 }), batches('run-1', 1, 1, 2, 128));
    flushSync();
    expect(screen.getByText(words.speed)).toBeInTheDocument();
    expect(screen.getByText(words.data)).toBeInTheDocument();
    const controls = screen.getByRole('progressbar').parentElement!;
    expect(within(controls).queryByText(/images/)).toBeNull();
    fake.emit({ type: 'testing', runId: 'run-1' });
    flushSync();
    expect(screen.getByText(words.testing)).toBeInTheDocument();
    fake.emit(completed('run-1'));
    flushSync();
    expect(screen.getByText(words.measured)).toBeInTheDocument();
  });

  it('keeps the words of the run under way when the settings turn to images', async () => {
    const { fake, session } = setup();
    await fireEvent.click(screen.getByRole('radio', { name: /Points in the plane/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    fake.emit(started('run-1', { trainCount: 270, valCount: 30, testCount: 100, params: 33 }));
    session.settings.source = 'bundled';
    flushSync();
    expect(screen.getByText('270 training points, 30 for validation, 33 parameters')).toBeInTheDocument();
  });
});

describe('the validation setting names what is held back', () => {
  it('points, then a table’s rows (lignes, feminine in French), in its label, hint and problems', async () => {
    const { session } = setup();
    expect(screen.getByLabelText('Validation images')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('radio', { name: /Points in the plane/ }));
    expect(screen.getByLabelText('Validation points')).toBeInTheDocument();
    const hint = () => document.getElementById('train-validation-hint')!.textContent!;
    expect(hint()).toMatch(/^Until you type a number: a tenth of the training points, at most 5,000 — here \d+\. Training points held back to check the network on points it does not learn from\.$/);
    session.settings.validationSize = 5000;
    flushSync();
    expect(screen.getByText(/^Must be smaller than the \d+ training points\.$/)).toBeInTheDocument();
    i18n.setLang('fr');
    flushSync();
    expect(screen.getByLabelText('Points de validation')).toBeInTheDocument();
    expect(hint()).toBe('Points d’entraînement mis de côté pour vérifier le réseau sur des points qu’il n’apprend pas.');
    expect(screen.getByText(/^Doit être inférieur aux \d+ points d’entraînement\.$/)).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('radio', { name: /Un tableau \(CSV\)/ }));
    await fireEvent.click(screen.getByRole('button', { name: 'Choisir un fichier CSV…' }));
    await fireEvent.click(await screen.findByRole('button', { name: 'Utiliser ce tableau' }));
    expect(screen.getByLabelText('Lignes de validation')).toBeInTheDocument();
    expect(hint()).toBe('Lignes d’entraînement mises de côté pour vérifier le réseau sur des lignes qu’il n’apprend pas.');
    expect(screen.getByText(/^Doit être inférieur aux \d+ lignes d’entraînement\.$/)).toBeInTheDocument();
    session.settings.validationTyped = undefined; // back to the automatic tenth
    session.settings.batchChoice = 16;
    flushSync();
    expect(hint()).toMatch(/^Tant que vous ne saisissez pas de nombre : un dixième des lignes d’entraînement, 5\s000 au plus — ici \d+\. Lignes d’entraînement/);
    expect(screen.getByText(/^Au plus \d+, le nombre de lignes d’entraînement restantes\.$/)).toBeInTheDocument();
    expect(within(screen.getByRole('group', { name: 'Hyperparamètres' })).queryByText(/images/)).toBeNull();
  });
});
