/** The Train tab leads to the stepper: one training step of the network, stage by stage. */
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FakeApi } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

afterEach(() => i18n.setLang('en'));

const editor = { spec: { input_shape: [2], layers: [] }, valid: true, analysis: { issues: [] }, codeMarkedId: null } as unknown as NetworkEditor;

describe('the Train tab’s link to the stepper', () => {
  it('opens the stepper, in either language', async () => {
    let opened = 0;
    render(TrainingPanel, { editor, session: new TrainingSession(new FakeApi().api), onGoToStep: () => opened++ });
    await fireEvent.click(screen.getByRole('button', { name: 'See one training step of this network, stage by stage →' }));
    expect(opened).toBe(1);
    i18n.setLang('fr');
    await fireEvent.click(await screen.findByRole('button', { name: 'Voir une étape d’entraînement de ce réseau, pas à pas →' }));
    expect(opened).toBe(2);
  });
});
