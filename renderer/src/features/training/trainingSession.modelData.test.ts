import { describe, expect, it } from 'vitest';
import { PRESETS } from '$engine';
import { FrameScheduler } from './frameScheduler';
import { completed, FakeApi, started } from './testing/fakeApi';
import { TrainingSession } from './trainingSession.svelte';

const noFrames = { now: () => 0, request: () => 0, cancel: () => {} };
const PLANE_SPEC = { input_shape: [2], layers: [{ type: 'Dense' as const, units: 2, activation: 'softmax' as const }] };

describe('TrainingSession.modelData (what Draw & test offers for the model just trained)', () => {
  it('a run on points in the plane leaves a model that knows its points, task and square', async () => {
    const fake = new FakeApi();
    const session = new TrainingSession(fake.api, new FrameScheduler(noFrames));
    session.settings.source = 'plane';
    session.settings.plane.choice = 'xor';
    await session.start(PLANE_SPEC);
    const source = session.settings.plane.source!;
    const bounds = session.settings.plane.info!.bounds!;
    // The settings move on during the run: the model keeps the data it was trained on.
    session.settings.plane.choice = 'moons';
    fake.emit(started(), completed('run-1'));
    expect(session.modelData).toEqual({ inputShape: [2], task: { kind: 'classification', classNames: ['0', '1'] }, source, bounds });
    expect(source).toMatchObject({ kind: 'generated', generator: 'xor' });
  });

  it('a run on MNIST leaves an image model (the pad)', async () => {
    const fake = new FakeApi();
    const session = new TrainingSession(fake.api, new FrameScheduler(noFrames));
    await session.start(PRESETS.mlp);
    fake.emit(started(), completed('run-1'));
    expect(session.modelData).toEqual({ inputShape: [28, 28, 1], task: null, source: null, bounds: null });
  });
});
