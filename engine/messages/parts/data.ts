import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
  'data.inFile': { en: '{file}: {problem}', fr: '{file} : {problem}' },
});
