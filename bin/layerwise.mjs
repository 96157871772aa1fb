#!/usr/bin/env node
// The `layerwise` command. The CLI is TypeScript sharing the engine's sources, so tsx
// (a dev dependency) compiles it on the fly: `npx layerwise …` works right after
// `npm install`, with no build step. tsx caches compiled files, so later starts are fast.
import { register } from 'tsx/esm/api';

register();
const { cli } = await import('../engine/cli/main.ts');
await cli(process.argv.slice(2));
