import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  // The model library (electron/host/modelLibrary.ts, modelExport.ts).
  'library.notFound': { en: 'That model is not in the library any more.', fr: 'Ce modèle n’est plus dans la bibliothèque.' },
  'library.exists': {
    en: 'A model named "{name}" already exists. Choose another name, or replace it.',
    fr: 'Un modèle nommé « {name} » existe déjà. Choisissez un autre nom, ou remplacez-le.',
  },
  'library.damaged': { en: 'This model does not open: {reason}', fr: 'Ce modèle ne s’ouvre pas : {reason}' },
  'library.notDigits': {
    en: 'This model cannot be used to classify digits: {reason}',
    fr: 'Ce modèle ne peut pas servir à classer des chiffres : {reason}',
  },
  'library.exportIsFile': {
    en: '{folder} is a file; choose a new folder name.',
    fr: '{folder} est un fichier ; choisissez un nouveau nom de dossier.',
  },
  'library.exportIsLink': {
    en: '{folder} is a link to another place; choose a new folder name.',
    fr: '{folder} est un lien vers un autre emplacement ; choisissez un nouveau nom de dossier.',
  },
  'library.exportNotEmpty': {
    en: '{folder} already exists and is not empty; choose a new folder name.',
    fr: '{folder} existe déjà et n’est pas vide ; choisissez un nouveau nom de dossier.',
  },
  'library.exportDiskFull': {
    en: 'Not enough disk space to export the model to {folder}; nothing was left there.',
    fr: 'Pas assez d’espace disque pour exporter le modèle vers {folder} ; rien n’y a été laissé.',
  },
  'library.exportNotAllowed': {
    en: 'Layerwise is not allowed to write to {folder}; choose another folder.',
    fr: 'Layerwise n’a pas le droit d’écrire dans {folder} ; choisissez un autre dossier.',
  },
  'library.exportFailed': {
    en: 'Could not export the model to {folder} ({reason}); nothing was left there.',
    fr: 'Impossible d’exporter le modèle vers {folder} ({reason}) ; rien n’y a été laissé.',
  },
  'library.nameRequired': { en: 'A model needs a name.', fr: 'Un modèle doit avoir un nom.' },
  'library.notAnId': { en: 'That is not a model id.', fr: 'Ce n’est pas un identifiant de modèle.' },
  // Models keep their data kind: what a model file records of its data is checked when read.
  'library.badDataField': {
    en: 'The model file is damaged: its {field} (the data it was trained on) is not what Layerwise writes.',
    fr: 'Le fichier du modèle est endommagé : son champ {field} (les données sur lesquelles il a été entraîné) n’est pas ce qu’écrit Layerwise.',
  },
  'library.notItsData': {
    en: 'This model does not fit the data it says it was trained on: {reason}',
    fr: 'Ce modèle ne correspond pas aux données sur lesquelles il dit avoir été entraîné : {reason}',
  },
  'library.importedModel': { en: 'Imported model', fr: 'Modèle importé' },
});
