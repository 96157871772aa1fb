import { defineMessages } from '../message';

/** Messages of this area, in both languages. */
export default defineMessages({
});
