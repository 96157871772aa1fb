/**
 * The desktop app's transport: the preload's `window.layerwise`, one function per channel
 * resolving to the host's `Result` (electron/preload.ts). An IPC failure (which Electron
 * reports as "Error invoking remote method …") becomes a plain error reply.
 */
import type { Channel, HostEvent, MenuCommand, PreloadApi } from '../../../../electron/ipc/contract';
import type { Transport, TransportReply } from '../api';

export function createElectronTransport(preload: PreloadApi): Transport {
  return {
    kind: 'electron',
    async invoke(channel: Channel, payload: unknown): Promise<TransportReply> {
      const method = preload[channel] as ((request: unknown) => Promise<unknown>) | undefined;
      if (typeof method !== 'function') {
        return { ok: false, error: { code: 'internal', message: `This version of the app cannot do "${channel}"; restart Layerwise.` } };
      }
      try {
        const reply = await method(payload);
        if (reply !== null && typeof reply === 'object' && typeof (reply as { ok?: unknown }).ok === 'boolean') {
          return reply as TransportReply;
        }
        return { ok: false, error: { code: 'internal', message: 'The engine sent an answer the app cannot read.', detail: { key: 'common.engineBadAnswer' } } };
      } catch {
        return { ok: false, error: { code: 'disconnected', message: 'The Layerwise engine did not answer; restart the app.', detail: { key: 'common.engineNoAnswer' } } };
      }
    },
    onTrainEvent(listener: (event: HostEvent) => void): () => void {
      return preload.onTrainEvent(listener);
    },
    onMenuCommand(listener: (command: MenuCommand) => void): () => void {
      return typeof preload.onMenuCommand === 'function' ? preload.onMenuCommand(listener) : () => {};
    },
  };
}
