import { defineMessages } from '../message';

/** Messages of this area, in both languages: the run history (engine/runs, electron/host/runHistory.ts). */
export default defineMessages({
  'runs.notFound': { en: 'That run is not in the history any more.', fr: 'Cet entraînement n’est plus dans l’historique.' },
  'runs.notJson': {
    en: 'The run file {file} is damaged: it is not readable JSON.',
    fr: 'Le fichier d’entraînement {file} est endommagé : ce n’est pas du JSON lisible.',
  },
  'runs.notARun': {
    en: 'The file {file} is not a Layerwise run record.',
    fr: 'Le fichier {file} n’est pas un enregistrement d’entraînement de Layerwise.',
  },
  'runs.newerVersion': {
    en: 'The run file {file} was written by a newer Layerwise (format {version}); update Layerwise to open it.',
    fr: 'Le fichier d’entraînement {file} a été écrit par une version plus récente de Layerwise (format {version}) ; mettez Layerwise à jour pour l’ouvrir.',
  },
  'runs.badField': {
    en: 'The run file {file} is damaged: its field "{field}" is not what Layerwise writes.',
    fr: 'Le fichier d’entraînement {file} est endommagé : son champ « {field} » n’est pas ce qu’écrit Layerwise.',
  },
  'runs.tooLarge': {
    en: 'The run file {file} is too large ({size} bytes; at most {max}): it was not read.',
    fr: 'Le fichier d’entraînement {file} est trop gros ({size} octets ; au plus {max}) : il n’a pas été lu.',
  },
  'runs.isLink': {
    en: 'The run file {file} is a link to another place: Layerwise does not follow it.',
    fr: 'Le fichier d’entraînement {file} est un lien vers un autre emplacement : Layerwise ne le suit pas.',
  },
  'runs.notAFile': {
    en: 'The run entry {file} is not a regular file: Layerwise does not read it.',
    fr: 'L’entrée d’entraînement {file} n’est pas un fichier ordinaire : Layerwise ne la lit pas.',
  },
  'runs.unreadable': {
    en: 'The run file {file} cannot be read ({reason}).',
    fr: 'Le fichier d’entraînement {file} ne peut pas être lu ({reason}).',
  },
  'runs.windowClosed': {
    en: 'The window was closed, or Layerwise quit, during the run.',
    fr: 'La fenêtre a été fermée, ou Layerwise a été quitté, pendant l’entraînement.',
  },
  'runs.damagedCannot': {
    en: 'This run is damaged and can only be deleted: {reason}',
    fr: 'Cet entraînement est endommagé et ne peut qu’être supprimé : {reason}',
  },
  'runs.saveDiskFull': {
    en: 'The disk is full: {file} was not saved (nothing was changed).',
    fr: 'Le disque est plein : {file} n’a pas été enregistré (rien n’a été modifié).',
  },
  'runs.saveFailed': {
    en: '{file} could not be saved ({reason}); nothing was changed.',
    fr: '{file} n’a pas pu être enregistré ({reason}) ; rien n’a été modifié.',
  },
  'runs.saveInBrowser': {
    en: 'In the browser, reports and exports are downloaded by the page, not saved by Layerwise.',
    fr: 'Dans le navigateur, les comptes rendus et exports sont téléchargés par la page, pas enregistrés par Layerwise.',
  },
});
