/** What a student does with the mouse, shared by the e2e tests: draw a digit, pick a point of the code space. */
import type { Locator, Page } from 'playwright-core';

/** Draws a "7" on the pad: a bar across the top, then a stroke down to the bottom left. */
export async function drawSeven(page: Page, pad: Locator): Promise<void> {
  const box = (await pad.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height * 0.25);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(box.x + box.width * (0.3 + 0.05 * i), box.y + box.height * 0.25);
  for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + box.width * (0.7 - 0.025 * i), box.y + box.height * (0.25 + 0.055 * i));
  await page.mouse.up();
}

/** Clicks the code space's scatter at spots around its middle until a point is picked (the points are where the codes put them). */
export async function clickAPoint(page: Page): Promise<void> {
  const box = (await page.getByTestId('code-scatter').boundingBox())!;
  for (const [fx, fy] of [[0.5, 0.5], [0.45, 0.5], [0.55, 0.5], [0.5, 0.45], [0.5, 0.55], [0.4, 0.4], [0.6, 0.6], [0.4, 0.6], [0.6, 0.4], [0.3, 0.5], [0.7, 0.5]]) {
    await page.mouse.click(box.x + fx! * box.width, box.y + fy! * box.height);
    if (await page.getByTestId('codes-picked').count()) return;
  }
  throw new Error('no point under any of the clicks');
}
