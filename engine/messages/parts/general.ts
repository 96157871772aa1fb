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
});
