import { formatMessage } from './catalog';
import type { Message } from './message';

/**
 * An error whose text is a catalog message: `message` is its English wording (logs, the
 * CLI), `detail` the key and parameters that the UI words in its own language. A plain
 * string is accepted while call sites move to the catalog; such an error has no detail
 * and reaches the UI in English.
 */
export class LocalizedError extends Error {
  readonly detail: Message | undefined;

  constructor(text: string | Message, options?: { cause?: unknown }) {
    super(typeof text === 'string' ? text : formatMessage(text, 'en'), options);
    this.name = 'LocalizedError';
    this.detail = typeof text === 'string' ? undefined : text;
  }
}
