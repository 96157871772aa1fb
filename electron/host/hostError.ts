/**
 * Errors as they cross the boundary: each failure becomes `{ code, message }` with a
 * plain message the renderer can show as is. Known engine errors keep their own message
 * (they are written for users); anything unexpected is logged here and reaches the
 * renderer only as a generic sentence — never a stack trace or an internal path.
 */
import type { ErrorCode, Result } from '../ipc/contract';
import { IdxError } from '../../engine/data/idx';
import { ModelFileError } from '../../engine/io/layersModel';
import { SpecError } from '../../engine/model/specError';
import { ModelSaveError } from '../../engine/node/modelFiles';
import { TrainConfigError } from '../../engine/train/config';

/** A failure the host reports on purpose, with its code. */
export class HostError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'HostError';
  }
}

/** Longest message sent to the renderer (a hostile payload must not be echoed back in full). */
export const MAX_MESSAGE_CHARS = 500;

export const INTERNAL_MESSAGE = 'Something went wrong inside Layerwise. Please try again; if it keeps happening, restart the app.';

export function clip(message: string, max = MAX_MESSAGE_CHARS): string {
  return message.length <= max ? message : `${message.slice(0, max - 1)}…`;
}

export function failure(code: ErrorCode, message: string): Result<never> {
  return { ok: false, error: { code, message: clip(message) } };
}

const errno = (e: unknown): string | undefined => (e as NodeJS.ErrnoException | null)?.code;

/** Maps any thrown value to a Result; `context` names the request in the log line. */
export function errorToResult(e: unknown, context: string): Result<never> {
  if (e instanceof HostError) return failure(e.code, e.message);
  if (e instanceof SpecError) return failure('invalid-network', e.message);
  if (e instanceof TrainConfigError) return failure('invalid-request', e.message);
  if (e instanceof IdxError || e instanceof ModelFileError) return failure('bad-file', e.message);
  if (e instanceof ModelSaveError) return failure('io', e.message);
  const code = errno(e);
  if (code === 'ENOSPC') return failure('io', 'There is not enough free disk space to finish; free some space and try again.');
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return failure('io', 'Layerwise is not allowed to write there; check the folder\'s permissions or choose another one.');
  }
  console.error(`Layerwise: ${context} failed unexpectedly:`, e);
  return failure('internal', INTERNAL_MESSAGE);
}
