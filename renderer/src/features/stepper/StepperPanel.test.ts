/**
 * The stepper on the 2-2-1 network of document 004, with a real trace from the engine: stage by
 * stage, the accessible tables, and ∂L/∂w for a hidden weight against the course's formula
 * ∂L/∂w_{i,1} = w_i · X_1 · A_i(1 − A_i)(ŷ − y), computed from other numbers of the tables.
 */
import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '$engine';
import { ApiError } from '../../lib/api';
import { i18n } from '../../lib/i18n/i18n.svelte';
import StepperPanel from './StepperPanel.svelte';
import { cnnStep, fakeStepper, readNumber, wideStep } from './testing';

afterEach(() => i18n.setLang('en'));

/** Every row of every table: symbol → the value as written. */
function tableValues(): Map<string, string> {
  const out = new Map<string, string>();
  for (const table of screen.getAllByRole('table')) {
    for (const row of within(table).getAllByRole('row').slice(1)) {
      const cells = row.querySelectorAll('th, td');
      out.set(cells[0]!.textContent!, cells[2]!.textContent!);
    }
  }
  return out;
}

async function takeSample() {
  const ctx = fakeStepper();
  render(StepperPanel, { stepper: ctx.stepper, hasTrained: false });
  await fireEvent.click(screen.getByRole('button', { name: /Take this sample|Prendre cet exemple/ }));
  await screen.findAllByRole('table');
  return ctx;
}

describe('StepperPanel', () => {
  it('asks the host for the chosen sample and starts at the sample, then steps forward one layer at a time', async () => {
    const { stepper, requests } = await takeSample();
    expect(requests[0]).toMatchObject({ split: 'train', sample: 0, loss: null, learningRate: 0.5, weights: null, seed: 1 });
    expect(screen.getByRole('region', { name: 'The sample X and its target y' })).toHaveAttribute('aria-current', 'step');
    expect(screen.queryByRole('region', { name: /Layer 1 · Dense \(sigmoid\) · forward/ })).toBeNull();
    await fireEvent.click(screen.getByRole('button', { name: 'Next ▶' }));
    expect(screen.getByRole('region', { name: 'Layer 1 · Dense (sigmoid) · forward' })).toHaveAttribute('aria-current', 'step');
    expect(screen.getByText('Stage 2 of 7')).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: '◀ Previous' }));
    expect(stepper.at).toBe(0);
  });

  it('Backward jumps past the loss to the last layer; Update shows every stage, w ← w − α·∂L/∂w with the loss after', async () => {
    const { stepper } = await takeSample();
    await fireEvent.click(screen.getByRole('button', { name: 'Backward' }));
    expect(screen.getByRole('region', { name: 'Layer 2 · Dense (sigmoid) · backward' })).toHaveAttribute('aria-current', 'step');
    expect(screen.getByRole('region', { name: 'The loss L and ∂L/∂ŷ' })).toBeInTheDocument();
    await fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    expect(stepper.stage).toEqual({ phase: 'update' });
    const v = tableValues();
    const trace = stepper.result!.trace;
    expect(readNumber(v.get('α')!)).toBe(0.5);
    expect(readNumber(v.get('L ←')!)).toBeCloseTo(trace.update.lossAfter, 5);
    // w ← w − α·∂L/∂w for every weight, from the table's own numbers.
    for (const name of ['w₁,₁⁽¹⁾', 'w₂,₁⁽¹⁾', 'w₁,₂⁽¹⁾', 'w₁,₁⁽²⁾', 'w₁,₂⁽²⁾']) {
      expect(readNumber(v.get(`${name} ←`)!)).toBeCloseTo(readNumber(v.get(name)!) - 0.5 * readNumber(v.get(`∂L/∂${name}`)!), 4);
    }
  });

  it('gives ∂L/∂w of a hidden weight as document 004 writes it, from the other numbers of the tables', async () => {
    await takeSample();
    await fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    const v = tableValues();
    const n = (s: string) => readNumber(v.get(s)!);
    for (const i of [1, 2] as const) {
      const sub = i === 1 ? '₁' : '₂';
      const A = n(`A${sub}⁽¹⁾`), wi = n(`w₁,${sub}⁽²⁾`), X1 = n('X₁');
      const expected = wi * X1 * A * (1 - A) * (n('ŷ₁') - n('y₁'));
      expect(n(`∂L/∂w${sub},₁⁽¹⁾`)).toBeCloseTo(expected, 5);
      // σ′ = A(1 − A) and the sum over the one path from A_i to the output.
      expect(n(`σ′(z${sub}⁽¹⁾)`)).toBeCloseTo(A * (1 - A), 5);
      expect(n(`∂L/∂A${sub}⁽¹⁾`)).toBeCloseTo(n('∂L/∂z₁⁽²⁾') * wi, 5);
    }
    expect(n('∂L/∂z₁⁽²⁾')).toBeCloseTo(n('ŷ₁') - n('y₁'), 5);
  });

  it('in French: the stages, the buttons and the numbers with a decimal comma', async () => {
    i18n.setLang('fr');
    await takeSample();
    await fireEvent.click(screen.getByRole('button', { name: 'Mise à jour' }));
    expect(screen.getByRole('region', { name: 'Couche 1 · Dense (sigmoid) · rétropropagation' })).toBeInTheDocument();
    const v = tableValues();
    expect(v.get('X₁')).toBe('0,6');
    expect(v.get('α')).toBe('0,5');
    expect(v.get('w₁,₂⁽²⁾')).toBe('-1,1');
    expect(screen.getAllByRole('columnheader', { name: 'Signification' }).length).toBeGreaterThan(0);
  });

  it('shows the tables on demand', async () => {
    await takeSample();
    const table = screen.getAllByRole('table')[0]!;
    expect(table).toHaveClass('visually-hidden');
    await fireEvent.click(screen.getByRole('checkbox', { name: 'Show the tables of numbers' }));
    expect(table).not.toHaveClass('visually-hidden');
  });

  it('shows the host’s refusal in the user’s language', async () => {
    i18n.setLang('fr');
    const { stepper } = fakeStepper(async () => {
      throw new ApiError('invalid', 'There is no sample 99', msg('explain.noTrainSample', { sample: 99, dataset: 'circles', count: 40 }));
    });
    render(StepperPanel, { stepper, hasTrained: false });
    await fireEvent.click(screen.getByRole('button', { name: 'Prendre cet exemple' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/99/);
    expect(screen.getByRole('alert').textContent).not.toContain('There is no sample');
    expect(stepper.status).toBe('failed');
  });

  it('convolution and pooling: a summary and the maps as pictures, forward and backward', async () => {
    const { stepper } = fakeStepper(async () => cnnStep());
    render(StepperPanel, { stepper, hasTrained: false });
    await fireEvent.click(screen.getByRole('button', { name: 'Take this sample' }));
    await screen.findAllByRole('table');
    await fireEvent.click(screen.getByRole('button', { name: 'Update' }));
    const conv = screen.getByRole('region', { name: 'Layer 1 · Conv2D (relu) · forward' });
    expect(within(conv).getAllByRole('img', { name: /^Output map of channel/ })).toHaveLength(2);
    expect(conv).toHaveTextContent(/Output, 4×4×2 values: min 0, max [\d.]+, mean/);
    const pool = screen.getByRole('region', { name: 'Layer 2 · MaxPooling2D · backward' });
    expect(within(pool).getAllByRole('img', { name: /^Gradient map ∂L\/∂input, channel/ })).toHaveLength(2);
    expect(pool).toHaveTextContent(/Gradient at the input, 4×4×2 values/);
  });

  it('a layer of more than 16 units: one chosen unit written out, and a summary of the layer', async () => {
    const { stepper } = fakeStepper(async () => wideStep());
    render(StepperPanel, { stepper, hasTrained: false });
    await fireEvent.click(screen.getByRole('button', { name: 'Take this sample' }));
    await screen.findAllByRole('table');
    await fireEvent.click(screen.getByRole('button', { name: 'Next ▶' }));
    const layer = screen.getByRole('region', { name: 'Layer 1 · Dense (tanh) · forward' });
    expect(layer).toHaveTextContent(/Output, 20 values: min -?[\d.]+, max/);
    expect(tableValues().has('A₁⁽¹⁾')).toBe(true);
    await fireEvent.change(within(layer).getByRole('spinbutton', { name: 'Unit shown' }), { target: { value: '5' } });
    const v = tableValues();
    expect(v.has('A₁⁽¹⁾')).toBe(false);
    expect(readNumber(v.get('A₅⁽¹⁾')!)).toBeCloseTo(stepper.result!.trace.layers[0]!.a.values![4]!, 5);
    expect(readNumber(v.get('A₅⁽¹⁾')!)).toBeCloseTo(Math.tanh(readNumber(v.get('z₅⁽¹⁾')!)), 4);
  });
});
