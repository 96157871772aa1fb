#!/bin/bash
# Issue 12's reference table, side by side: PyTorch (scripts/reference/autoencoder_torch.py) and
# Layerwise (the CLI) on the report's autoencoder, 784-100-10-100-784 tanh with a sigmoid output,
# PyTorch's default initializer on both sides (pytorch_uniform), Adam 0.001, batch 64, 5 epochs on
# the 60,000 training images, no validation split; then k-means (k = 10, 10 restarts, our own, for
# both) on the 10-number codes of the 10,000 test images. Alternates the two, seeds and losses.
#
#   bash scripts/reference/autoencoder-reference.sh [SEEDS...]    (default: 1 2 3 4 5; ~3 min a pair)
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d)
npx tsx -e "
import { PRESETS } from './engine/model/presets';
const s = JSON.parse(JSON.stringify(PRESETS.autoencoder));
for (const l of s.layers) if (l.type === 'Dense') Object.assign(l, { kernel_initializer: 'pytorch_uniform', bias_initializer: 'pytorch_uniform' });
require('fs').writeFileSync('$out/spec.json', JSON.stringify(s));"
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(1 2 3 4 5)
for seed in "${seeds[@]}"; do for loss in bce mse; do
  /usr/bin/python3 scripts/reference/autoencoder_torch.py "$seed" "$loss" "$out/torch.bin" > "$out/torch.json"
  echo "pytorch   $loss seed $seed $(cat "$out/torch.json") $(npx tsx scripts/reference/codesPurity.ts "$out/torch.bin")"
  node bin/layerwise.mjs train --arch "$out/spec.json" --task reconstruction --loss "$loss" --epochs 5 --batch-size 64 \
    --optimizer adam --lr 0.001 --validation-size 0 --seed "$seed" --json --out "$out/lw" > "$out/lw.log"
  mse=$(tail -1 "$out/lw.log" | node -e "console.log(JSON.parse(require('fs').readFileSync(0, 'utf8')).testMse)")
  purity=$(node bin/layerwise.mjs embed --model "$out/lw" --kmeans 10 --restarts 10 --codes-only --json | tail -1 \
    | node -e "console.log(JSON.parse(require('fs').readFileSync(0, 'utf8')).purity)")
  echo "layerwise $loss seed $seed testMse $mse purity $purity"
  rm -rf "$out/lw"
done; done
