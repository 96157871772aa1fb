/**
 * `layerwise codes --model DIR`: what a network has learned, read from one layer's outputs
 * (an autoencoder's code, a classifier's hidden layer) on the test set. k-means on the
 * codes, with the clusters' purity against the true labels and the same for the raw
 * inputs beside it (did the code help?), as document 003 does; optionally a 2-D picture
 * of the codes (PCA, t-SNE, UMAP) written as CSV.
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { codeLabels, codeLayerIndex, computeCodes, inputCodes, type Codes } from '../../codes/codes';
import { runEmbedding } from '../../codes/embedding';
import { kmeansClusters, type Clustering } from '../../codes/kmeans';
import { pcaProjection } from '../../codes/pca';
import { clusterLabelTable, purity } from '../../codes/purity';
import { MAX_TSNE_POINTS, tsneEmbedding } from '../../codes/tsne';
import { umapEmbedding } from '../../codes/umap';
import { nowMs } from '../../core/clock';
import { Rng } from '../../core/rng';
import { classCount } from '../../data/task';
import type { Network } from '../../model/network';
import { loadModel } from '../../node/modelFiles';
import { parseArgs, UsageError } from '../args';
import { checkInputShape, CliError, loadData, printJson, printLine, required } from '../common';
import { group, round } from '../format';
import { CODES_FLAGS } from '../usage';

export async function run(argv: readonly string[], command: 'codes' | 'embed' = 'codes'): Promise<number> {
  const flags = parseArgs(argv, CODES_FLAGS, { command });
  const modelDir = resolve(required(flags.model, 'model', command));
  if (flags.out !== undefined && flags.method === undefined) throw new UsageError('--out writes the 2-D points: it needs --method pca, tsne or umap', command);
  const { network, metadata } = await loadModel(modelDir);
  const dataset = await loadData(flags);
  checkInputShape(network, dataset);
  const layer = flags.layer === undefined ? codeLayerIndex(network.layers, metadata?.codeLayer) : layerByArg(network, flags.layer, command);
  if (layer < 0) throw new CliError(`the model at ${modelDir} has no layer to take codes from`);
  const set = dataset.test;
  const count = Math.min(flags.limit ?? set.count, set.count);
  const indices = Int32Array.from({ length: count }, (_, i) => i);
  const labels = codeLabels(set, indices);
  if (!labels) throw new CliError(`the samples of ${dataset.name} have no labels to measure the clusters' purity against`);
  const classes = Math.max(classCount(dataset.task), 1 + labels.reduce((m, l) => Math.max(m, l), 0));
  if (flags.k !== undefined && flags.kmeans !== undefined && flags.k !== flags.kmeans) throw new UsageError('--k and --kmeans are the same setting: give one', command);
  const k = flags.k ?? flags.kmeans ?? classes;
  if (k > count) throw new CliError(`--k ${k} asks for more clusters than the ${count} samples`);
  const restarts = flags.restarts ?? 10, seed = flags.seed ?? 1;

  const t0 = nowMs();
  const codes = computeCodes(network, set, layer, { indices });
  const codeSeconds = (nowMs() - t0) / 1000;
  const measure = (c: Codes) => {
    const start = nowMs();
    const clustering = kmeansClusters(c.values, c.count, c.dim, { k, restarts, rng: new Rng(seed) });
    const table = clusterLabelTable(clustering.clusters, labels, k, classes);
    return { clustering, table, purity: purity(table), seconds: (nowMs() - start) / 1000 };
  };
  const ofCodes = measure(codes);
  const ofPixels = flags['codes-only'] ? null : measure(inputCodes(set, network.inputSize, indices));
  const picture = flags.method ? embed(flags.method, codes, seed) : null;
  if (picture && flags.out) await writeFile(flags.out, pointsCsv(picture.points, labels, ofCodes.clustering));

  const layerName = network.layers[layer]!.name;
  if (flags.json) {
    printJson({
      type: 'codes', model: modelDir, dataset: dataset.name, layer: layerName, layerIndex: layer, dim: codes.dim, count, k, restarts, seed,
      purity: round(ofCodes.purity, 4), pixelPurity: ofPixels ? round(ofPixels.purity, 4) : null,
      table: ofCodes.table, pixelTable: ofPixels?.table ?? null, inertia: ofCodes.clustering.inertia,
      seconds: { codes: round(codeSeconds, 3), kmeans: round(ofCodes.seconds, 3), pixelKmeans: ofPixels ? round(ofPixels.seconds, 3) : null, picture: picture ? round(picture.seconds, 3) : null },
      ...(picture ? { method: flags.method, pictureCount: picture.points.length / 2, out: flags.out ?? null } : {}),
    });
    return 0;
  }
  printLine(`Codes of ${group(count)} test samples of ${dataset.name} at layer ${layer + 1} (${layerName}): ${codes.dim} numbers each`);
  printLine(`k-means, k = ${k}, ${restarts} restart${restarts === 1 ? '' : 's'}, seed ${seed}`);
  printLine(`Purity of the clusters of the codes:      ${ofCodes.purity.toFixed(3)}`);
  if (ofPixels) printLine(`Purity of the clusters of the raw inputs: ${ofPixels.purity.toFixed(3)}`);
  printLine();
  printLine(formatTable(ofCodes.table));
  if (picture) printLine(`\n${flags.method} picture of ${group(picture.points.length / 2)} codes in ${picture.seconds.toFixed(1)} s${flags.out ? `, written to ${flags.out}` : ''}`);
  return 0;
}

/** --layer as a layer name or a number from 1. */
function layerByArg(network: Network, arg: string, command: 'codes' | 'embed'): number {
  const byName = network.layers.findIndex((l) => l.name === arg);
  if (byName >= 0) return byName;
  const n = /^\d+$/.test(arg) ? Number(arg) : NaN;
  if (n >= 1 && n <= network.layers.length) return n - 1;
  throw new UsageError(`--layer ${arg}: no such layer; give a name (${network.layers.map((l) => l.name).join(', ')}) or a number from 1 to ${network.layers.length}`, command);
}

function embed(method: 'pca' | 'tsne' | 'umap', codes: Codes, seed: number): { points: Float32Array; seconds: number } {
  const start = nowMs();
  if (method === 'pca') return { points: pcaProjection(codes.values, codes.count, codes.dim).points, seconds: (nowMs() - start) / 1000 };
  const count = method === 'tsne' ? Math.min(codes.count, MAX_TSNE_POINTS) : codes.count;
  const values = codes.values.subarray(0, count * codes.dim);
  const e = method === 'tsne' ? tsneEmbedding(values, count, codes.dim, { rng: new Rng(seed) }) : umapEmbedding(values, count, codes.dim, { rng: new Rng(seed) });
  return { points: runEmbedding(e, 100), seconds: (nowMs() - start) / 1000 };
}

function pointsCsv(points: Float32Array, labels: Uint8Array, clustering: Clustering): string {
  const lines = ['index,x,y,label,cluster'];
  for (let i = 0; i < points.length / 2; i++) lines.push(`${i},${points[2 * i]},${points[2 * i + 1]},${labels[i]},${clustering.clusters[i]}`);
  return `${lines.join('\n')}\n`;
}

/** Rows: clusters; columns: true labels; the largest count of each row is what purity adds up. */
function formatTable(table: readonly (readonly number[])[]): string {
  const classes = table[0]?.length ?? 0;
  const cell = Math.max(String(Math.max(0, ...table.flat())).length, String(classes - 1).length) + 2;
  const corner = 'cluster\\label';
  const lines = [corner + Array.from({ length: classes }, (_, j) => String(j).padStart(cell)).join('') + '    size'];
  table.forEach((row, c) => lines.push(String(c).padStart(corner.length) + row.map((v) => String(v).padStart(cell)).join('') + String(row.reduce((a, b) => a + b, 0)).padStart(8)));
  return lines.join('\n');
}
