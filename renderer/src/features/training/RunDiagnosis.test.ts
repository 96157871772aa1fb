import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { describe, expect, it } from 'vitest';
import { PRESETS, diagnoseRun } from '$engine';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from './frameScheduler';
import { completed, FakeApi, started, testResult } from './testing/fakeApi';
import TrainingPanel from './TrainingPanel.svelte';
import { TrainingSession } from './trainingSession.svelte';

const editor = { spec: PRESETS.mlp, valid: true, analysis: { issues: [] } } as unknown as NetworkEditor;

/** What the host finds for SGD at learning rate 5 whose every test image came out as a 3. */
function brokenRun() {
  const test = testResult();
  const confusion = Array.from({ length: 10 }, () => Array.from({ length: 10 }, (_, j) => (j === 3 ? 90 : 0)));
  const broken = { ...test, measures: { ...test.measures, accuracy: 0.1 }, confusion };
  const diagnosis = diagnoseRun({ history: [], test: broken, config: { learningRate: 5, optimizer: { type: 'sgd' } }, spec: PRESETS.mlp });
  return completed('run-1', broken, diagnosis);
}

async function completeRun(event: ReturnType<typeof completed>) {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor, session });
  await fireEvent.click(screen.getByRole('button', { name: i18n.lang === 'fr' ? 'Entraîner' : 'Train' }));
  fake.emit(started(), event);
  flushSync();
  return { fake, session };
}

describe('RunDiagnosis', () => {
  it('shows above the results, in French, what went wrong, why and what to change', async () => {
    i18n.lang = 'fr';
    try {
      await completeRun(brokenRun());
      const notice = screen.getByTestId('run-diagnosis');
      expect(notice).toHaveAttribute('role', 'alert');
      const results = screen.getByRole('region', { name: 'Résultats' });
      // Above the score: the first thing in the results.
      expect(results.firstElementChild).toBe(notice);
      expect(within(notice).getByText('Ce réseau n’a pas appris')).toBeInTheDocument();
      const text = notice.textContent!.replace(/\s+/g, ' ');
      expect(text).toContain('au niveau du hasard');
      expect(text).toContain('10 % des images de test');
      expect(text).toContain('100 % des images de test sont prédites comme 3');
      expect(text).toContain('le taux d’apprentissage 5 est bien trop élevé pour SGD');
      expect(text).toContain('par exemple à 0,05');
      // Both findings share their cause and fix: said once.
      expect(text.match(/Cause probable/g)).toHaveLength(1);
      expect(text).not.toMatch(/train\.diagnosis|\{\w+\}/);
    } finally {
      i18n.lang = 'en';
    }
  });

  it('is absent when the run went well, and gone when the next run starts', async () => {
    await completeRun(completed('run-1'));
    expect(screen.queryByTestId('run-diagnosis')).toBeNull();
    expect(screen.getByRole('region', { name: 'Results' })).toBeInTheDocument();
    document.body.innerHTML = '';

    const { session } = await completeRun(brokenRun());
    expect(screen.getByTestId('run-diagnosis')).toHaveTextContent('The network ended at chance level');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    flushSync();
    expect(session.diagnosis).toEqual([]);
    expect(screen.queryByTestId('run-diagnosis')).toBeNull();
  });
});
