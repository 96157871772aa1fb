import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  APP_TITLE,
  WINDOW_SIZE,
  chooseRendererEntry,
  createMainWindowOptions,
  isLoopbackHttpUrl,
  isNavigationAllowed,
  resolveAppPaths,
  secureWebPreferences,
} from './windowOptions';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

describe('secureWebPreferences', () => {
  it('has exactly the secure flags, and the given preload', () => {
    expect(secureWebPreferences('/abs/out/preload/preload.cjs')).toStrictEqual({
      preload: '/abs/out/preload/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
  });

  it('never enables a dangerous option', () => {
    const prefs = secureWebPreferences('/p.cjs');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
    expect(prefs).not.toHaveProperty('partition');
  });
});

describe('createMainWindowOptions', () => {
  const options = createMainWindowOptions({ preloadPath: '/abs/preload.cjs' });

  it('is titled Layerwise, hidden until ready-to-show, with a sensible size', () => {
    expect(options.title).toBe(APP_TITLE);
    expect(APP_TITLE).toBe('Layerwise');
    expect(options.show).toBe(false);
    expect(options.width).toBe(WINDOW_SIZE.width);
    expect(options.height).toBe(WINDOW_SIZE.height);
    expect(options.minWidth).toBeLessThanOrEqual(options.width ?? 0);
    expect(options.minHeight).toBeLessThanOrEqual(options.height ?? 0);
    expect(options.minWidth).toBeGreaterThanOrEqual(800);
    expect(options.minHeight).toBeGreaterThanOrEqual(600);
  });

  it('uses the secure webPreferences', () => {
    expect(options.webPreferences).toStrictEqual(secureWebPreferences('/abs/preload.cjs'));
  });

  it('sets an icon only when given one', () => {
    expect(options).not.toHaveProperty('icon');
    expect(createMainWindowOptions({ preloadPath: '/p.cjs', iconPath: '/i.png' }).icon).toBe('/i.png');
  });
});

describe('resolveAppPaths', () => {
  it('points at the files electron-vite writes next to out/main', () => {
    const paths = resolveAppPaths(join('/app', 'out', 'main'));
    expect(paths.preload).toBe(join('/app', 'out', 'preload', 'preload.cjs'));
    expect(paths.rendererHtml).toBe(join('/app', 'out', 'renderer', 'index.html'));
  });
});

describe('chooseRendererEntry', () => {
  const html = '/app/out/renderer/index.html';

  it('uses the dev server in development', () => {
    expect(chooseRendererEntry('http://127.0.0.1:5173/', false, html)).toStrictEqual({
      kind: 'url',
      url: 'http://127.0.0.1:5173/',
    });
  });

  it('loads the built file without a dev server', () => {
    expect(chooseRendererEntry(undefined, false, html)).toStrictEqual({ kind: 'file', path: html });
  });

  it('ignores ELECTRON_RENDERER_URL in a packaged app', () => {
    expect(chooseRendererEntry('http://127.0.0.1:5173/', true, html)).toStrictEqual({ kind: 'file', path: html });
  });

  it('accepts only loopback http(s) dev servers', () => {
    expect(chooseRendererEntry('https://example.com/', false, html)).toStrictEqual({ kind: 'file', path: html });
    expect(chooseRendererEntry('file:///etc/passwd', false, html)).toStrictEqual({ kind: 'file', path: html });
    expect(isLoopbackHttpUrl('http://localhost:5173')).toBe(true);
    expect(isLoopbackHttpUrl('http://[::1]:5173/')).toBe(true);
    expect(isLoopbackHttpUrl('http://127.0.0.1.evil.com/')).toBe(false);
    expect(isLoopbackHttpUrl('not a url')).toBe(false);
  });
});

describe('isNavigationAllowed', () => {
  const current = 'file:///app/out/renderer/index.html';

  it('allows only a reload of the page already shown', () => {
    expect(isNavigationAllowed(current, current)).toBe(true);
    expect(isNavigationAllowed(`${current}#top`, current)).toBe(true);
    expect(isNavigationAllowed('http://127.0.0.1:5173/', 'http://127.0.0.1:5173/')).toBe(true);
  });

  it('blocks everything else', () => {
    expect(isNavigationAllowed('https://example.com/', current)).toBe(false);
    expect(isNavigationAllowed('file:///etc/passwd', current)).toBe(false);
    expect(isNavigationAllowed('file:///app/out/renderer/other.html', current)).toBe(false);
    expect(isNavigationAllowed(current, '')).toBe(false);
    expect(isNavigationAllowed('::', current)).toBe(false);
  });
});

/** Parses the CSP meta tag of renderer/index.html into directive → sources. */
function readCsp(): Map<string, string[]> {
  const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
  const metas = [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  expect(metas).toHaveLength(1);
  const content = /content="([^"]*)"/i.exec(metas[0]?.[0] ?? '')?.[1];
  expect(content).toBeDefined();
  const directives = new Map<string, string[]>();
  for (const part of (content ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name, sources);
  }
  return directives;
}

describe('renderer Content-Security-Policy', () => {
  const csp = readCsp();

  it("has default-src 'self' and script-src 'self' only", () => {
    expect(csp.get('default-src')).toStrictEqual(["'self'"]);
    expect(csp.get('script-src')).toStrictEqual(["'self'"]);
  });

  it("never allows 'unsafe-eval' (nor wasm-unsafe-eval)", () => {
    for (const [, sources] of csp) {
      expect(sources).not.toContain("'unsafe-eval'");
      expect(sources).not.toContain("'wasm-unsafe-eval'");
    }
  });

  it('allows no inline scripts and no inline styles in the production policy', () => {
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('style-src')).not.toContain("'unsafe-inline'");
  });

  it('locks down plugins, <base> and forms', () => {
    expect(csp.get('object-src')).toStrictEqual(["'none'"]);
    expect(csp.get('base-uri')).toStrictEqual(["'none'"]);
    expect(csp.get('form-action')).toStrictEqual(["'none'"]);
  });

  it('only connects to itself and to loopback websockets', () => {
    for (const source of csp.get('connect-src') ?? []) {
      expect(["'self'", 'ws://127.0.0.1:*']).toContain(source);
    }
  });

  it('has no inline <script> in the source page', () => {
    const html = readFileSync(join(repoRoot, 'renderer', 'index.html'), 'utf8');
    for (const tag of html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)) {
      expect(tag[0]).toMatch(/\bsrc=/);
      expect(tag[1]?.trim()).toBe('');
    }
  });
});

/** Every .svelte file under renderer/, as [path, markup without <script> and <style> blocks]. */
function svelteMarkup(): Array<[string, string]> {
  const files = readdirSync(join(repoRoot, 'renderer'), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.svelte'))
    .map((name) => join(repoRoot, 'renderer', name));
  return files.map((file) => [
    file,
    readFileSync(file, 'utf8').replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, ''),
  ]);
}

describe('renderer markup under the strict style-src', () => {
  // Svelte puts a fully static style="…" attribute into its HTML template, which the
  // production CSP (style-src 'self', no 'unsafe-inline') reports as a violation.
  // Dynamic styles (style="width: {w}px", style:width={…}) go through the CSSOM and are
  // fine, as are classes. Checked in Chromium against the built renderer.
  it('has no static style attributes in .svelte files', () => {
    const markup = svelteMarkup();
    expect(markup.length).toBeGreaterThan(0);
    for (const [file, text] of markup) {
      const staticStyle = /\sstyle\s*=\s*("[^"{]*"|'[^'{]*')/.exec(text);
      expect(staticStyle, `${file}: use a class or a style: directive instead of ${staticStyle?.[0] ?? ''}`).toBeNull();
    }
  });
});
