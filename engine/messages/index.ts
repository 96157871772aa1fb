/** The engine's user-facing messages: the one door for code that raises or words them. */
export { CATALOG, formatMessage, formatSentence, joinMessages, msg, MESSAGE_PARTS, type MessageKey } from './catalog';
export { LocalizedError } from './localizedError';
export { fillTemplate, formatNumber, isMessage, type Lang, type Message, type MessageParam, type MessageParams, type Wording, defineMessages } from './message';
