/** The engine's door for what needs Node (files, folders, threads); the pure part is `engine/index.ts`. */
export * from './dataSources';
export * from './datasets';
export { loadImageSetFromFiles } from './idxFile';
export * from './modelFiles';
export * from './modelRecovery';
export * from './noFollow';
export * from './threads';
export * from './codeExport';
export * from './userDataDir';
// The code space's algorithms: pure, but their libraries (ml-pca, t-SNE, UMAP) are large, so
// they stay out of the pure door the renderer bundles; the host's code-space worker takes them here.
export * from '../codes/codes';
export * from '../codes/embedding';
export * from '../codes/kmeans';
export * from '../codes/pca';
export * from '../codes/purity';
export * from '../codes/tsne';
export * from '../codes/umap';
