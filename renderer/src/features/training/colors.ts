/**
 * The theme's colours as the charts and image canvases need them: read from the CSS
 * variables of styles/theme.css (the only source of colours), re-read when the theme
 * changes (App sets `data-theme` on <html>).
 */
export type Rgb = readonly [number, number, number];

/** A computed CSS colour ("rgb(1, 2, 3)", "rgba(…)", "#abc", "#aabbcc") as RGB; null if unreadable. */
export function parseCssColor(value: string): Rgb | null {
  const s = value.trim();
  const rgb = /^rgba?\(\s*(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)[\s,]+(\d+(?:\.\d+)?)/i.exec(s);
  if (rgb) return [Math.round(Number(rgb[1])), Math.round(Number(rgb[2])), Math.round(Number(rgb[3]))];
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (!hex) return null;
  const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

/** `color` at opacity `alpha` (as rgba()); the colour as is when it cannot be read. */
export function withAlpha(color: string, alpha: number): string {
  const rgb = parseCssColor(color);
  return rgb ? `rgba(${rgb[0]}, ${rgb[1]}, ${rgb[2]}, ${alpha})` : color;
}

export interface ThemeColors {
  text: string;
  muted: string;
  border: string;
  surface: string;
  series: [string, string, string, string];
}

/** The current theme's colours (light-theme values when a variable is missing, e.g. in tests). */
export function readThemeColors(root: Element = document.documentElement): ThemeColors {
  const style = getComputedStyle(root);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: v('--text', '#172033'),
    muted: v('--text-muted', '#5a6478'),
    border: v('--border', '#d5dbe6'),
    surface: v('--surface', '#ffffff'),
    series: [v('--chart-1', '#4f46e5'), v('--chart-2', '#db2777'), v('--chart-3', '#0891b2'), v('--chart-4', '#ca8a04')],
  };
}

/** Calls `listener` whenever the theme shown changes; returns the unsubscribe function. */
export function onThemeChange(listener: () => void, root: Element = document.documentElement): () => void {
  if (typeof MutationObserver === 'undefined') return () => {};
  const observer = new MutationObserver(() => listener());
  observer.observe(root, { attributes: true, attributeFilter: ['data-theme', 'class'] });
  return () => observer.disconnect();
}
