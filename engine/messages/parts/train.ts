import { defineMessages } from '../message';

/**
 * Training: settings that cannot work, how a run ended. A settings problem starts in lower
 * case, as several are joined in one message; the UI capitalises what it shows.
 */
export default defineMessages({
  'train.epochs': {
    en: 'epochs must be a whole number from 1 to 1000 (got {got}).',
    fr: 'le nombre d’époques doit être un entier de 1 à 1000 (reçu : {got}).',
  },
  'train.validation': {
    en: 'the validation split must be a whole number from 0 to {max} images (got {got}).',
    fr: 'la part de validation doit être un nombre entier d’images de 0 à {max} (reçu : {got}).',
  },
  'train.batchSize': {
    en: 'batch size must be a whole number ≥ 1 (got {got}).',
    fr: 'la taille de lot doit être un nombre entier supérieur ou égal à 1 (reçu : {got}).',
  },
  'train.batchTooBig': {
    en: 'batch size {batch} is larger than the {count} training images; use at most {count} (the whole set: batch gradient descent).',
    fr: 'la taille de lot {batch} dépasse les {count} images d’entraînement ; choisissez au plus {count} (tout l’ensemble : descente de gradient par lot complet).',
  },
  'train.learningRate': {
    en: 'learning rate must be a number greater than 0 and at most 10 (got {got}).',
    fr: 'le taux d’apprentissage doit être un nombre supérieur à 0 et au plus égal à 10 (reçu : {got}).',
  },
  'train.optimizer': { en: 'optimizer must be sgd or adam (got {got}).', fr: 'l’optimiseur doit être sgd ou adam (reçu : {got}).' },
  'train.momentum': { en: 'momentum must be in [0, 1).', fr: 'l’inertie (momentum) doit être comprise entre 0 (inclus) et 1 (exclu).' },
  'train.weightDecay': { en: 'weight decay must be in [0, 1).', fr: 'la pénalité L2 (weight decay) doit être comprise entre 0 (inclus) et 1 (exclu).' },
  'train.beta': { en: '{name} must be in [0, 1).', fr: '{name} doit être compris entre 0 (inclus) et 1 (exclu).' },
  'train.chunkSize': { en: 'chunk size must be a whole number ≥ 1.', fr: 'la taille des morceaux doit être un nombre entier supérieur ou égal à 1.' },
  'train.unknownLoss': { en: 'unknown loss {got}.', fr: 'fonction de perte inconnue : {got}.' },
  'train.stepEvery': {
    en: 'step decay: "every" must be a whole number of epochs ≥ 1.',
    fr: 'décroissance par paliers : « every » doit être un nombre entier d’époques supérieur ou égal à 1.',
  },
  'train.stepFactor': { en: 'step decay: "factor" must be in (0, 1].', fr: 'décroissance par paliers : « factor » doit être supérieur à 0 et au plus égal à 1.' },
  'train.expRate': { en: 'exponential decay: "rate" must be in (0, 1].', fr: 'décroissance exponentielle : « rate » doit être supérieur à 0 et au plus égal à 1.' },
  'train.expSteps': { en: 'exponential decay: "decay_steps" must be > 0.', fr: 'décroissance exponentielle : « decay_steps » doit être supérieur à 0.' },
  'train.unknownSchedule': {
    en: 'unknown learning-rate schedule {got}; use constant, step or exponential.',
    fr: 'évolution du taux d’apprentissage inconnue : {got} ; utilisez constant, step ou exponential.',
  },
  'train.imageSize': {
    en: 'the network expects {network} images but the dataset has {data} images.',
    fr: 'le réseau attend des images {network} mais le jeu de données contient des images {data}.',
  },
  'train.imageSizeOf': {
    en: 'the network expects {network} images but {dataset} has {data} images.',
    fr: 'le réseau attend des images {network} mais {dataset} contient des images {data}.',
  },
  'train.stoppedAt': { en: 'Stopped by the user during epoch {epoch}.', fr: 'Arrêté par l’utilisateur pendant l’époque {epoch}.' },
  'train.stopped': { en: 'Stopped by the user.', fr: 'Arrêté par l’utilisateur.' },
  'train.diverged': {
    en: 'Training diverged at epoch {epoch}, batch {batch}: the loss became {value}. Lower the learning rate (now {lr}) and train again.',
    fr: 'L’entraînement a divergé à l’époque {epoch}, lot {batch} : la perte est devenue {value}. Baissez le taux d’apprentissage (actuellement {lr}) et relancez l’entraînement.',
  },
  'train.lossNaN': { en: 'NaN', fr: 'NaN (pas un nombre)' },
  'train.lossInfinite': { en: 'infinite', fr: 'infinie' },
  'train.divergedShort': { en: 'Training diverged.', fr: 'L’entraînement a divergé.' },
  'train.internalError': {
    en: 'Training failed because of an internal error. Your network and settings are kept; you can train again.',
    fr: 'L’entraînement a échoué à cause d’une erreur interne. Votre réseau et vos réglages sont conservés ; vous pouvez relancer l’entraînement.',
  },
  'train.crashed': {
    en: 'The training process stopped unexpectedly ({why}). Your network and settings are kept; you can train again.',
    fr: 'Le processus d’entraînement s’est arrêté de façon inattendue ({why}). Votre réseau et vos réglages sont conservés ; vous pouvez relancer l’entraînement.',
  },
});
