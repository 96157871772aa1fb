/**
 * `layerwise train`: builds a network, trains it on MNIST (or an IDX dataset folder) and
 * saves it with everything needed to reproduce the run (seed, config, history).
 *
 * Human output: a start line, one line per epoch and the result on stdout; on a
 * terminal a progress line on stderr as well. With --json: the trainer's events, one
 * JSON object per line, then a `summary` object. Ctrl+C stops after the current batch;
 * a stopped or diverged run saves nothing, since a half-trained model saved under the
 * name the user asked for would be mistaken for the finished one.
 */
import { access, constants, readdir, stat } from 'node:fs/promises';
import { totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import { nowMs } from '../../core/clock';
import { Rng } from '../../core/rng';
import { limitDataset, sizeOfShape, type Dataset } from '../../data/dataset';
import { Network } from '../../model/network';
import { analyzeNetwork } from '../../model/analyze';
import { SpecError } from '../../model/specError';
import { saveModel } from '../../node/modelFiles';
import { defaultThreadCount, nodeKernelThreads } from '../../node/threads';
import { TrainConfigError, trainConfigProblems, type TrainConfig } from '../../train/config';
import { trainingMemoryBudget, trainingMemoryProblem } from '../../train/memoryEstimate';
import { trainConfigFromSettings, type TrainSettings } from '../../train/settings';
import { diagnoseRun } from '../../train/diagnose';
import { formatMessage, joinMessages } from '../../messages';
import { train, type EpochMetrics, type TrainEvent, type TrainResult } from '../../train/trainer';
import { parseArgs } from '../args';
import { appVersion, checkInputShape, CliError, loadArch, loadData, printErr, printJson, printLine, required } from '../common';
import { duration, group, measuresText } from '../format';
import { ProgressBar } from '../progressBar';
import { checkFlagCombinations, describeSchedule, settingsFromFlags, withKernelInitializer } from '../trainSettings';
import { TRAIN_FLAGS } from '../usage';
import { analyzeOptionsFor, headFor } from '../../train/taskHead';
import { reconstructionOf } from '../../data/reconstruction';
import type { Corruption } from '../../data/corruption';
import { codeLayerIndex } from '../../codes/codes';

/** JSON batch events and progress redraws: at most ten a second. */
const EVENT_INTERVAL_MS = 100;

export async function run(argv: readonly string[]): Promise<number> {
  const flags = parseArgs(argv, TRAIN_FLAGS, { command: 'train' });
  const archArg = required(flags.arch, 'arch', 'train');
  const outArg = required(flags.out, 'out', 'train');
  const json = flags.json === true;
  const seed = flags.seed ?? 1;
  checkFlagCombinations(flags);

  // Everything that can fail fast fails before the data loads and training starts.
  const outDir = await checkOutDir(outArg);
  const arch = await loadArch(archArg);
  const label = arch.label;
  const spec = flags.init === undefined ? arch.spec : withKernelInitializer(arch.spec, flags.init);
  // One generator for the initial weights and then the shuffling: the seed alone fixes the run.
  const rng = new Rng(seed);
  // The data says what the network must output (its classes or targets).
  // With --task reconstruction, --noise is the damage done to the inputs, not a generated set's jitter.
  const reconstruct = flags.task === 'reconstruction';
  const loaded = await loadData(reconstruct ? { ...flags, noise: undefined } : flags);
  const full = reconstruct ? reconstructionOf(loaded) : loaded;
  if (!reconstruct && full.task.kind !== 'reconstruction') {
    // A network that gives back its input's shape is an autoencoder: say which flag it needs rather than "end with Dense 10".
    const out = analyzeNetwork(spec, { numClasses: null }).outputShape;
    if (out && out.length > 1 && out.join('×') === spec.input_shape.join('×')) {
      throw new CliError(`${label} gives back an image of its input's shape (${out.join('×')}): to train it as an autoencoder, add --task reconstruction`);
    }
  }
  let network: Network;
  try {
    network = Network.fromSpec(spec, rng, analyzeOptionsFor(full.task));
  } catch (err) {
    if (err instanceof SpecError && err.issues.length > 1) {
      throw new CliError(`${err.message} (and ${err.issues.length - 1} more problem${err.issues.length > 2 ? 's' : ''}: `
        + `run "layerwise summary --arch ${archArg}" to see them all)`);
    }
    throw err;
  }

  const limit = flags.limit;
  const dataset = limitDataset(full, limit);
  const trainSet = dataset.train, testSet = dataset.test;
  // The app's mapping from settings to the trainer's config, limit rule included.
  const settings = settingsFromFlags(flags, full.train.count);
  const config = trainConfigFromSettings(settings, limit ?? null, full.train.count);
  // Without --loss, the task's own loss (cross-entropy for classes, MSE for values).
  if (flags.loss === undefined) config.loss = headFor(full.task, full.inputShape, network.outputSize).defaultLoss;

  // The trainer checks these too, but only once called: checked here, a mistake is not
  // preceded by a start line that suggests training began.
  const problem = joinMessages(trainConfigProblems(config, trainSet.count));
  if (problem) throw new TrainConfigError(problem);
  checkInputShape(network, dataset);
  const tooBig = trainingMemoryProblem(spec, config, trainingMemoryBudget(totalmem()),
    { images: full.train.count + full.test.count, pixelsPerImage: sizeOfShape(dataset.inputShape) });
  if (tooBig) throw new TrainConfigError(tooBig);

  const askedValidation = flags['validation-size'] ?? flags.validation;
  const bar = !json && process.stderr.isTTY ? new ProgressBar(process.stderr, EVENT_INTERVAL_MS) : null;
  if (!json) {
    const fit = trainSet.count - config.validationSize!;
    printLine(`Training ${label} (${group(network.paramCount)} parameters) on ${dataset.name}: `
      + `${group(fit)} training, ${group(config.validationSize!)} validation, ${group(testSet.count)} test images`
      + (askedValidation !== undefined && config.validationSize! < askedValidation
        ? ` (validation capped at a tenth of --limit ${limit}, as in the app)` : ''));
    printLine(describeRun(settings, config, seed, flags.init));
  }

  let lastBatchEvent = -Infinity;
  const onEvent = (event: TrainEvent): void => {
    if (json) {
      if (event.type === 'batch') {
        const t = nowMs();
        if (t - lastBatchEvent < EVENT_INTERVAL_MS) return;
        lastBatchEvent = t;
      }
      printJson(event);
    } else if (event.type === 'batch') {
      bar?.update({
        epoch: event.epoch, epochs: config.epochs, fraction: (event.batch + 1) / event.batchesPerEpoch,
        samplesPerSecond: event.samplesPerSecond, etaSeconds: event.etaSeconds, loss: event.measures.loss,
      });
    } else if (event.type === 'epoch') {
      bar?.clear();
      printLine(formatEpoch(event, config.epochs));
      // The trainer evaluates the test set right after the last epoch; say what the wait is.
      if (event.epoch === config.epochs - 1) bar?.message(`Testing on ${group(testSet.count)} images…`);
    }
  };

  const result = await withCtrlC(json, (shouldStop) => train(network, dataset, config, rng, {
    onEvent, shouldStop,
    // Training is synchronous between these yields; they let the SIGINT handler run.
    between: () => new Promise<void>((r) => setImmediate(r)), yieldEveryMs: 50,
    threads: nodeKernelThreads(flags.threads ?? defaultThreadCount()),
  }));
  bar?.clear();

  if (result.status !== 'completed' || result.test === null) {
    if (json) printJson(summaryEvent(result, null, dataset));
    printErr(`layerwise: ${notSavedMessage(result)}`);
    return result.status === 'stopped' ? 130 : 1;
  }

  await saveModel(outDir, network, {
    appVersion: appVersion(),
    createdAt: new Date().toISOString(),
    name: label,
    dataset: { name: dataset.name, trainCount: trainSet.count, testCount: testSet.count, task: dataset.task },
    seed,
    training: { config, history: result.history },
    testAccuracy: result.test.measures.accuracy ?? null,
    // The layer whose outputs `layerwise codes` and the app take as the codes.
    ...(reconstruct ? { codeLayer: network.layers[codeLayerIndex(network.layers)]?.name } : {}),
  });
  if (json) {
    printJson(summaryEvent(result, outDir, dataset));
  } else {
    printLine(`Test: ${measuresText(result.test.measures)} on ${group(result.test.count)} test samples`);
    printLine(`Trained in ${duration(result.seconds)}; saved the model to ${outDir}`);
    // A run that did not learn must not read like a result: what went wrong, why, and what to change.
    for (const f of diagnoseRun({ history: result.history, test: result.test, config, spec })) {
      printLine(`${f.severity === 'error' ? 'Problem' : 'Warning'}: ${[f.problem, f.cause, f.fix].map((m) => formatMessage(m)).join(' ')}`);
    }
  }
  return 0;
}

const OPTIMIZER_NAMES = { sgd: 'SGD', momentum: 'SGD with momentum 0.9', nesterov: 'SGD with Nesterov momentum 0.9', adam: 'Adam' } as const;

/** The settings in one line; what is left at the app's default is not mentioned. */
function describeRun(settings: TrainSettings, config: TrainConfig, seed: number, init: string | undefined): string {
  const parts = [
    OPTIMIZER_NAMES[settings.optimizer],
    `learning rate ${config.learningRate}`,
    describeSchedule(settings.schedule),
    settings.weightDecay > 0 ? `weight decay ${settings.weightDecay}` : null,
    config.loss !== undefined && config.loss !== 'categorical_crossentropy' ? `loss ${config.loss}` : null,
    init !== undefined ? `${init} kernels` : null,
    settings.corruption ? describeCorruption(settings.corruption) : null,
    `batch size ${config.batchSize}`,
    `${config.epochs} epoch${config.epochs === 1 ? '' : 's'}`,
    `seed ${seed}`,
  ];
  return parts.filter((p) => p !== null).join(', ');
}

function describeCorruption(c: Corruption): string {
  const parts = [
    c.binarize !== undefined ? `binarised at ${c.binarize}` : null,
    c.noise ? `Gaussian noise σ ${c.noise}` : null,
    c.mask ? `${c.mask * 100} % of pixels masked` : null,
  ];
  return `training inputs ${parts.filter((p) => p !== null).join(', then ')}`;
}

/** The measured training figures (as validation is measured), the running average when there are none. */
function formatEpoch(m: EpochMetrics, epochs: number): string {
  const val = m.val === null ? '' : `  ·  validation ${measuresText(m.val)}`;
  return `Epoch ${m.epoch + 1}/${epochs}: training ${measuresText(m.train ?? m.running)}${val}  (${duration(m.seconds)})`;
}

function notSavedMessage(result: TrainResult): string {
  return `${result.message ?? 'Training did not complete.'} Nothing was saved.`;
}

function summaryEvent(result: TrainResult, out: string | null, dataset: Dataset) {
  return {
    type: 'summary',
    status: result.status,
    message: result.status === 'completed' ? null : notSavedMessage(result),
    task: dataset.task.kind,
    testLoss: result.test?.measures.loss ?? null,
    testAccuracy: result.test?.measures.accuracy ?? null,
    ...(result.test?.measures.mae !== undefined ? { testMae: result.test.measures.mae, testR2: result.test.measures.r2 } : {}),
    ...(result.test?.measures.mse !== undefined ? { testMse: result.test.measures.mse } : {}),
    epochs: result.history.length,
    seconds: result.seconds,
    out,
    history: result.history,
  };
}

/**
 * Runs `body` with Ctrl+C turned into a stop request; a second Ctrl+C quits at once,
 * for when the current batch is a long one.
 */
async function withCtrlC<T>(quiet: boolean, body: (shouldStop: () => boolean) => Promise<T>): Promise<T> {
  let stop = false;
  const onSigint = () => {
    if (stop) process.exit(130);
    stop = true;
    if (!quiet) process.stderr.write('\r\x1b[2KStopping after the current batch… (Ctrl+C again to quit at once)\n');
  };
  process.on('SIGINT', onSigint);
  try {
    return await body(() => stop);
  } finally {
    process.off('SIGINT', onSigint);
  }
}

/**
 * The output folder must be creatable and writable; checked before training so an hour
 * of training is not lost to a typo. Returns the absolute path.
 */
async function checkOutDir(out: string): Promise<string> {
  const abs = resolve(out);
  let probe = abs;
  for (;;) {
    try {
      const s = await stat(probe);
      if (!s.isDirectory()) {
        throw new CliError(probe === abs
          ? `--out ${out} is a file; give the name of a folder to save the model in`
          : `--out ${out}: ${probe} is a file, so the folder cannot be created`);
      }
      if (probe === abs) await checkReplaceable(abs, out);
      break;
    } catch (err) {
      if (err instanceof CliError) throw err;
      const code = (err as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(probe) === probe) throw new CliError(`--out ${out}: ${(err as Error).message}`);
      probe = dirname(probe);
    }
  }
  try {
    await access(probe, constants.W_OK);
  } catch {
    throw new CliError(`--out ${out}: cannot write to ${probe} (permission denied)`);
  }
  return abs;
}

/**
 * saveModel replaces an existing folder only when it holds nothing but a model (so a
 * wrong --out never deletes the user's files); the same rule, checked up front.
 */
async function checkReplaceable(abs: string, out: string): Promise<void> {
  const entries = await readdir(abs, { withFileTypes: true });
  const foreign = entries.find((e) => !e.isFile() || !/^(model\.json|.*\.bin|\.DS_Store|Thumbs\.db|desktop\.ini)$/.test(e.name));
  if (foreign) {
    throw new CliError(`--out ${out} already holds other files (such as ${foreign.name}); choose an empty or new folder`);
  }
}
