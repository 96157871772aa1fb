/**
 * registerIpc as a router: one handler per channel of the contract, each passing the
 * payload to the host untouched (the host validates it) and its Result back as is.
 * Refused senders: ipcBridge.sender.test.ts.
 */
import { describe, expect, it, vi } from 'vitest';
import { CHANNELS, type Result } from './ipc/contract';
import { useBridge } from './ipcBridgeTestKit';

// The bridge is Electron-free: loading electron at run time would fail here.
vi.mock('electron', () => {
  throw new Error('ipcBridge.ts must not load electron at run time');
});

describe('registerIpc', () => {
  const bridge = useBridge();

  it('registers exactly one handler per channel of the contract', () => {
    const { ipc, register } = bridge();
    register();
    expect([...ipc.handlers.keys()].sort()).toStrictEqual([...CHANNELS].sort());
    expect(ipc.handlers.size).toBe(CHANNELS.length);
  });

  it('passes each payload through, with the web contents id as the client id', async () => {
    const { ipc, host, window, register } = bridge();
    register();
    for (const channel of CHANNELS) {
      const payload = { probe: channel, nested: [1, 2, 3] };
      await ipc.invoke(channel, window.event(), payload);
      expect(host.calls.at(-1)).toStrictEqual({ clientId: '3', channel, payload });
      expect(host.calls.at(-1)?.payload).toBe(payload);
    }
    expect(host.calls).toHaveLength(CHANNELS.length);
  });

  it('returns the host Result as is, success and failure alike', async () => {
    const { ipc, host, window, register } = bridge();
    register();
    const success: Result<unknown> = { ok: true, value: { runId: 'r9' } };
    host.result = success;
    await expect(ipc.invoke('train:start', window.event(), {})).resolves.toBe(success);
    const failure: Result<unknown> = { ok: false, error: { code: 'busy', message: 'Already training.' } };
    host.result = failure;
    await expect(ipc.invoke('train:start', window.event(), {})).resolves.toBe(failure);
  });

  it('turns a throwing host into an internal error instead of a rejection', async () => {
    const { ipc, host, window, register } = bridge();
    register();
    host.throws = true;
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const result = await ipc.invoke('models:list', window.event(), {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    error.mockRestore();
  });

  it('returns a function that removes every handler', () => {
    const { ipc, register } = bridge();
    const unregister = register();
    unregister();
    expect(ipc.handlers.size).toBe(0);
    register(); // and registering again works
    expect(ipc.handlers.size).toBe(CHANNELS.length);
  });
});
