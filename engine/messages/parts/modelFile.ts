import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  // Limits on what a model file declares (engine/model/limits.ts, engine/io/layersModel.ts).
  'modelFile.tooManyLayers': {
    en: 'model.json declares {count} layers; Layerwise opens networks of at most {max} layers.',
    fr: 'model.json déclare {count} couches ; Layerwise ouvre des réseaux de {max} couches au plus.',
  },
  'modelFile.tooManyParams': {
    en: 'The network in model.json has {params} parameters; Layerwise handles at most {max}.',
    fr: 'Le réseau de model.json a {params} paramètres ; Layerwise en gère au plus {max}.',
  },
  'modelFile.tooMuchPerImage': {
    en: 'The network in model.json would need {mib} MiB of memory for each image (most of it in {layer}); Layerwise allows at most {max} MiB per image.',
    fr: 'Le réseau de model.json demanderait {mib} Mio de mémoire par image (surtout pour {layer}) ; Layerwise en permet au plus {max} Mio par image.',
  },
  'modelFile.hugeWeight': {
    en: '{file} holds the weight {value} in {weight}, far beyond what training produces (at most {max} in size): the file is damaged, or its weights were not trained.',
    fr: '{file} contient le poids {value} dans {weight}, bien au-delà de ce que produit un entraînement (au plus {max} en valeur absolue) : le fichier est endommagé, ou ses poids n’ont pas été entraînés.',
  },
  'modelFile.nonFiniteOutput': {
    en: 'The model’s outputs are not numbers (its weights are too large, or damaged), so it cannot predict. Train the network again.',
    fr: 'Les sorties du modèle ne sont pas des nombres (ses poids sont trop grands, ou endommagés) : il ne peut pas prédire. Entraînez de nouveau le réseau.',
  },
  'modelFile.outOfMemory': {
    en: 'There is not enough memory to run this model; close other programs, or use a smaller network.',
    fr: 'Il n’y a pas assez de mémoire pour faire fonctionner ce modèle ; fermez d’autres programmes, ou utilisez un réseau plus petit.',
  },
  // Reading and writing model folders (engine/node/modelFiles.ts, noFollow.ts).
  'modelFile.noModelJson': {
    en: 'There is no model.json in {folder}; a saved model is a folder with model.json and weights.bin.',
    fr: 'Il n’y a pas de model.json dans {folder} ; un modèle enregistré est un dossier contenant model.json et weights.bin.',
  },
  'modelFile.unreadable': { en: 'Could not read {file}: {reason}', fr: 'Impossible de lire {file} : {reason}' },
  'modelFile.isLink': {
    en: '{file} is a link to another place; Layerwise reads only real files, never links.',
    fr: '{file} est un lien vers un autre emplacement ; Layerwise ne lit que de vrais fichiers, jamais des liens.',
  },
  'modelFile.notAFile': {
    en: '{file} is not a regular file (it may be a pipe or a device); Layerwise reads only regular files.',
    fr: '{file} n’est pas un fichier ordinaire (peut-être un tube ou un périphérique) ; Layerwise ne lit que des fichiers ordinaires.',
  },
  'modelFile.folderIsLink': {
    en: 'The model folder {folder} is a link to another place; Layerwise does not follow links.',
    fr: 'Le dossier du modèle {folder} est un lien vers un autre emplacement ; Layerwise ne suit pas les liens.',
  },
  'modelFile.notAFolder': {
    en: '{folder} is not a folder; a saved model is a folder with model.json and weights.bin.',
    fr: '{folder} n’est pas un dossier ; un modèle enregistré est un dossier contenant model.json et weights.bin.',
  },
  'modelFile.jsonTooLarge': {
    en: 'model.json is {size} MB; Layerwise opens model.json files of at most {max} MB.',
    fr: 'model.json pèse {size} Mo ; Layerwise ouvre les fichiers model.json d’au plus {max} Mo.',
  },
  'modelFile.badJson': { en: 'model.json is not valid JSON ({reason}).', fr: 'model.json n’est pas du JSON valide ({reason}).' },
  'modelFile.weightsMissing': {
    en: 'The weights file {file} listed in model.json is missing from {folder}.',
    fr: 'Le fichier de poids {file} indiqué dans model.json est absent de {folder}.',
  },
  'modelFile.weightsTooLarge': {
    en: 'The weights are {size} MB; Layerwise opens models of at most {max} MB of weights.',
    fr: 'Les poids pèsent {size} Mo ; Layerwise ouvre les modèles d’au plus {max} Mo de poids.',
  },
  'modelFile.checksum': {
    en: '{file} does not match the checksum recorded in model.json: the file was changed or damaged.',
    fr: '{file} ne correspond pas à la somme de contrôle enregistrée dans model.json : le fichier a été modifié ou endommagé.',
  },
  'modelFile.badManifestPaths': {
    en: 'The weightsManifest in model.json has a "paths" entry that is not a list of file names.',
    fr: 'Le weightsManifest de model.json a une entrée « paths » qui n’est pas une liste de noms de fichiers.',
  },
  'modelFile.weightsOutside': {
    en: 'model.json refers to the weights file "{file}" outside the model folder; weight files must sit beside model.json.',
    fr: 'model.json désigne le fichier de poids « {file} » hors du dossier du modèle ; les fichiers de poids doivent être à côté de model.json.',
  },
  'modelFile.saveDiskFull': {
    en: 'Not enough disk space to save the model in {folder}.',
    fr: 'Pas assez d’espace disque pour enregistrer le modèle dans {folder}.',
  },
  'modelFile.saveNotAllowed': {
    en: 'Layerwise is not allowed to write to {folder}; choose another folder.',
    fr: 'Layerwise n’a pas le droit d’écrire dans {folder} ; choisissez un autre dossier.',
  },
  'modelFile.saveWriteFailed': {
    en: 'Could not save the model in {folder} (writing the files failed: {reason}).',
    fr: 'Impossible d’enregistrer le modèle dans {folder} (l’écriture des fichiers a échoué : {reason}).',
  },
  'modelFile.saveReplaceFailed': {
    en: 'Could not save the model in {folder} (replacing the files failed: {reason}).',
    fr: 'Impossible d’enregistrer le modèle dans {folder} (le remplacement des fichiers a échoué : {reason}).',
  },
  'modelFile.saveOverFile': {
    en: '{folder} is a file, not a model folder; choose another name.',
    fr: '{folder} est un fichier, pas un dossier de modèle ; choisissez un autre nom.',
  },
  'modelFile.saveOverLink': {
    en: '{folder} is a link to another place; Layerwise does not write through links. Choose another name.',
    fr: '{folder} est un lien vers un autre emplacement ; Layerwise n’écrit pas à travers les liens. Choisissez un autre nom.',
  },
  'modelFile.saveOverOtherFiles': {
    en: '{folder} already exists and holds other files (such as {file}); choose an empty folder or a new name.',
    fr: '{folder} existe déjà et contient d’autres fichiers (comme {file}) ; choisissez un dossier vide ou un autre nom.',
  },
});
