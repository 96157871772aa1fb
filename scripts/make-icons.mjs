#!/usr/bin/env node
// Renders the app icon (resources/icon.svg, and resources/icon-small.svg for the small
// sizes) to every file the installers need, and writes them to resources/icons/:
//
//   png/<N>x<N>.png   16 … 1024 px: Linux (electron-builder takes the folder; AppImage, deb)
//   icon.ico          16, 24, 32, 48, 64, 128 px (32-bit BMP) and 256 px (PNG): Windows (exe, NSIS, shortcuts)
//   icon.icns         16 … 1024 px incl. @2x (PNG entries ic07–ic14, icp4–icp6): macOS;
//                     drawn on Apple's grid (the tile is 824/1024 of the canvas)
//
// Run by hand after editing an SVG, and commit the results (the build never runs this):
//
//   node scripts/make-icons.mjs [--preview FILE.png]
//
// Uses Chrome/Chromium through playwright-core, never a downloaded browser: the one
// scripts/ensure-chromium.mjs finds (LAYERWISE_CHROMIUM overrides), offline and headless.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';
import { findChromium, INSTALL_HINT } from './ensure-chromium.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'resources', 'icons');

/** Sizes up to this use icon-small.svg (fewer, bigger shapes that stay legible). */
export const SMALL_MAX = 32;
export const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];
/** ICNS entry types with their pixel size (PNG payloads are valid for all of them). */
export const ICNS_ENTRIES = [
  ['icp4', 16], ['icp5', 32], ['icp6', 64], ['ic07', 128], ['ic08', 256], ['ic09', 512], ['ic10', 1024],
  ['ic11', 32], ['ic12', 64], ['ic13', 256], ['ic14', 512],
];
/** The artwork's tile spans 960 of 1024 units; Apple's icon grid wants 824. */
const MAC_SCALE = 824 / 960;

const CHROMIUM_ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];

function svgDataUrl(file) {
  return `data:image/svg+xml;base64,${readFileSync(join(ROOT, 'resources', file)).toString('base64')}`;
}

/** PNG bytes of the icon at `size` px; `scale` < 1 leaves a transparent margin. */
async function render(page, size, scale = 1) {
  const url = svgDataUrl(size <= SMALL_MAX ? 'icon-small.svg' : 'icon.svg');
  const inner = Math.round(size * scale);
  const offset = Math.floor((size - inner) / 2);
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<!doctype html><html><body style="margin:0;background:transparent;overflow:hidden">`
    + `<img id="i" src="${url}" width="${inner}" height="${inner}" `
    + `style="display:block;position:absolute;left:${offset}px;top:${offset}px"></body></html>`,
  );
  await page.locator('#i').evaluate((img) => img.decode());
  const png = await page.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
  return recompressPng(png);
}

// --- PNG: re-deflate the image data at level 9 (Chromium writes fast, large PNGs) ---

const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(buf) {
  let c = -1;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
/** Same pixels, smaller file: IDAT re-deflated at level 9, ancillary chunks dropped. */
export function recompressPng(png) {
  const SIGNATURE = png.subarray(0, 8);
  let pos = 8;
  let ihdr = null;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    const data = png.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') ihdr = data;
    else if (type === 'IDAT') idat.push(data);
    pos += 12 + len;
  }
  if (ihdr === null || idat.length === 0) throw new Error('not a PNG');
  const raw = inflateSync(Buffer.concat(idat));
  return Buffer.concat([SIGNATURE, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** Decodes an 8-bit RGBA or RGB, non-interlaced PNG (what Chromium writes) to RGBA pixels. */
export function decodePng(png) {
  let pos = 8;
  let ihdr = null;
  const idat = [];
  while (pos < png.length) {
    const len = png.readUInt32BE(pos);
    const type = png.toString('latin1', pos + 4, pos + 8);
    if (type === 'IHDR') ihdr = png.subarray(pos + 8, pos + 8 + len);
    else if (type === 'IDAT') idat.push(png.subarray(pos + 8, pos + 8 + len));
    pos += 12 + len;
  }
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const [depth, colorType, , , interlace] = ihdr.subarray(8, 13);
  if (depth !== 8 || (colorType !== 6 && colorType !== 2) || interlace !== 0) throw new Error(`unsupported PNG (depth ${depth}, color type ${colorType}, interlace ${interlace})`);
  const channels = colorType === 6 ? 4 : 3;
  const stride = width * channels;
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = pixels.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? pixels.subarray((y - 1) * stride, y * stride) : Buffer.alloc(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? out[i - channels] : 0;
      const b = prev[i];
      const c = i >= channels ? prev[i - channels] : 0;
      let pred = 0;
      if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      out[i] = (line[i] + pred) & 0xff;
    }
  }
  if (channels === 4) return { width, height, rgba: pixels };
  const rgba = Buffer.alloc(width * height * 4, 255);
  for (let i = 0; i < width * height; i++) pixels.copy(rgba, i * 4, i * 3, i * 3 + 3);
  return { width, height, rgba };
}

/**
 * An icon image as a 32-bit BMP (DIB) entry: BITMAPINFOHEADER (height doubled), BGRA rows
 * bottom-up, then the 1-bit AND mask (set where fully transparent).
 */
export function dibFromPng(png) {
  const { width, height, rgba } = decodePng(png);
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8);
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const colors = Buffer.alloc(width * height * 4);
  const mask = Buffer.alloc(maskStride * height);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y;
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const d = (row * width + x) * 4;
      colors[d] = rgba[s + 2];
      colors[d + 1] = rgba[s + 1];
      colors[d + 2] = rgba[s];
      colors[d + 3] = rgba[s + 3];
      if (rgba[s + 3] === 0) mask[row * maskStride + (x >> 3)] |= 0x80 >> (x & 7);
    }
  }
  return Buffer.concat([header, colors, mask]);
}

// --- containers ---

/**
 * A .ico in the layout every Windows tool reads (NSIS, rcedit, Explorer): 32-bit BMP
 * images below 256 px, a PNG image at 256 px.
 */
export function buildIco(images) {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  const datas = images.map(({ size, png }) => (size >= 256 ? png : dibFromPng(png)));
  images.forEach(({ size }, i) => {
    const data = datas[i];
    const e = 6 + 16 * i;
    header.writeUInt8(size >= 256 ? 0 : size, e); // 0 means 256
    header.writeUInt8(size >= 256 ? 0 : size, e + 1);
    header.writeUInt8(0, e + 2); // palette
    header.writeUInt8(0, e + 3);
    header.writeUInt16LE(1, e + 4); // planes
    header.writeUInt16LE(32, e + 6); // bits per pixel
    header.writeUInt32LE(data.length, e + 8);
    header.writeUInt32LE(offset, e + 12);
    offset += data.length;
  });
  return Buffer.concat([header, ...datas]);
}

/** An .icns of PNG entries: 'icns', total length, then type + length + data per entry. */
export function buildIcns(entries) {
  const parts = entries.map(({ type, png }) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(8 + png.length, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

async function main() {
  const previewAt = process.argv.indexOf('--preview');
  const preview = previewAt > 0 ? process.argv[previewAt + 1] : undefined;
  const executablePath = findChromium();
  if (executablePath === null) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ deviceScaleFactor: 1 });
    mkdirSync(join(OUT, 'png'), { recursive: true });

    const plain = new Map();
    for (const size of LINUX_SIZES) {
      const png = await render(page, size);
      plain.set(size, png);
      writeFileSync(join(OUT, 'png', `${size}x${size}.png`), png);
    }
    writeFileSync(join(OUT, 'icon.ico'), buildIco(ICO_SIZES.map((size) => ({ size, png: plain.get(size) }))));

    const mac = new Map();
    for (const [, size] of ICNS_ENTRIES) if (!mac.has(size)) mac.set(size, await render(page, size, MAC_SCALE));
    writeFileSync(join(OUT, 'icon.icns'), buildIcns(ICNS_ENTRIES.map(([type, size]) => ({ type, png: mac.get(size) }))));

    if (preview) {
      // Every size at 1:1 on a light and a dark strip, plus the macOS 512: to look at.
      const img = (png, size) => `<img src="data:image/png;base64,${png.toString('base64')}" width="${size}" height="${size}">`;
      const row = [...plain].filter(([s]) => s <= 256).map(([s, png]) => img(png, s)).join(' ');
      const html = `<body style="margin:0;font:12px sans-serif">
        <div style="background:#f4f4f5;padding:12px;display:flex;gap:12px;align-items:end">${row}</div>
        <div style="background:#18181b;padding:12px;display:flex;gap:12px;align-items:end">${row}</div>
        <div style="background:#e5e7eb;padding:12px;display:flex;gap:12px;align-items:end">${img(mac.get(512), 256)} ${img(plain.get(1024), 256)}</div></body>`;
      await page.setViewportSize({ width: 1100, height: 760 });
      await page.setContent(html);
      await page.screenshot({ path: preview, fullPage: true });
    }
  } finally {
    await browser.close();
  }
  console.log(`Icons written to ${OUT}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
