/**
 * The web server as a static file server for the built renderer: content types, security
 * headers, methods, and 404s. What it must never serve or accept: server.security.test.ts.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startWebServer, staticTarget } from './server';
import { CSP_IN_HTML, FakeHost, rawGet, useWebServer } from './serverTestKit';

const { root, start } = useWebServer();

describe('static files', () => {
  it('serves index.html for / with the security headers', async () => {
    const server = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`);
    const res = await fetch(server.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(`${CSP_IN_HTML}; frame-ancestors 'none'`);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(await res.text()).toContain('<title>Layerwise</title>');
  });

  it('serves assets with their MIME types and the same headers', async () => {
    const server = await start();
    const types: Record<string, string> = {
      'assets/index-abc.js': 'text/javascript; charset=utf-8',
      'assets/index-abc.css': 'text/css; charset=utf-8',
      'assets/logo.svg': 'image/svg+xml',
      'assets/blob.bin': 'application/octet-stream',
      'index.html': 'text/html; charset=utf-8',
    };
    for (const [path, type] of Object.entries(types)) {
      const res = await fetch(server.url + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    expect(await (await fetch(`${server.url}assets/index-abc.js?v=1`)).text()).toBe('console.log(1);');
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const server = await start();
    const head = await rawGet(server.port, '/', {}, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
    const post = await rawGet(server.port, '/', {}, 'POST');
    expect(post.status).toBe(405);
    expect(post.headers['allow']).toBe('GET, HEAD');
  });

  it('answers 404 for missing files, folders and dotfiles', async () => {
    const server = await start();
    for (const path of ['/missing.js', '/assets', '/assets/', '/.env', '//index.html', '/assets/link.txt']) {
      const res = await rawGet(server.port, path);
      expect(res.status, path).toBe(404);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('refuses to start without a built renderer', async () => {
    await expect(startWebServer({ host: new FakeHost(), rendererDir: join(root(), 'nowhere') })).rejects.toThrow(/electron-vite build/);
  });
});

describe('staticTarget', () => {
  it('maps paths to segments and refuses traversal', () => {
    expect(staticTarget('/')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(staticTarget('/?x=1')).toEqual({ kind: 'file', segments: ['index.html'] });
    expect(staticTarget('/assets/a%20b.js#h')).toEqual({ kind: 'file', segments: ['assets', 'a b.js'] });
    expect(staticTarget('/a/../b')).toEqual({ kind: 'error', status: 400 });
    expect(staticTarget('/a/%2e/b')).toEqual({ kind: 'error', status: 400 });
    expect(staticTarget('http://evil/x')).toEqual({ kind: 'error', status: 400 });
  });
});
