/**
 * The one way the UI talks to the engine: `api.<channel>(request)` resolves to the
 * channel's value or throws an `ApiError` whose `message` can be shown to a student as
 * is; `api.onTrainEvent` / `api.onCodesEvent` / `api.onMenuCommand` subscribe to events
 * (the host's one event stream, split by kind here).
 *
 * Nothing else in the renderer touches `window.layerwise` or the WebSocket. The transport
 * is chosen on first use: the Electron preload when it is there, else the browser bridge
 * (a WebSocket to `/bridge` on the page's own host; see electron/web/server.ts).
 */
import { CHANNELS, isCodesEvent } from '../../../electron/ipc/channels';
import type {
  Channel,
  CodesEvent,
  ErrorCode,
  LayerwiseApi,
  MenuCommand,
  PreloadApi,
  RequestOf,
  ResponseOf,
  Result,
  HostEvent,
  TrainEvent,
} from '../../../electron/ipc/contract';
import type { Message } from '$engine';
import { createElectronTransport } from './transport/electronTransport';
import { bridgeUrl, createWebSocketTransport } from './transport/webSocketTransport';

/** The contract's error codes, plus `disconnected` when the engine cannot be reached. */
export type ApiErrorCode = ErrorCode | 'disconnected';

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  /** The message as a catalog key and parameters, for wording it in the UI's language (see `errorText`). */
  readonly detail: Message | undefined;

  constructor(code: ApiErrorCode, message: string, detail?: Message) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.detail = detail;
  }
}

/** What a transport answers for a request: the host's `Result`, or that the engine is unreachable. */
export type TransportReply = Result<unknown> | { ok: false; error: { code: 'disconnected'; message: string; detail?: Message } };

/** How requests and events travel; one per page. Never rejects: failures are replies. */
export interface Transport {
  readonly kind: 'electron' | 'web';
  invoke(channel: Channel, payload: unknown): Promise<TransportReply>;
  /** Every event of the host (training and code space). */
  onTrainEvent(listener: (event: HostEvent) => void): () => void;
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
}

export type Api = LayerwiseApi & {
  /** Which transport the page uses ('electron' or 'web'); picks it if not yet done. */
  transportKind(): 'electron' | 'web';
};

/** The facade over a transport (made lazily by `getTransport` on first use). */
export function createApi(getTransport: () => Transport): Api {
  const call = async <C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> => {
    const reply = await getTransport().invoke(channel, request);
    if (reply.ok) return reply.value as ResponseOf<C>;
    throw new ApiError(reply.error.code, reply.error.message, 'detail' in reply.error ? reply.error.detail : undefined);
  };
  const methods = Object.fromEntries(
    CHANNELS.map((channel) => [channel, (request: unknown) => call(channel, request as RequestOf<typeof channel>)]),
  ) as unknown as Omit<LayerwiseApi, 'onTrainEvent' | 'onCodesEvent' | 'onMenuCommand'>;
  return Object.freeze({
    ...methods,
    onTrainEvent: (listener: (event: TrainEvent) => void) => getTransport().onTrainEvent((e) => {
      if (!isCodesEvent(e)) listener(e);
    }),
    onCodesEvent: (listener: (event: CodesEvent) => void) => getTransport().onTrainEvent((e) => {
      if (isCodesEvent(e)) listener(e);
    }),
    onMenuCommand: (listener: (command: MenuCommand) => void) => getTransport().onMenuCommand(listener),
    transportKind: () => getTransport().kind,
  });
}

/** The Electron preload when present (desktop app), else the WebSocket bridge (web mode). */
export function chooseTransport(win: Window): Transport {
  const preload = (win as unknown as { layerwise?: PreloadApi }).layerwise;
  if (preload !== undefined && preload !== null && typeof preload['app:info'] === 'function') {
    return createElectronTransport(preload);
  }
  return createWebSocketTransport({ url: bridgeUrl(win.location) });
}

let transport: Transport | null = null;

export const api: Api = createApi(() => (transport ??= chooseTransport(window)));

/**
 * One training step on one sample, explained (the backpropagation stepper, issue 13):
 * `api['explain:step'](request)` answers with the engine's trace. Its types, for the views.
 */
export type ExplainStepRequest = RequestOf<'explain:step'>;
export type {
  ExplainedStep, LayerTrace, ParamTrace, StepTrace, TensorSummary, TraceTensor, UpdateTrace,
} from '../../../electron/ipc/contract';
