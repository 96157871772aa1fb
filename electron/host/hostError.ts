/**
 * Errors as they cross the boundary: each failure becomes `{ code, message }` with a
 * plain message the renderer can show as is. Known engine errors keep their own message
 * (they are written for users); anything unexpected is logged here and reaches the
 * renderer only as a generic sentence — never a stack trace or an internal path.
 */
import type { ErrorCode, Result } from '../ipc/contract';
import { formatMessage, formatSentence, LocalizedError, msg, type Message, IdxError, ModelFileError, SpecError, TrainConfigError } from '../../engine';
import { ModelSaveError } from '../../engine/node';

/** A failure the host reports on purpose, with its code and a catalog message (or, until converted, plain English). */
export class HostError extends Error {
  readonly detail: Message | undefined;

  constructor(readonly code: ErrorCode, message: string | Message) {
    super(typeof message === 'string' ? message : formatMessage(message, 'en'));
    this.name = 'HostError';
    this.detail = typeof message === 'string' ? undefined : message;
  }
}

/** Longest message sent to the renderer (a hostile payload must not be echoed back in full). */
export const MAX_MESSAGE_CHARS = 500;

export const INTERNAL_DETAIL = msg('general.internal');
export const INTERNAL_MESSAGE = formatMessage(INTERNAL_DETAIL);

export function clip(message: string, max = MAX_MESSAGE_CHARS): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

export function failure(code: ErrorCode, message: string | Message): Result<never> {
  if (typeof message === 'string') return { ok: false, error: { code, message: clip(message) } };
  return { ok: false, error: { code, message: clip(formatSentence(message, 'en')), detail: clipDetail(message) } };
}

/** A detail's string parameters are clipped like messages (they may echo a hostile file name). */
export function clipDetail(m: Message): Message {
  if (!m.params) return m;
  const params = Object.fromEntries(Object.entries(m.params).map(([k, v]) => [k, typeof v === 'string' ? clip(v, 200) : typeof v === 'number' ? v : clipDetail(v)]));
  return { key: m.key, params };
}

const detailOf = (e: Error): Message | undefined => (e as { detail?: Message }).detail;

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Maps any thrown value to a Result; `context` names the request in the log line. */
export function errorToResult(e: unknown, context: string): Result<never> {
  const said = (code: ErrorCode, err: Error) => failure(code, detailOf(err) ?? err.message);
  if (e instanceof HostError) return said(e.code, e);
  if (e instanceof SpecError) return said('invalid-network', e);
  if (e instanceof TrainConfigError) return said('invalid-request', e);
  if (e instanceof IdxError || e instanceof ModelFileError) return said('bad-file', e);
  if (e instanceof ModelSaveError) return said('io', e);
  if (e instanceof LocalizedError) return said('invalid-request', e);
  const code = errno(e);
  if (code === 'ENOSPC') return failure('io', msg('general.diskFull'));
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return failure('io', msg('general.notAllowed'));
  console.error(`Layerwise: ${context} failed unexpectedly:`, e);
  return failure('internal', INTERNAL_DETAIL);
}
