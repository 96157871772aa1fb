import { describe, expect, it } from 'vitest';
import { clock, duration, group, memorySize, percent, round } from './format';
import { formatProgress, ProgressBar, type ProgressState } from './progressBar';

const STATE: ProgressState = { epoch: 1, epochs: 5, fraction: 0.45, samplesPerSecond: 21304.4, etaSeconds: 38.2, loss: 0.28712 };

describe('formatProgress', () => {
  it('shows epoch, bar, percentage, speed, ETA and loss on a wide terminal', () => {
    const line = formatProgress(STATE, 120);
    expect(line).toMatch(/^Epoch 2\/5 \[#+\.+\] +45% {2}21,304 samples\/s {2}ETA 0:38 {2}loss 0\.2871$/);
    expect(line.length).toBeLessThan(120);
  });

  it('fills the bar in proportion', () => {
    const bar = (f: number) => /\[([#.]+)\]/.exec(formatProgress({ ...STATE, fraction: f }, 120))![1]!;
    expect(bar(0)).toMatch(/^\.+$/);
    expect(bar(1)).toMatch(/^#+$/);
    const half = bar(0.5);
    expect(half.split('#').length - 1).toBe(half.length / 2);
  });

  it('never exceeds the terminal width, dropping the least useful fields first', () => {
    for (let columns = 10; columns <= 120; columns++) {
      const line = formatProgress(STATE, columns);
      expect(line.length, `at ${columns} columns`).toBeLessThanOrEqual(Math.max(20, columns - 1));
      expect(line.startsWith('Epoch 2/5')).toBe(true);
    }
    expect(formatProgress(STATE, 60)).not.toContain('loss');
  });

  it('copes with a diverging loss and an unknown ETA', () => {
    const line = formatProgress({ ...STATE, loss: NaN, etaSeconds: Infinity }, 120);
    expect(line).toContain('loss NaN');
    expect(line).toContain('ETA --:--');
  });
});

describe('ProgressBar', () => {
  function fakeTerminal() {
    const writes: string[] = [];
    return { writes, stream: { columns: 100, write: (s: string) => (writes.push(s), true) } };
  }

  it('redraws in place at most once per interval', () => {
    const { writes, stream } = fakeTerminal();
    let t = 0;
    const bar = new ProgressBar(stream, 100, () => t);
    bar.update(STATE);
    t = 50;
    bar.update(STATE);
    t = 99;
    bar.update(STATE);
    expect(writes).toHaveLength(1);
    t = 100;
    bar.update(STATE);
    expect(writes).toHaveLength(2);
    for (const w of writes) expect(w.startsWith('\r\x1b[2K')).toBe(true);
    bar.update(STATE, true);
    expect(writes).toHaveLength(3);
  });

  it('clears its line for other output and draws again at the next update', () => {
    const { writes, stream } = fakeTerminal();
    let t = 0;
    const bar = new ProgressBar(stream, 100, () => t);
    bar.clear();
    expect(writes).toHaveLength(0);
    bar.update(STATE);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
    t = 1;
    bar.update(STATE);
    expect(writes).toHaveLength(3);
  });

  it('shows a message in its place, erased by clear', () => {
    const { writes, stream } = fakeTerminal();
    const bar = new ProgressBar(stream, 100, () => 0);
    bar.message('Testing on 10,000 images…');
    expect(writes).toEqual(['\r\x1b[2KTesting on 10,000 images…']);
    bar.clear();
    expect(writes.at(-1)).toBe('\r\x1b[2K');
  });
});

describe('format helpers', () => {
  it('groups thousands', () => {
    expect(group(0)).toBe('0');
    expect(group(999)).toBe('999');
    expect(group(101770)).toBe('101,770');
    expect(group(-1234567)).toBe('-1,234,567');
    expect(group(21304.56)).toBe('21,305');
    expect(group(1234.5, 1)).toBe('1,234.5');
  });

  it('formats percentages, clocks, durations, sizes and rounding', () => {
    expect(percent(0.97123)).toBe('97.12 %');
    expect(percent(1, 1)).toBe('100.0 %');
    expect(clock(38.2)).toBe('0:38');
    expect(clock(3725)).toBe('1:02:05');
    expect(clock(-1)).toBe('--:--');
    expect(duration(0.842)).toBe('0.84 s');
    expect(duration(12.34)).toBe('12.3 s');
    expect(duration(125)).toBe('2 min 05 s');
    expect(memorySize(407080)).toBe('397.54 KB');
    expect(memorySize(0)).toBe('0.00 B');
    expect(round(0.1234567, 6)).toBe(0.123457);
  });
});
