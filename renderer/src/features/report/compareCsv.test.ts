import { describe, expect, it } from 'vitest';
import type { OpenedRun } from '../../../../electron/ipc/contract';
import { comparedCurvesCsv } from './compareCsv';

const run = (val: boolean): OpenedRun => ({
  history: [
    { epoch: 0, seconds: 0.5, running: { loss: 0.6, accuracy: 0.7 }, train: null, trainCount: 10, val: val ? { loss: 0.55, accuracy: 0.75 } : null },
  ],
} as unknown as OpenedRun);

describe('the compared curves as CSV', () => {
  it('puts every run in one table, a run column first, blanks where a run did not measure', () => {
    expect(comparedCurvesCsv([run(true), run(false)], ['batch 1', 'batch; 64'], 'fr').split('\r\n')).toEqual([
      'run;epoch;seconds;running_loss;running_accuracy;val_loss;val_accuracy',
      'batch 1;1;0,5;0,6;0,7;0,55;0,75',
      '"batch; 64";1;0,5;0,6;0,7;;',
      '',
    ]);
  });
});
