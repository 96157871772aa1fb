/**
 * Colours of the 2-D playground. Classes use the Okabe–Ito palette (told apart with the
 * common colour-vision deficiencies), in an order where the first two — the binary
 * case, by far the most frequent — are the most distinct pair (blue / orange). The dark
 * theme gets lighter variants of the same hues so that points stay visible on a dark
 * surface. Backgrounds and text come from the theme's CSS variables (training/colors.ts).
 */
import { parseCssColor, readThemeColors, type Rgb } from '../training/colors';

export type { Rgb };
export type ThemeName = 'light' | 'dark';

/** The most classes the playground shows (one colour each). */
export const MAX_CLASSES = 6;

const CLASS_COLORS: Record<ThemeName, readonly Rgb[]> = {
  // Okabe–Ito: blue, orange, bluish green, reddish purple, vermillion, sky blue.
  light: [
    [0, 114, 178],
    [230, 159, 0],
    [0, 158, 115],
    [204, 121, 167],
    [213, 94, 0],
    [86, 180, 233],
    // Beyond the playground's six, for the ten digits of MNIST (Draw & test's decoder map): purple, grey, brown, magenta.
    [117, 94, 220],
    [96, 96, 96],
    [140, 90, 40],
    [200, 30, 110],
  ],
  // Same hues, lifted so that they read on #171e30 (the dark surface).
  dark: [
    [74, 163, 230],
    [240, 176, 40],
    [40, 196, 150],
    [222, 145, 190],
    [240, 120, 50],
    [150, 212, 245],
    [175, 155, 255],
    [185, 185, 185],
    [205, 155, 105],
    [250, 100, 170],
  ],
};

export function classColors(theme: ThemeName): readonly Rgb[] {
  return CLASS_COLORS[theme];
}

export function classColor(theme: ThemeName, index: number): Rgb {
  const colors = CLASS_COLORS[theme];
  return colors[((index % colors.length) + colors.length) % colors.length]!;
}

/**
 * Ten classes (the digits), for pictures with more classes than the playground's six:
 * Tableau 10, whose hues stay apart for most readers; lifted in the dark theme.
 */
const TEN_COLORS: Record<ThemeName, readonly Rgb[]> = {
  light: [[78, 121, 167], [242, 142, 43], [225, 87, 89], [118, 183, 178], [89, 161, 79], [237, 201, 72], [176, 122, 161], [255, 157, 167], [156, 117, 95], [120, 112, 108]],
  dark: [[120, 165, 215], [250, 165, 80], [240, 120, 120], [140, 210, 205], [120, 200, 110], [245, 215, 100], [205, 150, 195], [255, 180, 190], [200, 160, 135], [200, 195, 190]],
};

/** Class `index`'s colour among `classes`: the playground's for up to six, else one of ten. */
export function manyClassColor(theme: ThemeName, index: number, classes: number): Rgb {
  if (classes <= MAX_CLASSES) return classColor(theme, index);
  const colors = TEN_COLORS[theme];
  return colors[((index % colors.length) + colors.length) % colors.length]!;
}

export function rgbCss(c: Rgb, alpha = 1): string {
  return alpha >= 1 ? `rgb(${c[0]}, ${c[1]}, ${c[2]})` : `rgba(${c[0]}, ${c[1]}, ${c[2]}, ${alpha})`;
}

/** Everything the plane and the unit maps draw with, for one theme. */
export interface PlanePalette {
  theme: ThemeName;
  background: Rgb;
  text: Rgb;
  muted: Rgb;
  border: Rgb;
  classes: readonly Rgb[];
  /** Diverging scale ends (low / high); the middle is the background. */
  low: Rgb;
  high: Rgb;
}

const FALLBACK: Record<ThemeName, { background: Rgb; text: Rgb; muted: Rgb; border: Rgb }> = {
  light: { background: [255, 255, 255], text: [23, 32, 51], muted: [90, 100, 120], border: [213, 219, 230] },
  dark: { background: [23, 30, 48], text: [230, 234, 243], muted: [154, 165, 189], border: [48, 59, 87] },
};

export function planePalette(theme: ThemeName, read: boolean = typeof document !== 'undefined'): PlanePalette {
  const base = { ...FALLBACK[theme] };
  if (read) {
    const css = readThemeColors();
    base.background = parseCssColor(css.surface) ?? base.background;
    base.text = parseCssColor(css.text) ?? base.text;
    base.muted = parseCssColor(css.muted) ?? base.muted;
    base.border = parseCssColor(css.border) ?? base.border;
  }
  const classes = classColors(theme);
  // Blue for low and vermillion for high: a colour-blind-safe diverging pair.
  return { theme, ...base, classes, low: classes[0]!, high: classes[4]! };
}
