import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { formatMessage, msg, PRESETS } from '$engine';
import { ApiError } from '../../lib/api';
import { i18n } from '../../lib/i18n/i18n.svelte';
import RunNotice from './RunNotice.svelte';
import { FakeApi, started } from './testing/fakeApi';
import { TrainingSession } from './trainingSession.svelte';

afterEach(() => i18n.setLang('en'));

async function failedRun(event: { reason: 'diverged' | 'crashed' | 'error'; detail: ReturnType<typeof msg> }) {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api);
  session.settings.learningRate = 5;
  await session.start(PRESETS.mlp);
  fake.emit(started());
  fake.emit({ type: 'failed', runId: 'run-1', reason: event.reason, message: formatMessage(event.detail), detail: event.detail });
  return session;
}

describe('RunNotice in a French UI', () => {
  it('shows the engine\'s divergence advice in French, numbers written the French way', async () => {
    i18n.setLang('fr');
    const session = await failedRun({ reason: 'diverged', detail: msg('train.diverged', { epoch: 2, batch: 14, value: msg('train.lossInfinite'), lr: 0.75 }) });
    render(RunNotice, { props: { session } });
    expect(screen.getByRole('alert')).toHaveTextContent(
      'L’entraînement a divergé à l’époque 2, lot 14 : la perte est devenue infinie. Baissez le taux d’apprentissage (actuellement 0,75) et relancez l’entraînement.',
    );
    expect(screen.getByRole('alert')).not.toHaveTextContent(/diverged|Lower the learning rate/);
  });

  it('does not repeat the crash advice the host\'s message already gives', async () => {
    i18n.setLang('fr');
    const session = await failedRun({ reason: 'crashed', detail: msg('train.crashed', { why: 'exit code 1' }) });
    render(RunNotice, { props: { session } });
    expect(screen.getByRole('alert').textContent!.match(/Votre réseau et vos réglages sont conservés/g)).toHaveLength(1);
  });

  it('words a refused start (a host error with a detail) as a sentence', async () => {
    i18n.setLang('fr');
    const fake = new FakeApi();
    const detail = msg('train.batchTooBig', { batch: 600, count: 500 });
    fake.handlers['train:start'] = async () => {
      throw new ApiError('invalid-request', formatMessage(detail), detail);
    };
    const session = new TrainingSession(fake.api);
    await session.start(PRESETS.mlp);
    expect(session.failure).toMatchObject({ reason: 'rejected', code: 'invalid-request', detail });
    render(RunNotice, { props: { session } });
    expect(screen.getByRole('alert')).toHaveTextContent('La taille de lot 600 dépasse les 500 images d’entraînement');
  });
});
