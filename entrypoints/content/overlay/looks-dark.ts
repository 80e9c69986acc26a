/**
 * Whether the page around an element is dark, so the in-page UI (the price
 * card, the token badge) can match it: the first opaque background up the
 * tree decides by its luminance; with none, the page's colour scheme does.
 */
export function looksDark(el: Element | null): boolean {
  for (let e = el; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    const m = /rgba?\(([\d.]+)[, ]+([\d.]+)[, ]+([\d.]+)(?:[,/ ]+([\d.]+))?/.exec(bg);
    if (!m) continue;
    const alpha = m[4] === undefined ? 1 : Number(m[4]);
    if (alpha < 0.5) continue;
    const [r, g, b] = [m[1], m[2], m[3]].map((v) => Number(v) / 255) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.45;
  }
  return typeof matchMedia === 'function' && getComputedStyle(document.documentElement).colorScheme.includes('dark')
    ? matchMedia('(prefers-color-scheme: dark)').matches
    : false;
}
