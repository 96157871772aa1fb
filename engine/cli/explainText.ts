/**
 * `layerwise explain` for a person: the step in the course's notation (document 004: X, z,
 * A = f(z), ŷ, y, δ, α), forward then backward then the update. A tensor of more than a
 * few values shows its first ones and its summary; --json has every number.
 */
import type { ExplainedSample } from '../explain/explainSample';
import type { LayerTrace, TraceTensor } from '../explain/trace';

/** Values written out per tensor before the summary takes over. */
const SHOWN = 8;

const num = (v: number) => (Number.isInteger(v) ? String(v) : Number(v.toPrecision(5)).toString());

function values(v: readonly number[]): string {
  const shown = v.slice(0, SHOWN).map(num).join(', ');
  return v.length <= SHOWN ? `[${shown}]` : `[${shown}, …]`;
}

function tensor(t: TraceTensor): string {
  const shape = t.shape.join('×');
  if (t.values && t.values.length <= SHOWN) return values(t.values);
  const s = t.summary;
  return `${t.values ? values(t.values) : ''}${t.values ? ' ' : ''}(${shape}: min ${num(s.min)}, max ${num(s.max)}, mean ${num(s.mean)}, norm ${num(s.norm)})`;
}

const FUNCTION: Readonly<Record<string, string>> = {
  sigmoid: 'σ(z)', tanh: 'tanh(z)', relu: 'max(z, 0)', softmax: 'softmax(z)', linear: 'z', leaky_relu: 'LeakyReLU(z)',
};
const DERIVATIVE: Readonly<Record<string, string>> = {
  sigmoid: 'σ′(z) = A(1 − A)', tanh: 'tanh′(z) = 1 − A²', relu: 'ReLU′(z) ∈ {0, 1}', linear: '1', leaky_relu: 'LeakyReLU′(z)',
};

function forward(l: LayerTrace): string[] {
  const lines = [`  ${l.name} (${l.type}${l.activation ? `, ${l.activation}` : ''}) → ${l.outputShape.join('×')}`];
  if (l.z) lines.push(`    z = ${tensor(l.z)}`, `    A = ${FUNCTION[l.activation!] ?? 'f(z)'} = ${tensor(l.a)}`);
  else lines.push(`    out = ${tensor(l.a)}`);
  return lines;
}

function backward(l: LayerTrace): string[] {
  const lines = [`  ${l.name}`, `    δ out = ∂L/∂A = ${tensor(l.deltaOutput)}`];
  if (l.deltaZ) {
    if (l.fusedWithLoss) lines.push(`    δz = ∂L/∂z = ${l.activation === 'softmax' || l.a.summary.count === 1 ? 'ŷ − y' : '(ŷ − y) / n'} (${l.activation} with the loss) = ${tensor(l.deltaZ)}`);
    else {
      if (l.localDerivative) lines.push(`    f′(z): ${DERIVATIVE[l.activation!] ?? 'f′(z)'} = ${tensor(l.localDerivative)}`);
      lines.push(`    δz = f′(z) ⊙ δ out = ${tensor(l.deltaZ)}`);
    }
  }
  for (const p of l.params) lines.push(`    ∂L/∂${p.weightName} = ${tensor(p.gradient)}`);
  lines.push(`    δ in = ∂L/∂(input) = ${tensor(l.deltaInput)}`);
  return lines;
}

export function explainText(step: ExplainedSample, network: string, dataset: string, split: 'train' | 'test'): string {
  const t = step.trace, u = t.update;
  const cls = step.label !== null ? `, class ${step.classNames?.[step.label] ?? step.label}` : '';
  const rule = u.optimizer.type === 'sgd' && !u.optimizer.momentum ? 'w ← w − α·∂L/∂w' : `${u.optimizer.type}${u.optimizer.type === 'sgd' ? ' with momentum' : ''}, first step`;
  return [
    `One training step of ${network} on sample ${step.sample} of ${step.sampleCount} (${split} part of ${dataset}${cls})`,
    `X = ${tensor(t.input)}`,
    `y = ${values(t.target)}`,
    '',
    'Forward',
    ...t.layers.flatMap(forward),
    `  ŷ = ${values(t.output)}`,
    `  L = ${t.loss.name}(ŷ, y) = ${num(t.loss.value)}`,
    '',
    'Backward',
    `  ∂L/∂ŷ = ${values(t.lossGradient)}`,
    ...[...t.layers].reverse().flatMap(backward),
    '',
    `Update (α = ${num(u.learningRate)}, ${rule})`,
    ...t.layers.flatMap((l) => l.params.map((p) => `  ${p.weightName} = ${tensor(p.updated)}`)),
    `  L on the same sample after the step: ${num(u.lossAfter)} (before: ${num(t.loss.value)})`,
  ].join('\n');
}
