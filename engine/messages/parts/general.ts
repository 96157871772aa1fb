import { defineMessages } from '../message';

/** Messages that belong to no one area: the generic failures the host reports. */
export default defineMessages({
  'general.internal': {
    en: 'Something went wrong inside Layerwise. Please try again; if it keeps happening, restart the app.',
    fr: 'Un problème interne est survenu dans Layerwise. Réessayez ; si cela se reproduit, redémarrez l’application.',
  },
  'general.diskFull': {
    en: 'There is not enough free disk space to finish; free some space and try again.',
    fr: 'Il n’y a pas assez d’espace libre sur le disque pour terminer ; libérez de la place et réessayez.',
  },
  'general.notAllowed': {
    en: 'Layerwise is not allowed to write there; check the folder’s permissions or choose another one.',
    fr: 'Layerwise n’a pas le droit d’écrire à cet endroit ; vérifiez les droits du dossier ou choisissez-en un autre.',
  },
  'general.sentences': { en: '{first} {next}', fr: '{first} {next}' },
  'general.unknownRequest': { en: 'Unknown request {request}.', fr: 'Requête inconnue : {request}.' },
  'general.unknownRequestType': { en: 'Unknown request of type {type}.', fr: 'Requête inconnue, de type {type}.' },
  'general.invalidRequest': {
    en: 'Invalid request to {channel}: {problem}{where}.',
    fr: 'Requête {channel} non valide : {problem}{where}.',
  },
  'general.at': { en: ' (at {path})', fr: ' (à {path})' },
  'general.shuttingDown': { en: 'Layerwise is shutting down.', fr: 'Layerwise est en train de se fermer.' },
  'general.noTestResults': {
    en: 'The test results of that run are no longer available; train again to see them.',
    fr: 'Les résultats de test de cet entraînement ne sont plus disponibles ; relancez l’entraînement pour les voir.',
  },
  'general.noModelToSave': { en: 'Train a network first, then save it.', fr: 'Entraînez d’abord un réseau, puis enregistrez-le.' },
  'general.noModel': {
    en: 'Train a network first, or open one from the library.',
    fr: 'Entraînez d’abord un réseau, ou ouvrez-en un depuis la bibliothèque.',
  },
  'general.noSuchRun': {
    en: 'There is no training run with that id in this window of the app.',
    fr: 'Aucun entraînement ne porte cet identifiant dans cette fenêtre.',
  },
  'general.runInProgress': {
    en: 'A training run is already in progress in this window; stop it first.',
    fr: 'Un entraînement est déjà en cours dans cette fenêtre ; arrêtez-le d’abord.',
  },
  'general.desktopOnlyDataset': {
    en: 'Choosing folders needs the desktop app; start the web mode with --dataset-dir <folder> to use your own dataset.',
    fr: 'Choisir un dossier n’est possible que dans l’application de bureau ; lancez le mode web avec --dataset-dir <dossier> pour utiliser votre propre jeu de données.',
  },
  'general.desktopOnlyImport': {
    en: 'Choosing folders needs the desktop app; start the web mode with --import-dir <folder> to import a model.',
    fr: 'Choisir un dossier n’est possible que dans l’application de bureau ; lancez le mode web avec --import-dir <dossier> pour importer un modèle.',
  },
  'general.desktopOnlyExport': {
    en: 'Choosing folders needs the desktop app; start the web mode with --export-dir <folder> to export models.',
    fr: 'Choisir un dossier n’est possible que dans l’application de bureau ; lancez le mode web avec --export-dir <dossier> pour exporter des modèles.',
  },
  'general.predictShutDown': { en: 'Predictions were shut down.', fr: 'Les prédictions ont été arrêtées.' },
  'general.predictCrashed': {
    en: 'The prediction stopped unexpectedly; please try again.',
    fr: 'La prédiction s’est arrêtée de façon inattendue ; veuillez réessayer.',
  },
  'general.predictLoadFailed': {
    en: 'The model could not be loaded for prediction.',
    fr: 'Le modèle n’a pas pu être chargé pour la prédiction.',
  },
  'general.predictFailed': {
    en: 'The prediction failed because of an internal error.',
    fr: 'La prédiction a échoué à cause d’une erreur interne.',
  },
  'general.predictImageSize': {
    en: 'This model expects {shape} images, so it cannot read a {drawing} drawing.',
    fr: 'Ce modèle attend des images {shape} : il ne peut donc pas lire un dessin de {drawing}.',
  },
  // Watched training (step mode).
  'general.stepNeedsPause': {
    en: 'A step needs a paused run: pause it first, or start it in step mode.',
    fr: 'Un pas demande un entraînement en pause : mettez-le d’abord en pause, ou lancez-le en mode pas à pas.',
  },
  'general.stepUnderWay': {
    en: 'A step is already under way; wait for it to end.',
    fr: 'Un pas est déjà en cours ; attendez qu’il se termine.',
  },
  // Draw & test for an autoencoder (reconstruction, decoder map).
  'general.notAutoencoder': {
    en: 'This model is not an autoencoder: it reads {input} and gives {output}, so it does not rebuild its input.',
    fr: 'Ce modèle n’est pas un auto-encodeur : il lit {input} et donne {output}, il ne reconstruit donc pas son entrée.',
  },
  'general.noCodeLayer': {
    en: 'This model has no layer before its output to take a code from.',
    fr: 'Ce modèle n’a aucune couche avant sa sortie où prendre un code.',
  },
  'general.codesImageSize': {
    en: 'This model reads {shape} images, but the test images are {images}: their codes cannot be computed.',
    fr: 'Ce modèle lit des images {shape}, mais les images de test font {images} : leurs codes ne peuvent pas être calculés.',
  },
  'general.codeSize': {
    en: 'The code of this model has {size} numbers, not {given}.',
    fr: 'Le code de ce modèle a {size} nombres, et non {given}.',
  },
  // ---- the code space (codes:layers, codes:start)
  'general.codesInputShape': {
    en: 'This model reads {network} values per sample, but the samples of {dataset} have {data}: pick the data it was trained on in the Train tab.',
    fr: 'Ce modèle lit {network} valeurs par exemple, mais les exemples de {dataset} en ont {data} : choisissez dans l’onglet Entraîner les données sur lesquelles il a été entraîné.',
  },
  'general.codesNoLayer': {
    en: 'This model has no layer {layer}.',
    fr: 'Ce modèle n’a pas de couche {layer}.',
  },
  'general.codesTooFew': {
    en: 'The test set has {count} samples: a code space needs at least {min}.',
    fr: 'Le jeu de test a {count} exemples : un espace des codes en demande au moins {min}.',
  },
  'general.codesFailed': {
    en: 'Computing the code space failed. Please try again.',
    fr: 'Le calcul de l’espace des codes a échoué. Réessayez.',
  },
  'general.codesCrashed': {
    en: 'The code-space computation stopped unexpectedly (it may have run out of memory). Try fewer test images.',
    fr: 'Le calcul de l’espace des codes s’est arrêté de façon inattendue (peut-être faute de mémoire). Essayez avec moins d’images de test.',
  },
  'general.codesNoSuchJob': {
    en: 'No code-space computation with this id is under way.',
    fr: 'Aucun calcul d’espace des codes n’est en cours sous cet identifiant.',
  },
});
