import { formatMessage } from './catalog';
import type { Message } from './message';

/**
 * An error whose text is a catalog message: `message` is its English wording (logs, the
 * CLI), `detail` the key and parameters that the UI words in its own language.
 */
export class LocalizedError extends Error {
  readonly detail: Message;

  constructor(detail: Message, options?: { cause?: unknown }) {
    super(formatMessage(detail, 'en'), options);
    this.name = 'LocalizedError';
    this.detail = detail;
  }
}
