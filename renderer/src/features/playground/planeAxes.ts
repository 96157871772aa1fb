/**
 * The plane's frame: border, a few round ticks on each axis with numbers written the UI
 * language's way, and the axis names (x₁ under the plot and x₂ along its left side, or the
 * caller's: z₁ z₂ on an autoencoder's code plane).
 */
import { rgbCss, type PlanePalette } from './palette';
import { niceTicks, planeToPixel, type PlaneBounds, type PlotArea } from './planeCoords';

export type FormatNumber = (value: number, digits: number) => string;

export function drawAxes(
  ctx: CanvasRenderingContext2D, area: PlotArea, b: PlaneBounds, side: number, palette: PlanePalette, format: FormatNumber,
  names: readonly [string, string] = ['x₁', 'x₂'],
): void {
  ctx.strokeStyle = rgbCss(palette.border);
  ctx.lineWidth = 1;
  ctx.strokeRect(area.left - 0.5, area.top - 0.5, area.width + 1, area.height + 1);
  ctx.fillStyle = rgbCss(palette.muted);
  ctx.font = '11px system-ui, sans-serif';
  const count = area.width < 260 ? 3 : 6;
  const xs = niceTicks(b.xMin, b.xMax, count);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of xs.values) {
    const { px } = planeToPixel(area, b, v, 0);
    ctx.fillRect(px - 0.5, area.top + area.height, 1, 4);
    ctx.fillText(format(v, xs.digits), px, area.top + area.height + 6);
  }
  const ys = niceTicks(b.yMin, b.yMax, count);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of ys.values) {
    const { py } = planeToPixel(area, b, 0, v);
    ctx.fillRect(area.left - 4, py - 0.5, 4, 1);
    ctx.fillText(format(v, ys.digits), area.left - 6, py);
  }
  ctx.fillStyle = rgbCss(palette.text);
  ctx.font = 'italic 13px system-ui, sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'bottom';
  ctx.fillText(names[0], area.left + area.width / 2, side - 2);
  ctx.save();
  ctx.translate(12, area.top + area.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(names[1], 0, 0);
  ctx.restore();
}
