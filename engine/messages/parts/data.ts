import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  'data.inFile': { en: '{file}: {problem}', fr: '{file} : {problem}' },
  'data.folderForgotten': {
    en: 'That dataset folder is no longer known; choose the folder again.',
    fr: 'Ce dossier de données n’est plus connu ; choisissez-le à nouveau.',
  },
});
