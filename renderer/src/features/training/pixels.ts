/**
 * Test images arrive as base64 of 28×28 grey bytes (0 = background, 255 = ink). They are
 * drawn in the theme's text colour on a transparent background, so a digit looks like
 * ink in both the light and the dark theme.
 */
import type { Rgb } from './colors';

export const IMAGE_SIDE = 28;
export const IMAGE_BYTES = IMAGE_SIDE * IMAGE_SIDE;

/** The bytes of a base64 image; throws on anything that is not 784 bytes of base64. */
export function decodePixels(base64: string): Uint8Array {
  let binary: string;
  try {
    binary = atob(base64);
  } catch {
    throw new Error('The image data is not valid base64.');
  }
  if (binary.length !== IMAGE_BYTES) throw new Error(`An image must have ${IMAGE_BYTES} pixels (got ${binary.length}).`);
  const out = new Uint8Array(IMAGE_BYTES);
  for (let i = 0; i < IMAGE_BYTES; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** RGBA for an ImageData: every pixel in `ink`, its grey value as the opacity. */
export function pixelsToRgba(grey: Uint8Array, ink: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(grey.length * 4);
  for (let i = 0; i < grey.length; i++) {
    out[i * 4] = ink[0];
    out[i * 4 + 1] = ink[1];
    out[i * 4 + 2] = ink[2];
    out[i * 4 + 3] = grey[i]!;
  }
  return out;
}
