import { describe, expect, it } from 'vitest';
import type { LayerActivation } from '../../../../electron/ipc/contract';
import { channelOf, layersToShow } from './activations';

const layer = (name: string, type: string, shape: number[], fill = 0): LayerActivation => ({
  name, type, shape, values: new Array<number>(shape.reduce((a, b) => a * b, 1)).fill(fill),
});

describe('layersToShow', () => {
  it('shows conv and pooling maps and hidden dense layers, not the output', () => {
    const views = layersToShow([
      layer('conv2d_1', 'Conv2D', [26, 26, 8]),
      layer('max_pooling2d_1', 'MaxPooling2D', [13, 13, 8]),
      layer('flatten_1', 'Flatten', [1352]),
      layer('dense_1', 'Dense', [64]),
      layer('dropout_1', 'Dropout', [64]),
      layer('dense_2', 'Dense', [10]),
    ]);
    expect(views.map((v) => `${v.kind}:${v.name}`)).toEqual(['maps:conv2d_1', 'maps:max_pooling2d_1', 'dense:dense_1']);
    expect(views[0]).toMatchObject({ height: 26, width: 26, channels: 8 });
  });

  it('shows a layer after the activation layers that follow it', () => {
    const views = layersToShow([
      layer('flatten', 'Flatten', [784]),
      layer('dense_1', 'Dense', [32], -1),
      layer('re_lu', 'ReLU', [32], 0.5),
      layer('dense_2', 'Dense', [10]),
      layer('softmax', 'Softmax', [10]),
    ]);
    expect(views).toHaveLength(1);
    expect(views[0]!.name).toBe('dense_1');
    expect(views[0]!.values[0]).toBe(0.5);
  });

  it('shows a convolution after its batch normalization and ReLU', () => {
    const views = layersToShow([
      layer('conv2d_1', 'Conv2D', [4, 4, 2], -1),
      layer('batch_normalization_1', 'BatchNormalization', [4, 4, 2], -0.5),
      layer('re_lu_1', 'ReLU', [4, 4, 2], 0.25),
      layer('flatten_1', 'Flatten', [32]),
      layer('dense_1', 'Dense', [10]),
    ]);
    expect(views.map((v) => `${v.kind}:${v.name}`)).toEqual(['maps:conv2d_1']);
    expect(views[0]!.values[0]).toBe(0.25);
  });
});

describe('channelOf', () => {
  it('takes one channel of a channels-last map, scaled by its own range', () => {
    // 1×2×2: pixel 0 = (1, 10), pixel 1 = (3, 10).
    expect(Array.from(channelOf([1, 10, 3, 10], 1, 2, 2, 0))).toEqual([0, 1]);
    expect(Array.from(channelOf([1, 10, 3, 10], 1, 2, 2, 1))).toEqual([0, 0]);
  });
});
