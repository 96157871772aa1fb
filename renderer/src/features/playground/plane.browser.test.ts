// @vitest-environment node
/**
 * The plane in real Chromium: PlaneView mounted on a page built here with vite (no app
 * needed), then its pixels read back — the regions' colours, a point drawn over them,
 * HiDPI sizing, the dark theme — and a real click turned into plane coordinates. The
 * jsdom tests check the logic; only a browser shows what the canvas really holds.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../../../electron/web/browserTestKit';
import { blend } from './boundaryImage';
import { classColor, planePalette } from './palette';
import { MARGINS, REGION_STRENGTH } from './planeRenderer';

const here = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const SIDE = 400; // CSS pixels
const DPR = 2;

/** A page with the plane: a binary grid (class 1 right of x₁ = 0, certain), one training and one test point. */
const HARNESS = `
import { mount } from 'svelte';
import ${JSON.stringify(join(projectRoot, 'renderer/src/styles/theme.css'))};
import PlaneView from ${JSON.stringify(join(here, 'PlaneView.svelte'))};
// As App does: the theme chosen (here by the test, through localStorage) on <html>.
document.documentElement.setAttribute('data-theme', localStorage.getItem('layerwise.theme') ?? 'light');
const R = 50;
const values = new Float32Array(R * R);
for (let r = 0; r < R; r++) for (let c = 0; c < R; c++) values[r * R + c] = c >= R / 2 ? 1 : 0;
const added = [];
mount(PlaneView, {
  target: document.getElementById('app'),
  props: {
    bounds: { xMin: -1.5, xMax: 1.5, yMin: -1.5, yMax: 1.5 },
    grid: { kind: 'binary', resolution: R, values },
    train: { points: new Float32Array([-0.75, 0.75]), labels: new Uint8Array([0]) },
    test: { points: new Float32Array([0.75, -0.75]), labels: new Uint8Array([1]) },
    mode: 'add',
    onAddPoint: (x1, x2) => added.push([x1, x2]),
  },
});
Object.assign(window, { __added: added });
`;

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };

async function serve(dir: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = join(dir, new URL(req.url ?? '/', 'http://x').pathname.replace(/\/$/, '/index.html'));
    if (!path.startsWith(dir)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(path);
      res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

/** CSS pixel of a plane location (the plot is square inside the margins). */
function cssPixel(x1: number, x2: number): { x: number; y: number } {
  const size = SIDE - MARGINS.left - MARGINS.right;
  return { x: MARGINS.left + ((x1 + 1.5) / 3) * size, y: MARGINS.top + ((1.5 - x2) / 3) * size };
}

async function pixelAt(page: Page, x1: number, x2: number): Promise<number[]> {
  const { x, y } = cssPixel(x1, x2);
  return page.evaluate(
    ([px, py]) => {
      const canvas = (globalThis as unknown as { document: { querySelector(s: string): { getContext(t: string): { getImageData(...a: number[]): { data: Uint8ClampedArray } } } } }).document.querySelector('canvas');
      return Array.from(canvas.getContext('2d').getImageData(px, py, 1, 1).data);
    },
    [Math.round(x * DPR), Math.round(y * DPR)],
  );
}

function expectColor(actual: number[], expected: readonly number[], tolerance = 3): void {
  for (let c = 0; c < 3; c++) expect(Math.abs(actual[c]! - expected[c]!), `channel ${c}: ${actual} vs ${expected}`).toBeLessThanOrEqual(tolerance);
}

describe('PlaneView in Chromium', () => {
  let work: string;
  let browser: Browser;
  let site: { url: string; server: Server };

  beforeAll(async () => {
    browser = await launchChromium(['--no-sandbox', '--disable-gpu']);
    work = mkdtempSync(join(tmpdir(), 'layerwise-plane-'));
    const src = join(work, 'src');
    mkdirSync(src);
    // Bare imports ('svelte') from the harness resolve through the project's packages.
    symlinkSync(join(projectRoot, 'node_modules'), join(work, 'node_modules'), 'junction');
    writeFileSync(join(src, 'index.html'), `<!doctype html><html><head><meta charset="utf-8" /></head>
<body style="margin:0"><div id="app" style="width:${SIDE}px"></div><script type="module" src="./main.js"></script></body></html>`);
    writeFileSync(join(src, 'main.js'), HARNESS);
    const out = join(work, 'out');
    await build({
      configFile: false, root: src, logLevel: 'warn', plugins: [svelte()],
      server: { fs: { allow: [projectRoot, work] } },
      build: { outDir: out, emptyOutDir: true, minify: false, modulePreload: false },
    });
    site = await serve(out);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    site?.server.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function open(theme: 'light' | 'dark'): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 800, height: 600 }, deviceScaleFactor: DPR });
    await page.addInitScript((t) => (globalThis as unknown as { localStorage: Storage }).localStorage.setItem('layerwise.theme', t), theme);
    await page.goto(site.url);
    // Drawing happens in an animation frame after mounting: wait until the plot holds paint.
    const { x, y } = cssPixel(-1, -1);
    await page.waitForFunction(([px, py]) => {
      const canvas = (globalThis as unknown as { document: Document }).document.querySelector('canvas');
      return (canvas?.getContext('2d')?.getImageData(px!, py!, 1, 1).data[3] ?? 0) === 255;
    }, [Math.round(x * DPR), Math.round(y * DPR)]);
    return page;
  }

  it('paints confident regions, points over them, at the device pixel ratio', async () => {
    const page = await open('light');
    const size = await page.evaluate(() => {
      const c = (globalThis as unknown as { document: Document }).document.querySelector('canvas')!;
      return [c.width, c.height, c.getBoundingClientRect().width];
    });
    expect(size).toEqual([SIDE * DPR, SIDE * DPR, SIDE]);
    const palette = planePalette('light', false);
    expectColor(await pixelAt(page, -1, -1), blend(palette.background, classColor('light', 0), REGION_STRENGTH));
    expectColor(await pixelAt(page, 1, 1), blend(palette.background, classColor('light', 1), REGION_STRENGTH));
    // The training point at (−0.75, 0.75): full class colour, over its paler region.
    expectColor(await pixelAt(page, -0.75, 0.75), classColor('light', 0));
    await page.close();
  }, 60_000);

  it('uses the dark theme colours', async () => {
    const page = await open('dark');
    const palette = planePalette('dark', false);
    expectColor(await pixelAt(page, -1, -1), blend(palette.background, classColor('dark', 0), REGION_STRENGTH));
    await page.close();
  }, 60_000);

  it('turns a click into plane coordinates', async () => {
    const page = await open('light');
    const box = (await page.locator('canvas').boundingBox())!;
    const { x, y } = cssPixel(0.5, -1.2);
    await page.mouse.click(box.x + x, box.y + y);
    const added = await page.evaluate(() => (globalThis as unknown as { __added: number[][] }).__added);
    expect(added).toHaveLength(1);
    expect(added[0]![0]).toBeCloseTo(0.5, 2);
    expect(added[0]![1]).toBeCloseTo(-1.2, 2);
    await page.close();
  }, 60_000);
});
