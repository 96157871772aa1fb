/** The engine's door for what needs Node (files, folders, threads); the pure part is `engine/index.ts`. */
export * from './dataSources';
export * from './datasets';
export { loadImageSetFromFiles } from './idxFile';
export * from './modelFiles';
export * from './modelRecovery';
export * from './noFollow';
export * from './threads';
