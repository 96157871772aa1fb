/**
 * The engine's one door for the rest of the app (the host, its workers and the renderer):
 * everything outside `engine/` imports the engine from here (the renderer as `$engine`), or
 * from `engine/node` for what needs Node. Pure: no Node, DOM or Electron.
 */
export * from './core/initializers';
export * from './core/rng';
export * from './codes/codes';
export * from './codes/decode';
export * from './data/corruption';
export * from './data/csv';
export * from './data/dataset';
export * from './data/decimal';
export * from './data/idx';
export * from './data/reconstruction';
export * from './data/tableDataset';
export * from './explain/explainSample';
export * from './explain/explainStep';
export * from './explain/trace';
export * from './data/task';
export * from './data/toy/generators';
export * from './data/toy/pointsDataset';
export * from './data/toy/toyDataset';
export * from './io/layersModel';
export * from './layers/activationCurve';
export * from './layers/activations';
export * from './layers/batchNormalization';
export * from './layers/kind';
export * from './layers/layer';
export * from './losses/loss';
export * from './losses/lossCurve';
export * from './messages';
export * from './model/analyze';
export * from './model/applicable';
export * from './model/network';
export * from './model/planeGrid';
export * from './model/predict';
export * from './model/saliency';
export * from './model/presets';
export * from './model/registry';
export * from './model/spec';
export * from './optimizers/optimizer';
export * from './model/specError';
export * from './train/config';
export * from './train/diagnose';
export * from './train/evaluate';
export * from './train/memoryEstimate';
export * from './train/metrics';
export * from './train/settings';
export * from './train/taskHead';
export * from './train/trainer';
export * from './train/insideStats';
export * from './runs/lossTrail';
export * from './runs/runRecord';
export * from './compare/settingsDiff';
export * from './compare/runAxes';
export { ACTIVATIONS, type ActivationName } from './layers/activations';
export * from './export/pytorchScript';
