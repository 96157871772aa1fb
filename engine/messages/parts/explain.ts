import { defineMessages } from '../message';

/** One training step explained (the backpropagation stepper, `layerwise explain`). */
export default defineMessages({
  'explain.noTrainSample': {
    en: 'There is no sample {sample} in the training part of {dataset}: it has {count} samples, numbered from 0.',
    fr: 'Il n’y a pas d’exemple {sample} dans la partie entraînement de {dataset} : elle compte {count} exemples, numérotés à partir de 0.',
  },
  'explain.noTestSample': {
    en: 'There is no sample {sample} in the test part of {dataset}: it has {count} samples, numbered from 0.',
    fr: 'Il n’y a pas d’exemple {sample} dans la partie test de {dataset} : elle compte {count} exemples, numérotés à partir de 0.',
  },
  'explain.weightsDiffer': {
    en: 'The trained weights belong to another network than the one being built: explain the step with fresh weights, or train this network first.',
    fr: 'Les poids entraînés appartiennent à un autre réseau que celui en construction : expliquez le pas avec des poids neufs, ou entraînez d’abord ce réseau.',
  },
  'explain.reconstruction': {
    en: 'The step-by-step view explains networks that predict a class or values; an autoencoder is not supported yet.',
    fr: 'La vue pas à pas explique les réseaux qui prédisent une classe ou des valeurs ; les autoencodeurs ne sont pas encore pris en charge.',
  },
});
