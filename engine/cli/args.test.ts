import { describe, expect, it } from 'vitest';
import { editDistance, formatFlagHelp, parseArgs, UsageError, type FlagDefs } from './args';

const DEFS = {
  epochs: { type: 'int', value: 'N', min: 1, max: 1000, help: 'epochs' },
  lr: { type: 'number', value: 'X', help: 'learning rate' },
  optimizer: { type: 'string', choices: ['sgd', 'adam'], help: 'optimizer' },
  out: { type: 'string', value: 'DIR', help: 'output folder' },
  json: { type: 'boolean', help: 'json' },
  workload: { type: 'string', repeatable: true, choices: ['mlp', 'cnn', 'mlp-wide'], help: 'workloads' },
  child: { type: 'string', hidden: true, help: 'internal' },
} as const satisfies FlagDefs;

/** The UsageError message parseArgs throws for `argv`. */
function usageError(argv: string[]): string {
  try {
    parseArgs(argv, DEFS, { command: 'train' });
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    expect((err as UsageError).command).toBe('train');
    return (err as Error).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseArgs', () => {
  it('reads values in both spellings, typed by their definitions', () => {
    const f = parseArgs(['--epochs', '3', '--lr=0.01', '--optimizer', 'adam', '--json', '--out', 'models/a'], DEFS);
    expect(f).toEqual({ epochs: 3, lr: 0.01, optimizer: 'adam', json: true, out: 'models/a' });
    const epochs: number | undefined = f.epochs;
    const json: boolean | undefined = f.json;
    // A flag with choices is typed as their union (checked by tsc).
    const optimizer: 'sgd' | 'adam' | undefined = f.optimizer;
    expect([epochs, json, optimizer]).toEqual([3, true, 'adam']);
  });

  it('leaves absent flags undefined', () => {
    expect(parseArgs([], DEFS)).toEqual({});
  });

  it('collects repeatable flags, also from comma lists', () => {
    expect(parseArgs(['--workload', 'mlp,cnn', '--workload=mlp-wide'], DEFS).workload).toEqual(['mlp', 'cnn', 'mlp-wide']);
  });

  it('accepts numbers in plain and exponent notation, and negative values', () => {
    expect(parseArgs(['--lr', '1e-3'], DEFS).lr).toBe(0.001);
    expect(parseArgs(['--lr', '.5'], DEFS).lr).toBe(0.5);
    expect(parseArgs(['--lr', '-1'], DEFS).lr).toBe(-1);
  });

  it('accepts a hidden flag', () => {
    expect(parseArgs(['--child', 'mlp'], DEFS).child).toBe('mlp');
  });

  it.each([
    [['--epoch', '3'], 'unknown option --epoch for train (did you mean --epochs?)'],
    [['--frobnicate'], 'unknown option --frobnicate for train'],
    [['-e', '3'], 'unknown option -e'],
    [['stray'], 'unexpected argument "stray" for train (options start with --)'],
    [['--epochs'], '--epochs needs a value (N)'],
    [['--epochs', '--json'], '--epochs needs a value (N)'],
    [['--epochs', 'abc'], '--epochs must be a whole number (got "abc")'],
    [['--epochs', '2.5'], '--epochs must be a whole number (got "2.5")'],
    [['--epochs', '0x10'], '--epochs must be a whole number (got "0x10")'],
    [['--epochs', ''], '--epochs must be a whole number (got "")'],
    [['--epochs', '0'], '--epochs must be at least 1 (got 0)'],
    [['--epochs', '5000'], '--epochs must be at most 1000 (got 5000)'],
    [['--lr', 'fast'], '--lr must be a number (got "fast")'],
    [['--optimizer', 'rmsprop'], '--optimizer must be one of sgd, adam (got "rmsprop")'],
    [['--workload', 'mlp,,cnn'], '--workload has an empty item in "mlp,,cnn"'],
    [['--workload', 'lstm'], '--workload must be one of mlp, cnn, mlp-wide (got "lstm")'],
    [['--json=yes'], '--json takes no value (write just --json)'],
    [['--epochs', '1', '--epochs', '2'], '--epochs is given more than once'],
    [['--out='], '--out needs a non-empty value'],
  ])('rejects %j', (argv, message) => {
    expect(usageError(argv)).toBe(message);
  });

  it('applies an exclusive lower bound', () => {
    const defs = { factor: { type: 'number', above: 0, max: 1, help: 'factor' }, rate: { type: 'number', above: 0, help: 'rate' } } as const;
    expect(parseArgs(['--factor', '1', '--rate', '1e-9'], defs)).toEqual({ factor: 1, rate: 1e-9 });
    expect(() => parseArgs(['--factor', '0'], defs)).toThrow('--factor must be greater than 0 and at most 1 (got 0)');
    expect(() => parseArgs(['--factor', '1.5'], defs)).toThrow('--factor must be at most 1 (got 1.5)');
    expect(() => parseArgs(['--rate', '-2'], defs)).toThrow('--rate must be greater than 0 (got -2)');
  });

  it('never suggests a hidden flag', () => {
    expect(usageError(['--chil', 'x'])).toBe('unknown option --chil for train');
  });

  it('rejects own-property names inherited from Object.prototype', () => {
    expect(usageError(['--toString', 'x'])).toMatch(/^unknown option --toString/);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('epoch', 'epochs')).toBe(1);
    expect(editDistance('lr', 'lr')).toBe(0);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('formatFlagHelp', () => {
  it('aligns flags with their placeholders and leaves hidden ones out', () => {
    const lines = formatFlagHelp(DEFS).split('\n');
    expect(lines).toEqual([
      '  --epochs N         epochs',
      '  --lr X             learning rate',
      '  --optimizer VALUE  optimizer',
      '  --out DIR          output folder',
      '  --json             json',
      '  --workload VALUE   workloads',
    ]);
  });
});
