/**
 * The live count's host: a shadow root (overlay/overlay-host.ts: closed to
 * the page in the product, untrusted events stopped) holding one
 * LiveCounter, placed outside the prompt box's frame (live-placement.ts)
 * and moved again when the box moves or resizes (ResizeObserver), the page
 * scrolls (any scroller) or the window resizes, once per frame. It lets
 * every click through (pointer-events: none) and holds nothing focusable,
 * so it never takes the focus from the box.
 */
import { render } from 'preact';
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { LiveCounter, type LiveCounterState } from '@/components/live-count/LiveCounter';
import type { Encoding } from '@/utils/tokens/encodings';
import type { ContextModel } from '@/utils/tokens/llm-prices';
import { mountOverlay } from '../overlay/overlay-host';
import { OVERLAY_BASE_CSS } from '../overlay/overlay-css';
import { frameVisible, placeLiveCount, type LivePlacement, type Rect } from './live-placement';
import liveCss from './live-host.css?inline';

export const LIVE_HOST_NAME = 'token-insight-live';

export interface LiveView {
  state: LiveCounterState;
  encodings: readonly Encoding[];
  model: ContextModel;
  dark: boolean;
}

/** Most a composer around the box may add to it and still be its frame (the site's toolbar, its padding). */
const FRAME_EXTRA = { width: 160, height: 160 };

/**
 * The box's frame: the box, or the outermost of its next few ancestors that
 * holds it and is not much larger (a chat site's composer, with the buttons
 * under the text), so the count goes outside all of it.
 */
export function frameOf(box: Element): Rect {
  const r = box.getBoundingClientRect();
  let frame: Rect = r;
  let el = box.parentElement;
  for (let i = 0; i < 4 && el && el !== document.body && el !== document.documentElement; i++, el = el.parentElement) {
    const p = el.getBoundingClientRect();
    const holds = p.left <= r.left + 1 && p.top <= r.top + 1 && p.right >= r.right - 1 && p.bottom >= r.bottom - 1;
    if (!holds || p.width - r.width > FRAME_EXTRA.width || p.height - r.height > FRAME_EXTRA.height) break;
    frame = p;
  }
  return frame;
}

export class LiveHost {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private container: HTMLElement | null = null;
  private box: Element | null = null;
  private frame = 0;
  private stopFollowing: (() => void) | null = null;
  /** Where it was last placed (tests). */
  placement: LivePlacement | null = null;
  /** The longest a render or a placing took, in ms (tests: the live count's share of the page's thread). */
  longestWorkMs = 0;

  constructor(private readonly ctx: ContentScriptContext) {}

  get hostElement(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  private mount(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.ui) return Promise.resolve(this.ui);
    this.creating ??= mountOverlay(this.ctx, {
      name: LIVE_HOST_NAME,
      css: OVERLAY_BASE_CSS + liveCss,
      onMount: (container) => {
        container.style.pointerEvents = 'none';
        this.container = container;
      },
      onRemove: () => {
        if (this.container) render(null, this.container);
        this.container = null;
      },
    }).then((ui) => (this.ui = ui));
    return this.creating;
  }

  /** Shows (or updates) the count under `box`. */
  async show(box: Element, view: LiveView): Promise<void> {
    const first = this.box !== box;
    this.box = box;
    await this.mount();
    const container = this.container;
    if (!container || this.box !== box) return;
    const start = performance.now();
    render(<LiveCounter state={view.state} encodings={view.encodings} model={view.model} theme={view.dark ? 'dark' : 'light'} />, container);
    // Placed once here; then only when something moves or resizes (the counter itself included), never per
    // keystroke: measuring forces the page's layout, which a box holding 100 KB makes costly.
    if (first) {
      this.follow(container);
      this.position();
    }
    this.longestWorkMs = Math.max(this.longestWorkMs, performance.now() - start);
  }

  private follow(container: HTMLElement): void {
    this.stopFollowing?.();
    const box = this.box!;
    const reposition = () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.position());
    };
    window.addEventListener('scroll', reposition, { capture: true, passive: true });
    window.addEventListener('resize', reposition, { passive: true });
    const observer = new ResizeObserver(reposition);
    observer.observe(box);
    const counter = container.firstElementChild;
    if (counter) observer.observe(counter);
    this.stopFollowing = () => {
      window.removeEventListener('scroll', reposition, { capture: true });
      window.removeEventListener('resize', reposition);
      observer.disconnect();
      cancelAnimationFrame(this.frame);
    };
  }

  /** Places the count outside the box's frame, or hides it while the box is out of view or gone. */
  position(): void {
    const start = performance.now();
    this.place();
    this.longestWorkMs = Math.max(this.longestWorkMs, performance.now() - start);
  }

  private place(): void {
    const container = this.container;
    const counter = container?.firstElementChild;
    const box = this.box;
    if (!container || !counter || !box) return;
    const viewport = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
    const frame = frameOf(box);
    const size = counter.getBoundingClientRect();
    const place = placeLiveCount(frame, { width: size.width, height: size.height }, viewport);
    this.placement = place;
    container.style.left = `${Math.round(place.left)}px`;
    container.style.top = `${Math.round(place.top)}px`;
    container.dataset.where = place.where;
    container.style.visibility = box.isConnected && frameVisible(frame, viewport) ? 'visible' : 'hidden';
  }

  hide(): void {
    this.box = null;
    this.placement = null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (this.container) {
      render(null, this.container);
      this.container.style.visibility = 'hidden';
    }
  }

  dispose(): void {
    this.hide();
    this.ui?.remove();
    this.ui = null;
    this.creating = null;
  }
}
