/**
 * Every command's flags and help text in one place. main shows help and validates the
 * command name from here without loading any command module (the train command pulls in
 * the whole engine), which keeps `--help` and `--version` instant; each command then
 * parses its own arguments against the same definitions.
 */
import { INITIALIZERS } from '../core/initializers';
import { LOSSES } from '../losses/loss';
import { OPTIMIZER_CHOICES } from '../train/settings';
import { formatFlagHelp, type FlagDefs } from './args';

/** Short names the --loss flag also takes. */
export const LOSS_ALIASES = ['mse', 'bce'] as const;

const ARCH = {
  type: 'string', value: 'ARCH',
  help: 'mlp, cnn, plane (2 → 8 tanh → 2), plane5 (2 → 5 tanh → 2, the course’s 2-5-K), planeLinear (2 → 2), autoencoder (784-100-10-100-784 tanh), autoencoder2d or autoencoder-2d (784-128-2-128-784), a network spec .json file, or a saved model folder',
} as const;
const JSON_FLAG = { type: 'boolean', help: 'machine-readable output: one JSON object per line on stdout' } as const;
const DATA = {
  type: 'string', value: 'SOURCE',
  help: 'a folder with the four MNIST-format IDX files, a generated 2-D set (circles, xor, blobs, moons, spiral, surface), or a CSV file (default: the bundled MNIST)',
} as const;
/** How a generated 2-D set or a CSV file is made into a dataset. */
const DATA_OPTIONS = {
  points: { type: 'int', value: 'N', min: 10, max: 100_000, help: 'generated sets: number of points (default 400)' },
  noise: { type: 'number', value: 'X', min: 0, max: 2, help: 'generated sets: the jitter\'s standard deviation (default: the set\'s own)' },
  arms: { type: 'int', value: 'N', min: 2, max: 3, help: 'spiral: number of arms, which is the number of classes (default 2)' },
  'data-seed': { type: 'int', value: 'S', min: 0, max: 4294967295, help: 'generated sets and CSV splits: the data\'s own seed (default 1)' },
  'test-share': { type: 'number', value: 'F', min: 0, max: 0.9, help: 'generated sets and a single CSV file: the share kept for testing (default 0.2)' },
  test: { type: 'string', value: 'FILE', help: 'CSV: a second file holding the test rows (instead of --test-share)' },
  label: { type: 'string', value: 'COLUMN', help: 'CSV: the label or target column, by name or number (default: the last column)' },
} as const satisfies FlagDefs;
const MODEL = { type: 'string', value: 'DIR', help: 'folder of a saved model (model.json + weights.bin)' } as const;

export const SUMMARY_FLAGS = {
  arch: ARCH,
  data: { ...DATA, help: 'the data the network is for (as train\'s --data), to check its output against its classes or targets' },
  ...DATA_OPTIONS,
  task: { type: 'string', value: 'TASK', choices: ['reconstruction'], help: 'reconstruction: check the network as an autoencoder (its output must have its input\'s shape)' },
  json: { type: 'boolean', help: 'print the layers, shapes and parameter counts as one JSON object' },
} as const satisfies FlagDefs;

export const TRAIN_FLAGS = {
  arch: ARCH,
  epochs: { type: 'int', value: 'N', min: 1, max: 1000, help: 'passes over the training images (default 5)' },
  'batch-size': { type: 'int', value: 'B', min: 1, help: 'images per optimizer step (default 64)' },
  lr: { type: 'number', value: 'X', above: 0, max: 10, help: 'learning rate (default: the optimizer\'s usual one, as in the app: sgd 0.1, momentum and nesterov 0.01, adam 0.001)' },
  optimizer: {
    type: 'string', value: 'NAME', choices: OPTIMIZER_CHOICES,
    help: 'sgd, momentum (SGD with momentum 0.9), nesterov (the same, Nesterov) or adam (default adam)',
  },
  schedule: {
    type: 'string', value: 'NAME', choices: ['constant', 'step', 'exponential'],
    help: 'learning-rate schedule: constant (default), step (--step-every, --step-factor) or exponential (--decay-rate, --decay-steps)',
  },
  'step-every': { type: 'int', value: 'N', min: 1, max: 1000, help: 'step schedule: multiply the learning rate by --step-factor every N epochs (default 1)' },
  'step-factor': { type: 'number', value: 'X', above: 0, max: 1, help: 'step schedule: the factor, in (0, 1] (default 0.5)' },
  'decay-rate': { type: 'number', value: 'X', above: 0, max: 1, help: 'exponential schedule: learning rate × X^(step / --decay-steps), X in (0, 1] (default 0.9)' },
  'decay-steps': { type: 'number', value: 'N', above: 0, max: 1e9, help: 'exponential schedule: optimizer steps for one factor of --decay-rate (default 1000)' },
  'weight-decay': { type: 'number', value: 'X', min: 0, max: 0.5, help: 'weight decay, from 0 (default: none) to 0.5' },
  loss: {
    type: 'string', value: 'NAME', choices: [...LOSSES, ...LOSS_ALIASES],
    help: `${LOSSES.join(', ')}, or mse and bce for short (default: the task's, categorical_crossentropy for classes)`,
  },
  init: {
    type: 'string', value: 'NAME', choices: INITIALIZERS,
    help: `kernel initializer of every Dense and Conv2D layer: ${INITIALIZERS.join(', ')} (default: each layer's own, glorot_uniform)`,
  },
  seed: { type: 'int', value: 'S', min: 0, max: 4294967295, help: 'random seed for the initial weights and the shuffling (default 1)' },
  data: DATA,
  ...DATA_OPTIONS,
  // Autoencoders (issue 12): the task, and the damage done to the training inputs.
  task: { type: 'string', value: 'TASK', choices: ['reconstruction'], help: 'reconstruction: learn to give back each input image (an autoencoder) instead of the dataset\'s own task' },
  noise: {
    type: 'number', value: 'X', min: 0, max: 2,
    help: 'with --task reconstruction: the standard deviation of Gaussian noise added to the training inputs; generated sets: the jitter\'s standard deviation',
  },
  binarize: { type: 'number', value: 'T', above: 0, max: 1, help: 'with --task reconstruction: training inputs become 1 where ≥ T, else 0' },
  mask: { type: 'number', value: 'F', min: 0, max: 1, help: 'with --task reconstruction: the share of training input pixels set to 0 at random' },
  limit: { type: 'int', value: 'N', min: 1, help: 'use only the first N training images (and at most N test images), as the app\'s data limit' },
  'validation-size': {
    type: 'int', value: 'N', min: 0,
    help: 'training images held out for validation (default 5000, or 10% of a smaller set); with --limit at most 10% of N, as in the app',
  },
  /** The flag's earlier name, kept so existing scripts keep working. */
  validation: { type: 'int', value: 'N', min: 0, hidden: true, help: 'old name of --validation-size' },
  threads: { type: 'int', value: 'N', min: 1, max: 256, help: 'threads the kernels use (default: every core); results are identical for any count' },
  out: { type: 'string', value: 'DIR', help: 'folder to save the trained model in (required)' },
  json: JSON_FLAG,
} as const satisfies FlagDefs;

export const EVALUATE_FLAGS = {
  model: MODEL,
  data: DATA,
  ...DATA_OPTIONS,
  json: JSON_FLAG,
} as const satisfies FlagDefs;

export const PREDICT_FLAGS = {
  model: MODEL,
  images: { type: 'string', value: 'FILE', help: 'IDX images file, plain or .gz (e.g. t10k-images-idx3-ubyte)' },
  data: { type: 'string', value: 'FILE.csv', help: 'a CSV file of rows to predict (the model\'s features; a label column, if any, is left out: --label)' },
  label: DATA_OPTIONS.label,
  limit: { type: 'int', value: 'N', min: 1, help: 'predict only the first N images or rows' },
  json: { type: 'boolean', help: 'one JSON object per image or row: {"index","probs","predicted"} for classes, {"index","values"} for values' },
} as const satisfies FlagDefs;

export const CODES_FLAGS = {
  model: MODEL,
  data: { ...DATA, help: 'the samples whose codes to compute: their test set (default: the bundled MNIST\'s 10,000 test images)' },
  ...DATA_OPTIONS,
  layer: { type: 'string', value: 'LAYER', help: 'the layer whose outputs are the codes, by name or number from 1 (default: the model\'s code layer, else its narrowest hidden layer)' },
  k: { type: 'int', value: 'K', min: 1, max: 1000, help: 'k-means clusters (default: the number of classes)' },
  kmeans: { type: 'int', value: 'K', min: 1, max: 1000, help: 'the same as --k' },
  restarts: { type: 'int', value: 'N', min: 1, max: 100, help: 'k-means++ runs, keeping the one of lowest inertia (default 10)' },
  limit: { type: 'int', value: 'N', min: 3, help: 'use only the first N test samples' },
  seed: { type: 'int', value: 'S', min: 0, max: 4294967295, help: 'seed of k-means and of the 2-D picture (default 1)' },
  'codes-only': { type: 'boolean', help: 'skip k-means on the raw inputs (slow on 784 pixels), which the codes\' purity is compared with' },
  method: { type: 'string', value: 'NAME', choices: ['pca', 'tsne', 'umap'], help: 'also a 2-D picture of the codes: pca, tsne (at most 3,000 codes: the first ones) or umap' },
  out: { type: 'string', value: 'FILE.csv', help: 'with --method: write the 2-D points with each sample\'s label and cluster' },
  json: { type: 'boolean', help: 'one JSON object on stdout: purity, cluster × label tables, timings' },
} as const satisfies FlagDefs;

export const EXPLAIN_FLAGS = {
  arch: { ...ARCH, help: `${ARCH.help}: its weights drawn with --seed` },
  model: { ...MODEL, help: 'folder of a saved model: the step starts from its trained weights (instead of --arch)' },
  data: { ...DATA, help: 'the data the sample comes from: mnist (the default), a generated 2-D set (circles, xor, blobs, moons, spiral, surface), a CSV file or an IDX folder' },
  ...DATA_OPTIONS,
  sample: { type: 'int', value: 'I', min: 0, help: 'which sample, numbered from 0 (default 0)' },
  set: { type: 'string', value: 'PART', choices: ['train', 'test'], help: 'the part of the data the sample is taken from: train (default) or test' },
  seed: { type: 'int', value: 'S', min: 0, max: 4294967295, help: 'with --arch: random seed for the initial weights (default 1)' },
  loss: {
    type: 'string', value: 'NAME', choices: [...LOSSES, ...LOSS_ALIASES],
    help: `${LOSSES.join(', ')}, or mse and bce for short (default: the task's, as train picks it)`,
  },
  lr: { type: 'number', value: 'X', above: 0, max: 10, help: 'learning rate α of the update step (default 0.1)' },
  optimizer: {
    type: 'string', value: 'NAME', choices: OPTIMIZER_CHOICES,
    help: 'the update rule: sgd (default: w ← w − α·∂L/∂w, as the course writes it), momentum, nesterov or adam (their first step)',
  },
  json: {
    type: 'boolean',
    help: 'one JSON object: input, target, every layer\'s parameters (by their model-file names), pre-activations z and activations a, loss, gradients and the update',
  },
} as const satisfies FlagDefs;

// Code export (issue 14).
export const EXPORT_FLAGS = {
  model: MODEL,
  format: { type: 'string', value: 'NAME', choices: ['pytorch', 'keras'], help: 'pytorch (model.py and its trained weights, weights/*.npy) or keras (model_keras.py)' },
  out: { type: 'string', value: 'DIR', help: 'folder to write the script in (created if needed)' },
  data: { ...DATA, help: 'the data the model was trained on: a 2-D set or a CSV file is written beside the script as train.csv and test.csv' },
  ...DATA_OPTIONS,
  json: JSON_FLAG,
} as const satisfies FlagDefs;


export const RUNS_FLAGS = {
  dir: { type: 'string', value: 'DIR', help: 'the runs folder (default: the app\'s, e.g. ~/.config/Layerwise/runs on Linux)' },
  id: { type: 'string', value: 'ID', repeatable: true, help: 'show, report: a run\'s id (from runs list); report takes several to compare them' },
  out: { type: 'string', value: 'FILE', help: 'report: the HTML file to write; export: the CSV file' },
  lang: { type: 'string', value: 'LANG', choices: ['en', 'fr'], help: 'report, export: the language, en or fr (default en; French CSV: ; and a decimal comma)' },
  json: JSON_FLAG,
} as const satisfies FlagDefs;

export type CommandName = 'summary' | 'train' | 'evaluate' | 'predict' | 'codes' | 'embed' | 'explain' | 'export' | 'runs';

interface CommandHelp {
  readonly summary: string;
  readonly usage: string;
  readonly flags: FlagDefs;
  readonly examples: readonly string[];
}

export const COMMANDS: Readonly<Record<CommandName, CommandHelp>> = {
  summary: {
    summary: 'show a network\'s layers, output shapes and parameter counts',
    usage: 'layerwise summary --arch ARCH [--data SOURCE] [--task reconstruction] [--json]',
    flags: SUMMARY_FLAGS,
    examples: [
      'layerwise summary --arch cnn', 'layerwise summary --arch my-network.json', 'layerwise summary --arch two-d.json --data spiral --arms 3',
      'layerwise summary --arch autoencoder --task reconstruction',
    ],
  },
  train: {
    summary: 'train a network (MNIST, an IDX folder, a 2-D set or a CSV file; classification, regression or reconstruction) and save it',
    usage: 'layerwise train --arch ARCH --out DIR [options]',
    flags: TRAIN_FLAGS,
    examples: [
      'layerwise train --arch mlp --out models/mlp',
      'layerwise train --arch autoencoder --task reconstruction --loss bce --noise 0.3 --out models/denoiser',
      'layerwise train --arch cnn --epochs 3 --optimizer momentum --out models/cnn',
      'layerwise train --arch mlp --epochs 1 --limit 2000 --json --out /tmp/quick',
      'layerwise train --arch mlp --epochs 4 --optimizer sgd --lr 0.1 --schedule step --step-every 2 --step-factor 0.5 \\\n'
        + '    --weight-decay 0.001 --loss mean_squared_error --init he_uniform --validation-size 500 --seed 7 --out models/mlp-sgd',
    ],
  },
  evaluate: {
    summary: 'test accuracy, loss and confusion matrix of a saved model',
    usage: 'layerwise evaluate --model DIR [--data DIR] [--json]',
    flags: EVALUATE_FLAGS,
    examples: ['layerwise evaluate --model models/mlp'],
  },
  predict: {
    summary: 'class probabilities for every image of an IDX file',
    usage: 'layerwise predict --model DIR (--images FILE | --data FILE.csv) [--limit N] [--json]',
    flags: PREDICT_FLAGS,
    examples: ['layerwise predict --model models/mlp --images digits-idx3-ubyte --limit 5'],
  },
  codes: {
    summary: 'a model\'s codes at one layer: k-means purity against the labels (codes and raw inputs), and a 2-D picture',
    usage: 'layerwise codes --model DIR [--layer LAYER] [--k K] [--restarts N] [--method pca|tsne|umap --out FILE.csv] [--json]',
    flags: CODES_FLAGS,
    examples: [
      'layerwise codes --model models/autoencoder',
      'layerwise codes --model models/mlp --layer 2 --k 10 --restarts 10 --codes-only --json',
      'layerwise codes --model models/autoencoder --method tsne --limit 2000 --out codes.csv',
    ],
  },
  embed: {
    summary: 'the same as codes, under the name the course uses: purity of the codes and a 2-D picture written as CSV',
    usage: 'layerwise embed --model DIR [--layer NAME] [--method pca|tsne|umap] [--kmeans K] [--limit N] [--json] [--out codes.csv]',
    flags: CODES_FLAGS,
    examples: ['layerwise embed --model models/autoencoder --method tsne --kmeans 10 --limit 2000 --out codes.csv'],
  },
  explain: {
    summary: 'one training step on one sample, inside: forward values, gradients (backpropagation), the update',
    usage: 'layerwise explain (--arch SPEC.json | --model DIR) --data SOURCE [--sample I] [--seed S] [--loss L] [--json]',
    flags: EXPLAIN_FLAGS,
    examples: [
      'layerwise explain --arch two-two-one.json --data xor --sample 3',
      'layerwise explain --arch mlp --data mnist --sample 0 --json',
      'layerwise explain --model models/cnn --data mnist --set test --sample 42 --lr 0.05',
    ],
  },
  export: {
    summary: 'a saved model as a runnable PyTorch or Keras script with its training settings (PyTorch: and its trained weights)',
    usage: 'layerwise export --model DIR --format pytorch|keras --out DIR [--data SOURCE] [--json]',
    flags: EXPORT_FLAGS,
    examples: [
      'layerwise export --model models/mlp --format pytorch --out mlp-pytorch',
      'layerwise export --model models/spiral --format pytorch --data spiral --arms 3 --out spiral-pytorch',
    ],
  },
  runs: {
    summary: 'the app\'s run history: list the runs, show one, write a lab report (HTML) or the curves (CSV) of one or a comparison',
    usage: 'layerwise runs list|show|report|export [--dir DIR] [--id ID]… [--out FILE.html|FILE.csv] [--lang en|fr] [--json]',
    flags: RUNS_FLAGS,
    examples: [
      'layerwise runs list', 'layerwise runs show --id 20261207-041500-a1b2c3d4',
      'layerwise runs report --id 20261207-041500-a1b2c3d4 --out report.html --lang fr',
      'layerwise runs report --id 20261207-041500-a1b2c3d4 --id 20261207-042000-0f0e0d0c --out comparison.html',
      'layerwise runs export --id 20261207-041500-a1b2c3d4 --out curves.csv --lang fr',
    ],
  },
};

export function isCommandName(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

export function mainHelp(): string {
  const names = Object.keys(COMMANDS) as CommandName[];
  const width = Math.max(...names.map((n) => n.length));
  return [
    'Layerwise: build, train and test neural networks (MNIST, 2-D points, CSV tables) from the command line.',
    '',
    'Usage: layerwise <command> [options]',
    '',
    'Commands:',
    ...names.map((n) => `  ${n.padEnd(width)}  ${COMMANDS[n].summary}`),
    '',
    'Options:',
    '  --help     show help (also after a command: layerwise train --help)',
    '  --version  show the version',
    '',
    'Set LAYERWISE_DEBUG=1 to see stack traces of unexpected errors.',
  ].join('\n');
}

export function commandHelp(name: CommandName): string {
  const c = COMMANDS[name];
  return [
    `layerwise ${name}: ${c.summary}`,
    '',
    `Usage: ${c.usage}`,
    '',
    'Options:',
    formatFlagHelp({ ...c.flags, help: { type: 'boolean', help: 'show this help' } }),
    '',
    'Examples:',
    ...c.examples.map((e) => `  ${e}`),
  ].join('\n');
}
