import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  'library.nameRequired': { en: 'A model needs a name.', fr: 'Un modèle doit avoir un nom.' },
  'library.notAnId': { en: 'That is not a model id.', fr: 'Ce n’est pas un identifiant de modèle.' },
});
