import type { MessagePart } from '.';

// Watched training in the Train tab: step mode, One step / One epoch, the pace, the live learning rate.
const part: MessagePart = {
  en: {
    'training.watch.label': 'Watch training step by step',
    'training.watch.stepMode': 'Start paused (step by step)',
    'training.watch.stepModeHint': 'Train waits before the first batch: then One step trains one batch, One epoch the rest of the epoch.',
    'training.watch.oneStep': 'One step',
    'training.watch.oneStepHint': 'Trains one batch, then pauses again',
    'training.watch.oneEpoch': 'One epoch',
    'training.watch.oneEpochHint': 'Trains to the end of the current epoch, then pauses again',
    'training.watch.speed': 'Speed',
    'training.watch.pace': '{count} batches/s',
    'training.watch.paceOne': '1 batch/s',
    'training.watch.full': 'Full speed',
    'training.watch.steps': 'Step {step}',
    'training.watch.stepsOf': 'Step {step} · epoch {epoch}',
    'training.watch.lr': 'Learning rate now',
    'training.watch.lrHint': 'Changes the learning rate of this run from its next batch on.',
  },
  fr: {
    'training.watch.label': 'Suivre l’entraînement pas à pas',
    'training.watch.stepMode': 'Démarrer en pause (pas à pas)',
    'training.watch.stepModeHint': 'Entraîner attend avant le premier lot : Un pas entraîne alors un lot, Une époque le reste de l’époque.',
    'training.watch.oneStep': 'Un pas',
    'training.watch.oneStepHint': 'Entraîne un lot, puis se remet en pause',
    'training.watch.oneEpoch': 'Une époque',
    'training.watch.oneEpochHint': 'Entraîne jusqu’à la fin de l’époque en cours, puis se remet en pause',
    'training.watch.speed': 'Vitesse',
    'training.watch.pace': '{count} lots/s',
    'training.watch.paceOne': '1 lot/s',
    'training.watch.full': 'Pleine vitesse',
    'training.watch.steps': 'Pas {step}',
    'training.watch.stepsOf': 'Pas {step} · époque {epoch}',
    'training.watch.lr': 'Taux d’apprentissage actuel',
    'training.watch.lrHint': 'Change le taux d’apprentissage de cet entraînement à partir du prochain lot.',
  },
};

export default part;
