import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { PRESETS } from '../../../../engine/model/presets';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { FakeApi } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

const editor = { spec: PRESETS.mlp, valid: true, analysis: { issues: [] } } as unknown as NetworkEditor;

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
