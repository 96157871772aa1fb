/**
 * What keeps other pages and machines out: the Host check (DNS rebinding), the WebSocket
 * Origin check, no file outside the renderer folder, the CSP, and loopback-only listening.
 */
import { readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cspFromHtml, RENDERER_CSP } from './server';
import { FakeHost, openSocket, rawGet, rawUpgrade, useWebServer } from './serverTestKit';

const { start } = useWebServer();

describe('static files', () => {
  it('never serves a file outside the renderer folder', async () => {
    const server = await start();
    const attempts = [
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/%2E%2E/secret.txt',
      '/assets/../../secret.txt',
      '/assets/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/%2e%2e%5c%2e%2e%5csecret.txt',
      '/%00',
      '/index.html%00.js',
      '/%',
      '/C:/Windows/win.ini',
      'secret.txt',
      '/assets/link.txt',
    ];
    for (const path of attempts) {
      const res = await rawGet(server.port, path);
      expect([400, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain('TOP SECRET');
    }
  });

  it('refuses requests for another Host (DNS rebinding)', async () => {
    const server = await start();
    for (const host of ['evil.example:' + server.port, 'localhost:' + server.port, '127.0.0.1', '127.0.0.1:1']) {
      const res = await rawGet(server.port, '/', { host });
      expect(res.status, host).toBe(403);
      expect(res.body).not.toContain('<title>');
    }
  });
});

describe('CSP', () => {
  it('RENDERER_CSP is the policy of renderer/index.html', () => {
    const html = readFileSync(new URL('../../renderer/index.html', import.meta.url), 'utf8');
    expect(cspFromHtml(html)).toBe(RENDERER_CSP);
  });
});

describe('WebSocket bridge', () => {
  it('refuses a foreign Origin, a missing Origin, a wrong Host and other paths', async () => {
    const refused: string[] = [];
    const host = new FakeHost();
    const server = await start(host, { log: (line) => refused.push(line) });
    const own = `127.0.0.1:${server.port}`;
    expect(await rawUpgrade(server.port, { Host: own, Origin: 'http://evil.example' })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://localhost:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `https://127.0.0.1:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: 'null' })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: `evil.example:${server.port}`, Origin: `http://evil.example:${server.port}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: `evil.example:${server.port}`, Origin: `http://${own}` })).toBe(403);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://${own}` }, '/other')).toBe(404);
    expect(await rawUpgrade(server.port, { Host: own, Origin: `http://${own}` })).toBe(101);
    await expect(openSocket(server, 'http://evil.example')).rejects.toThrow(/403/);
    expect(refused.some((l) => l.includes('evil.example'))).toBe(true);
    expect(host.calls).toEqual([]);
  });
});

describe('network exposure', () => {
  it('listens on 127.0.0.1 only', async () => {
    const server = await start();
    const others = ['127.0.0.2', '::1'];
    for (const list of Object.values(networkInterfaces())) {
      for (const info of list ?? []) if (!info.internal) others.push(info.address);
    }
    for (const address of others) {
      const reached = await new Promise<boolean>((resolve) => {
        const socket = connect({ host: address, port: server.port, timeout: 1000 });
        socket.once('connect', () => {
          socket.destroy();
          resolve(true);
        });
        socket.once('timeout', () => {
          socket.destroy();
          resolve(false);
        });
        socket.once('error', () => resolve(false));
      });
      expect(reached, address).toBe(false);
    }
  });
});
