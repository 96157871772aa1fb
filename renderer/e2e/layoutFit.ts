/**
 * The in-page check that a screen fits its window: it runs inside Chromium (passed to
 * `page.evaluate`), so it uses only the DOM and returns plain strings, one per problem.
 *
 * A screen fits when the page does not scroll sideways, no visible element reaches past
 * the window's right edge, no element is cut off sideways by an ancestor that hides its
 * overflow, no panel scrolls sideways, and no text is cut off inside its own box.
 * Vertical scrolling inside a panel is fine.
 *
 * The e2e tests compile without the DOM's types (they run in Node): the few DOM shapes
 * used here are declared below.
 */
interface Box { left: number; right: number; width: number; height: number }
interface Elem {
  tagName: string; id: string; className: unknown; namespaceURI: string | null; textContent: string | null;
  parentElement: Elem | null; childNodes: ArrayLike<{ nodeType: number; textContent: string | null }>;
  scrollWidth: number; clientWidth: number; scrollHeight: number; clientHeight: number; scrollTop: number;
  getBoundingClientRect(): Box; closest(selector: string): Elem | null; querySelectorAll(selector: string): ArrayLike<Elem>;
}
interface Style { visibility: string; display: string; clip: string; clipPath: string; overflowX: string }
interface PageWindow {
  innerWidth: number;
  document: { documentElement: Elem; body: Elem; querySelectorAll(selector: string): ArrayLike<Elem> };
  getComputedStyle(el: Elem): Style;
  requestAnimationFrame(callback: () => void): number;
}

/** In the page: resolves after two frames, once a resize or a new language has been laid out and drawn. */
export function afterLayout(): Promise<void> {
  const page = globalThis as unknown as PageWindow;
  return new Promise((done) => page.requestAnimationFrame(() => page.requestAnimationFrame(done)));
}

/**
 * In the page: whether the drawing pad's ink, in the middle of the pad (where the test draws
 * its stroke), is the colour the pad's CSS asks for (the theme's text colour).
 */
export function padInkMatchesTheme(): { ink: number[]; wanted: string } {
  const page = globalThis as unknown as PageWindow & { document: { querySelector(s: string): unknown } };
  const canvas = page.document.querySelector('#panel-test canvas.pad') as {
    width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } };
  } & Elem;
  const data = canvas.getContext('2d').getImageData(Math.floor(canvas.width / 2), Math.floor(canvas.height / 2), 1, 1).data;
  return { ink: Array.from(data), wanted: (page.getComputedStyle(canvas) as Style & { color: string }).color };
}

/** In the page: every panel that scrolls, to its end (what is below the fold must fit too). */
export function scrollEverythingToEnd(): void {
  const page = globalThis as unknown as PageWindow;
  for (const el of Array.from(page.document.querySelectorAll('*'))) if (el.scrollHeight > el.clientHeight + 1) el.scrollTop = el.scrollHeight;
}

export function layoutProblems(): string[] {
  const page = globalThis as unknown as PageWindow;
  const { document } = page;
  const width = page.innerWidth;
  const problems: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > width) problems.push(`the page scrolls sideways: ${root.scrollWidth} > ${width}`);

  const name = (el: Elem): string => {
    const id = el.id ? `#${el.id}` : '';
    const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `<${el.tagName.toLowerCase()}${id}${cls}> "${text}"`;
  };
  /** Screen-reader-only text is clipped on purpose. */
  const deliberatelyHidden = (el: Elem, style: Style): boolean =>
    (style.clip !== 'auto' && style.clip !== '') || style.clipPath !== 'none' || el.closest('.visually-hidden') !== null;
  const TEXT_NODE = 3;
  const hasOwnText = (el: Elem): boolean =>
    Array.from(el.childNodes).some((n) => n.nodeType === TEXT_NODE && (n.textContent ?? '').trim() !== '');
  // An SVG's parts are checked as the whole <svg>.
  const insideSvg = (el: Elem): boolean => el.namespaceURI === 'http://www.w3.org/2000/svg' && el.tagName.toLowerCase() !== 'svg';

  // Only the outermost element past the edge is named, not each of its children.
  const pastEdge = new Set<Elem>();
  for (const el of Array.from(document.querySelectorAll('body *'))) {
    if (insideSvg(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) continue;
    const style = page.getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'contents' || deliberatelyHidden(el, style)) continue;

    if (rect.right > width + 1) {
      if (!el.parentElement || !pastEdge.has(el.parentElement)) problems.push(`${name(el)} reaches past the right edge: ${Math.round(rect.right)} > ${width}`);
      pastEdge.add(el);
    }

    const overflowX = style.overflowX;
    if (overflowX === 'auto' || overflowX === 'scroll') {
      if (el.scrollWidth > el.clientWidth + 1) {
        const edge = rect.left + el.clientWidth;
        const widest = Array.from(el.querySelectorAll('*')).filter((c) => c.getBoundingClientRect().right > edge + 1).at(-1);
        problems.push(`${name(el)} scrolls sideways: ${el.scrollWidth} > ${el.clientWidth}${widest ? `, because of ${name(widest)}` : ''}`);
      }
    } else if ((overflowX === 'hidden' || overflowX === 'clip') && hasOwnText(el) && el.scrollWidth > el.clientWidth + 1) {
      problems.push(`${name(el)} cuts its text off: ${el.scrollWidth} > ${el.clientWidth}`);
    }

    // The nearest ancestor that does not let its content show past its box decides.
    for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) {
      const clip = page.getComputedStyle(up).overflowX;
      if (clip === 'visible') continue;
      const box = up.getBoundingClientRect();
      if ((clip === 'hidden' || clip === 'clip') && (rect.right > box.right + 1 || rect.left < box.left - 1)) {
        problems.push(`${name(el)} is cut off by ${name(up)}: ${Math.round(rect.left)}–${Math.round(rect.right)} outside ${Math.round(box.left)}–${Math.round(box.right)}`);
      }
      break;
    }
  }
  return problems;
}
