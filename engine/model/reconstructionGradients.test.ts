/**
 * Gradient checks of the reconstruction losses through a network that ends in a sigmoid
 * then a Reshape (an autoencoder's end), on every kernel backend: MSE on the sigmoid's
 * output, and the binary cross-entropy fused with the sigmoid (the network stops at the
 * logits before the Reshape). Analytic: the trainer's own path (forward, loss, backward);
 * numeric: central differences of the mean loss, in float64.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../core/rng';
import { lossByName } from '../losses';
import { BACKENDS } from '../testing/backends';
import { randomArray } from '../testing/random';
import { Network } from './network';
import type { NetworkSpec } from './spec';

const SPEC: NetworkSpec = {
  input_shape: [3, 3, 1],
  layers: [
    { type: 'Flatten' }, { type: 'Dense', units: 4, activation: 'tanh' }, { type: 'Dense', units: 2, activation: 'tanh' },
    { type: 'Dense', units: 9, activation: 'sigmoid' }, { type: 'Reshape', target_shape: [3, 3, 1] },
  ],
};

for (const backend of BACKENDS) {
  describe(`reconstruction losses (${backend.name} kernels)`, () => {
    for (const name of ['mean_squared_error', 'binary_crossentropy'] as const) {
      it(`${name} with a sigmoid output passes the gradient check`, () => {
        const rng = new Rng(4);
        const net = Network.fromSpec(SPEC, rng, { kernels: backend.make(), reconstruct: true, outputWidths: null });
        const loss = lossByName(name);
        const fused = loss.fuses === net.finalActivation;
        expect(fused).toBe(name === 'binary_crossentropy');
        const batch = 3, width = 9;
        const x = randomArray(batch * width, rng, 0, 1);
        const meanLoss = () => loss.compute(net.forward(x, batch, { training: true, logits: fused }), x, batch, width, null, 1) / batch;
        net.zeroGrads();
        const dOut = new Float32Array(batch * width);
        loss.compute(net.forward(x, batch, { training: true, logits: fused }), x, batch, width, dOut, 1 / batch);
        net.backward(dOut);
        let worst = 0;
        for (const p of net.params) {
          const analytic = p.grad.slice();
          for (let k = 0; k < 12; k++) {
            const i = rng.int(p.value.length), saved = p.value[i]!, eps = 1e-2;
            p.value[i] = saved + eps;
            const plus = meanLoss();
            p.value[i] = saved - eps;
            const minus = meanLoss();
            p.value[i] = saved;
            const numeric = (plus - minus) / (Math.fround(saved + eps) - Math.fround(saved - eps));
            worst = Math.max(worst, Math.abs(numeric - analytic[i]!) / Math.max(Math.abs(numeric), Math.abs(analytic[i]!), 1e-3));
          }
        }
        expect(worst).toBeLessThan(2e-2);
      });
    }
  });
}
