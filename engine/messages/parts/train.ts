import { defineMessages } from '../message';

/**
 * Training: settings that cannot work, how a run ended. A settings problem starts in lower
 * case, as several are joined in one message; the UI capitalises what it shows.
 */
export default defineMessages({
  // Data and memory problems found before or during training (trainer.ts, memoryEstimate.ts, the train worker).
  'train.noTrainingImages': {
    en: 'The training set has no images; a network cannot learn from nothing. Choose a dataset with training images.',
    fr: 'L’ensemble d’entraînement ne contient aucune image ; un réseau ne peut rien apprendre de rien. Choisissez un jeu de données avec des images d’entraînement.',
  },
  'train.memoryTooBig': {
    en: 'Training this network with a batch size of {batch} needs about {needed} of memory, more than the {budget} Layerwise can use on this computer. The biggest part is {layer} ({layerSize}). Lower the batch size, or give {layer} fewer filters or units (or pool before it).',
    fr: 'Entraîner ce réseau avec une taille de lot de {batch} demande environ {needed} de mémoire, plus que les {budget} dont Layerwise dispose sur cet ordinateur. La plus grosse part revient à {layer} ({layerSize}). Réduisez la taille de lot, ou donnez à {layer} moins de filtres ou de neurones (ou ajoutez un pooling avant).',
  },
  'train.memoryTooBigPerImage': {
    en: 'Even one image at a time, training this network needs about {needed} of memory, more than the {budget} Layerwise can use on this computer. The biggest part is {layer} ({layerSize}): give it fewer filters or units, or pool before it.',
    fr: 'Même une image à la fois, entraîner ce réseau demande environ {needed} de mémoire, plus que les {budget} dont Layerwise dispose sur cet ordinateur. La plus grosse part revient à {layer} ({layerSize}) : donnez-lui moins de filtres ou de neurones, ou ajoutez un pooling avant.',
  },
  'train.outOfMemory': {
    en: 'Training ran out of memory. Lower the batch size, or use fewer filters or units (or pool earlier), and train again.',
    fr: 'L’entraînement a manqué de mémoire. Réduisez la taille de lot, ou utilisez moins de filtres ou de neurones (ou un pooling plus tôt), puis relancez l’entraînement.',
  },
  'train.sizeMB': { en: '{n} MB', fr: '{n} Mo' },
  'train.sizeGB': { en: '{n} GB', fr: '{n} Go' },
  // ---- Run diagnosis (engine/train/diagnose.ts): what went wrong with a completed run, why, and what to change.
  'train.diagnosis.chance': {
    en: 'The network ended at chance level: it gets {accuracy} % of the test images right, about what guessing among {classes} classes gives ({chance} %).',
    fr: 'Le réseau a fini au niveau du hasard : il reconnaît {accuracy} % des images de test, à peu près ce que donne un tirage au sort parmi {classes} classes ({chance} %).',
  },
  'train.diagnosis.oneClass': {
    en: 'The network predicts one class for nearly everything: {share} % of the test images are predicted as {cls}.',
    fr: 'Le réseau prédit presque toujours la même classe : {share} % des images de test sont prédites comme {cls}.',
  },
  'train.diagnosis.lossRose': {
    en: 'The loss rose during training: it ended at {last}, above its lowest value, {lowest} (epoch {epoch}).',
    fr: 'La perte a augmenté pendant l’entraînement : elle finit à {last}, au-dessus de sa valeur la plus basse, {lowest} (époque {epoch}).',
  },
  'train.diagnosis.lossFlat': {
    en: 'The loss barely moved during training (from {first} to {last}).',
    fr: 'La perte n’a presque pas bougé pendant l’entraînement (de {first} à {last}).',
  },
  'train.diagnosis.cause.lrHigh': {
    en: 'Likely cause: the learning rate {lr} is far too high for {optimizer} (it usually trains with about {usual}); each step overshoots, the weights jump too far and the network gets stuck.',
    fr: 'Cause probable : le taux d’apprentissage {lr} est bien trop élevé pour {optimizer} (qui s’entraîne d’habitude avec environ {usual}) ; chaque pas va trop loin, les poids sautent et le réseau reste bloqué.',
  },
  'train.diagnosis.cause.lrLate': {
    en: 'Likely cause: the learning rate {lr} is too large for the later part of training: the steps overshoot the minimum and the loss climbs back up.',
    fr: 'Cause probable : le taux d’apprentissage {lr} est trop grand pour la fin de l’entraînement : les pas dépassent le minimum et la perte remonte.',
  },
  'train.diagnosis.cause.lrLow': {
    en: 'Likely cause: the learning rate {lr} is very small for {optimizer}: the weights hardly change at each step.',
    fr: 'Cause probable : le taux d’apprentissage {lr} est très petit pour {optimizer} : les poids ne changent presque pas à chaque pas.',
  },
  'train.diagnosis.cause.zeros': {
    en: 'Likely cause: the weights of {layer} start at zero (zeros initializer), so all its neurons compute the same thing and learn the same thing.',
    fr: 'Cause probable : les poids de {layer} partent de zéro (initialiseur zeros) ; tous ses neurones calculent alors la même chose et apprennent la même chose.',
  },
  'train.diagnosis.cause.saturating': {
    en: 'Likely cause: {count} hidden layers use {activation}, which saturates: the gradient fades on its way back to the first layers (vanishing gradient).',
    fr: 'Cause probable : {count} couches cachées utilisent {activation}, qui sature : le gradient s’efface en remontant vers les premières couches (gradient évanescent).',
  },
  'train.diagnosis.cause.unclear': {
    en: 'The settings look usual: the network may need more epochs, or be too small for the task.',
    fr: 'Les réglages semblent habituels : le réseau a peut-être besoin de plus d’époques, ou il est trop petit pour la tâche.',
  },
  'train.diagnosis.fix.lowerLr': {
    en: 'Fix: lower the learning rate, for example to {lr}, and train again.',
    fr: 'Solution : baissez le taux d’apprentissage, par exemple à {lr}, et relancez l’entraînement.',
  },
  'train.diagnosis.fix.schedule': {
    en: 'Fix: lower the learning rate (for example to {lr}), or choose a learning-rate schedule that lowers it over the epochs.',
    fr: 'Solution : baissez le taux d’apprentissage (par exemple à {lr}), ou choisissez une évolution du taux qui le fait baisser au fil des époques.',
  },
  'train.diagnosis.fix.raiseLr': {
    en: 'Fix: raise the learning rate, for example to {lr}, and train again.',
    fr: 'Solution : augmentez le taux d’apprentissage, par exemple à {lr}, et relancez l’entraînement.',
  },
  'train.diagnosis.fix.initializer': {
    en: 'Fix: change the initializer of {layer} to {initializer} and train again.',
    fr: 'Solution : changez l’initialiseur de {layer} pour {initializer} et relancez l’entraînement.',
  },
  'train.diagnosis.fix.relu': {
    en: 'Fix: use relu in the hidden layers (with the he_uniform initializer), or fewer hidden layers.',
    fr: 'Solution : utilisez relu dans les couches cachées (avec l’initialiseur he_uniform), ou moins de couches cachées.',
  },
  'train.diagnosis.fix.general': {
    en: 'Fix: train for more epochs, or try Adam with a learning rate of 0.001.',
    fr: 'Solution : entraînez pendant plus d’époques, ou essayez Adam avec un taux d’apprentissage de 0,001.',
  },
  'train.diagnosis.optimizer.sgd': { en: 'SGD', fr: 'SGD' },
  'train.diagnosis.optimizer.momentum': { en: 'SGD with momentum', fr: 'SGD avec momentum' },
  'train.diagnosis.optimizer.adam': { en: 'Adam', fr: 'Adam' },
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
  'train.inputShape': {
    en: 'the network expects inputs of shape {network} but the dataset’s samples are {data}.',
    fr: 'le réseau attend des entrées de forme {network} mais les exemples du jeu de données sont de forme {data}.',
  },
  'train.inputShapeOf': {
    en: 'the network expects inputs of shape {network} but the samples of {dataset} are {data}.',
    fr: 'le réseau attend des entrées de forme {network} mais les exemples de {dataset} sont de forme {data}.',
  },
  'train.outputWidth': {
    en: 'the network outputs {network} values per sample but this task needs {task}.',
    fr: 'le réseau produit {network} valeurs par exemple alors que cette tâche en demande {task}.',
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
  'train.lossForValues': {
    en: 'the loss {loss} compares class probabilities, but this dataset asks for values: choose mean squared error (or mean absolute error).',
    fr: 'la perte {loss} compare des probabilités de classes, or ce jeu de données demande des valeurs : choisissez l’erreur quadratique moyenne (ou l’erreur absolue moyenne).',
  },
  // Autoencoders (issue 12): corrupted inputs and the losses of a reconstruction.
  'train.corruptionNoise': {
    en: 'the input noise must be a standard deviation from 0 to 2 (got {got}).',
    fr: 'le bruit des entrées doit être un écart type de 0 à 2 (reçu : {got}).',
  },
  'train.corruptionBinarize': {
    en: 'the binarisation threshold must be a number between 0 and 1, both excluded (got {got}).',
    fr: 'le seuil de binarisation doit être un nombre strictement compris entre 0 et 1 (reçu : {got}).',
  },
  'train.corruptionMask': {
    en: 'the share of masked pixels must be a number from 0 up to (not including) 1 (got {got}).',
    fr: 'la part de pixels masqués doit être un nombre de 0 (compris) à 1 (non compris) (reçu : {got}).',
  },
  'train.lossForReconstruction': {
    en: 'the loss {loss} compares the probabilities of classes, but a reconstruction compares images pixel by pixel: choose mean squared error or binary cross-entropy.',
    fr: 'la perte {loss} compare des probabilités de classes, or une reconstruction compare des images pixel par pixel : choisissez l’erreur quadratique moyenne ou l’entropie croisée binaire.',
  },
  // Training an autoencoder in the app (issue 12).
  'train.reconstructNeedsImages': {
    en: 'only images can be reconstructed: choose MNIST or a folder of images, or classify these data.',
    fr: 'seules des images peuvent être reconstruites : choisissez MNIST ou un dossier d’images, ou classez ces données.',
  },
});
