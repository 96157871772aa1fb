#!/usr/bin/env node
// `npm test`: every check the project has, in the order a failure is cheapest to read —
// types, then the production build, then the vitest suite — ending with one line
// `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureChromium } from './ensure-chromium.mjs';

const results = '.vitest-results.json';
const run = (title, cmd, args) => {
  console.log(`\n▶ ${title}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', shell: process.platform === 'win32' });
  return r.status === 0;
};

const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const steps = [
  ['typecheck', 'npm', ['run', '--silent', 'typecheck']],
  ['build', npx, ['electron-vite', 'build']],
];
let failedSteps = 0;
for (const [title, cmd, args] of steps) {
  if (!run(title, cmd, args)) {
    failedSteps++;
    console.error(`✗ ${title} failed`);
  }
}

// The UI tests drive a real Chromium: find one, or install Debian's where we can (root on
// Debian), else say in one line what to install. It sets LAYERWISE_CHROMIUM for vitest.
console.log('\n▶ chromium (for the UI tests)');
const chromiumOk = ensureChromium() !== null;
if (!chromiumOk) {
  failedSteps++;
  console.error('✗ chromium missing');
}
const stepCount = steps.length + 1;

rmSync(results, { force: true });
const vitestOk = run('tests', npx, ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${results}`, ...process.argv.slice(2)]);
let passed = 0, failed = 0;
if (existsSync(results)) {
  const report = JSON.parse(readFileSync(results, 'utf8'));
  passed = report.numPassedTests;
  failed = report.numFailedTests + (report.numRuntimeErrors ?? 0);
  if (!vitestOk && failed === 0) failed = 1; // e.g. a suite that failed to load
} else {
  failed = 1;
}
// Steps outside vitest count as tests too, so a red typecheck can never read as green.
failed += failedSteps;
passed += stepCount - failedSteps;
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
