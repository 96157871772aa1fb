import { fireEvent, render, screen } from '@testing-library/svelte';
import { flushSync } from 'svelte';
import { beforeEach, describe, expect, it } from 'vitest';
import type { PlaneFrame, TrainEvent } from '../../../../electron/ipc/contract';
import { buildDataset } from '../../../../electron/ipc/builtDatasets';
import { i18n } from '../../lib/i18n/i18n.svelte';
import type { NetworkEditor } from '../builder/networkEditor.svelte';
import { FrameScheduler } from '../training/frameScheduler';
import { completed, FakeApi, started } from '../training/testing/fakeApi';
import TrainingPanel from '../training/TrainingPanel.svelte';
import { TrainingSession } from '../training/trainingSession.svelte';
import { PLANE_VIEW } from './planeRun.svelte';

const SPEC_2_8_2 = {
  input_shape: [2],
  layers: [{ type: 'Dense', units: 8, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'softmax' }],
};
const editorStub = (spec: unknown = SPEC_2_8_2) => ({ spec, valid: true, analysis: { issues: [] } }) as unknown as NetworkEditor;

function setup(spec?: unknown) {
  const fake = new FakeApi();
  const session = new TrainingSession(fake.api, new FrameScheduler({ request: () => 0, cancel: () => {}, now: () => 0 }));
  render(TrainingPanel, { editor: editorStub(spec), session });
  return { fake, session };
}

const emit = (fake: FakeApi, ...events: TrainEvent[]) => {
  fake.emit(...events);
  flushSync();
};

const bytes64 = (values: number[]) => btoa(String.fromCharCode(...values));

/** A 16×16 two-class frame whose cell i has P(class 0) = byte (i % 256) / 255; one 2-unit tanh layer. */
function frame(offset = 0): PlaneFrame {
  const res = 16;
  const probs: number[] = [];
  for (let i = 0; i < res * res; i++) {
    const b = (i + offset) % 256;
    probs.push(b, 255 - b);
  }
  return {
    bounds: { x1: [-2, 2], x2: [-1.5, 2.5] },
    grid: { kind: 'classes', resolution: res, classes: 2, bytes: bytes64(probs) },
    units: [{ layerIndex: 0, name: 'dense', activation: 'tanh', units: 2, resolution: 8, range: { min: -1, max: 1 }, bytes: bytes64(Array.from({ length: 128 }, (_, i) => i * 2)) }],
    weights: [
      { layerIndex: 0, name: 'dense', inputs: 2, units: 2, kernel: [1, -2, 0.5, 3], bias: [0, 0.1] },
      { layerIndex: 1, name: 'dense_1', inputs: 2, units: 2, kernel: [2, -1, -0.5, 1], bias: [0.2, -0.2] },
    ],
  };
}

async function choosePlane(choice: string): Promise<void> {
  await fireEvent.click(screen.getByRole('radio', { name: /Points in the plane/ }));
  await fireEvent.change(screen.getByLabelText('Points'), { target: { value: choice } });
}

describe('Points in the plane, in the Train tab', () => {
  beforeEach(() => (i18n.lang = 'en'));

  it('sends the generated source the form describes, and asks for plane frames for a 2-input network', async () => {
    const { fake } = setup();
    expect(screen.queryByRole('heading', { name: 'The plane' })).toBeNull();
    await choosePlane('spiral3');
    await fireEvent.input(screen.getByLabelText('Number of points'), { target: { value: '300' } });
    await fireEvent.input(screen.getByLabelText('Noise'), { target: { value: '0.1' } });
    await fireEvent.input(screen.getByLabelText('Data seed'), { target: { value: '7' } });
    await fireEvent.input(screen.getByLabelText('Test share (%)'), { target: { value: '25' } });
    expect(screen.getByText('225 training points, 75 test points')).toBeInTheDocument();
    // The plane shows the very points the host will build from the request.
    expect(screen.getByRole('img', { name: 'The plane (x₁, x₂); 225 training points, 75 test points' })).toBeInTheDocument();

    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const [request] = fake.callsTo('train:start') as { dataset: unknown; planeView?: unknown }[];
    expect(request!.dataset).toEqual({
      source: { kind: 'generated', generator: 'spiral', points: 300, noise: 0.1, arms: 3, seed: 7, testShare: 0.25 },
      limit: null,
    });
    expect(request!.planeView).toEqual(PLANE_VIEW);
  });

  it('asks for no plane frames for MNIST, nor for a network that does not read 2 numbers', async () => {
    const { fake } = setup();
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    expect(fake.callsTo('train:start')[0]).not.toHaveProperty('planeView');

    const other = setup({ input_shape: [3], layers: [{ type: 'Dense', units: 2, activation: 'softmax' }] });
    await fireEvent.click(screen.getAllByRole('radio', { name: /Points in the plane/ })[1]!);
    await fireEvent.click(screen.getAllByRole('button', { name: 'Train' })[1]!);
    const request = other.fake.callsTo('train:start')[0] as { dataset: { source: { kind: string } } };
    expect(request.dataset.source.kind).toBe('generated');
    expect(request).not.toHaveProperty('planeView');
  });

  it('draws a plane frame decoded from the event, then the finished model’s picture from predict:plane', async () => {
    const { fake, session } = setup();
    let asked: unknown = null;
    fake.handlers['predict:plane'] = async (r) => {
      asked = r;
      return frame(100);
    };
    await choosePlane('circles');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    emit(fake, started('run-1', { bounds: frame().bounds }), { type: 'plane', runId: 'run-1', step: 3, epoch: 0, ...frame() });

    const shown = session.plane.frame!;
    expect(shown.bounds).toEqual({ xMin: -2, xMax: 2, yMin: -1.5, yMax: 2.5 });
    expect(shown.grid.kind).toBe('classes');
    expect(shown.grid.resolution).toBe(16);
    expect(shown.grid.values).toHaveLength(512);
    expect(shown.grid.values[2 * 10]).toBeCloseTo(10 / 255, 6);
    expect(shown.grid.values[2 * 10 + 1]).toBeCloseTo(245 / 255, 6);
    expect(shown.units[0]!.values[1]).toBeCloseTo(-1 + (2 / 255) * 2, 6);
    expect(screen.getByRole('img', { name: /^Decision regions of the network over the plane/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: 'Diagram of the network 2 → 2 → 2' })).toBeInTheDocument();

    emit(fake, completed('run-1'));
    await Promise.resolve();
    await Promise.resolve();
    expect(asked).toEqual({ model: { kind: 'current' }, bounds: frame().bounds, resolution: PLANE_VIEW.resolution, unitResolution: PLANE_VIEW.unitResolution });
    expect(session.plane.frame!.grid.values[0]).toBeCloseTo(100 / 255, 6);
  });

  it('asks for the stopped model’s picture too, and keeps the live frame when that fails', async () => {
    const { fake, session } = setup();
    await choosePlane('xor');
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    emit(fake, started('run-1', { bounds: frame().bounds }), { type: 'plane', runId: 'run-1', step: 3, epoch: 0, ...frame(7) });
    emit(fake, { type: 'stopped', runId: 'run-1', history: [], message: 'Stopped by the user during epoch 1.' });
    await Promise.resolve();
    await Promise.resolve();
    expect(fake.callsTo('predict:plane')).toHaveLength(1);
    expect(session.plane.frame!.grid.values[0]).toBeCloseTo(7 / 255, 6);
  });

  it('trains on the student’s own points (the points editor’s), with the toolbar shown', async () => {
    const { fake, session } = setup();
    await choosePlane('own');
    expect(screen.getByText('Add at least 4 points of at least 2 classes on the plane.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Train' })).toBeDisabled();
    expect(screen.getByRole('group', { name: 'Class of the new points' })).toBeInTheDocument();
    const editor = session.settings.plane.editor;
    editor.add(-1, -1);
    editor.add(-0.8, -1.2);
    editor.selectClass(1);
    editor.add(1, 1);
    editor.add(0.9, 1.1);
    flushSync();
    await fireEvent.click(screen.getByRole('button', { name: 'Train' }));
    const [request] = fake.callsTo('train:start') as { dataset: { source: unknown } }[];
    const source = { kind: 'points', points: [[-1, -1, 0], [-0.8, -1.2, 0], [1, 1, 1], [0.9, 1.1, 1]], seed: 1, testShare: 0.2 };
    expect(request!.dataset.source).toEqual(source);
    // The split shown is the host's own (the same function, the same seed).
    const built = buildDataset(source as Parameters<typeof buildDataset>[0]);
    expect(session.settings.plane.dataset!.train.inputs).toEqual(built.train.inputs);
  });

  it('tells what the points expect of the output: 2 classes, 3 for a 3-arm spiral, values for the surface', () => {
    const session = new TrainingSession(new FakeApi().api);
    const s = session.settings;
    expect(s.analyzeOptions).toEqual({});
    s.source = 'plane';
    expect(s.analyzeOptions).toEqual({ outputWidths: [2, 1], outputKind: 'classes', reconstruct: false });
    s.plane.choice = 'spiral3';
    expect(s.analyzeOptions).toEqual({ outputWidths: [3], outputKind: 'classes', reconstruct: false });
    s.plane.choice = 'surface';
    expect(s.analyzeOptions.outputKind).toBe('values');
  });

  it('says at the loss that values need a distance, and trains once one is chosen (never changing it itself)', () => {
    const session = new TrainingSession(new FakeApi().api);
    const s = session.settings;
    s.source = 'plane';
    s.plane.choice = 'surface';
    expect(s.loss).toBe('categorical_crossentropy');
    expect(s.problems.loss).toEqual({ key: 'training.problem.lossForValues' });
    expect(s.valid).toBe(false);
    s.loss = 'mean_squared_error';
    expect(s.problems.loss).toBeUndefined();
    s.plane.choice = 'circles';
    s.loss = 'categorical_crossentropy';
    expect(s.problems.loss).toBeUndefined();
  });

  it('remembers the plane settings with the others', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) };
    const first = new TrainingSession(new FakeApi().api);
    const stop = first.settings.remember(storage);
    first.settings.source = 'plane';
    first.settings.plane.choice = 'moons';
    first.settings.plane.points = 800;
    flushSync();
    stop();
    const second = new TrainingSession(new FakeApi().api);
    second.settings.remember(storage)();
    expect(second.settings.source).toBe('plane');
    expect(second.settings.plane.snapshot()).toEqual({ choice: 'moons', points: 800, noise: null, seed: 1, testShare: 20 });
  });
});
