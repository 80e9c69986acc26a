/**
 * The token badge's host: a shadow root (WXT createShadowRootUi) added at the
 * end of the document element, holding one TokenBadge in a fixed-position
 * frame placed next to the selection without covering it, and moved again
 * when the page scrolls or resizes. Pressing the mouse inside it never takes
 * the page's selection or focus away.
 */
import { render } from 'preact';
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { mountOverlay } from '../overlay/overlay-host';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { TokenBadge } from '@/components/token-badge/TokenBadge';
import type { Encoding } from '@/utils/tokens';
import { OVERLAY_BASE_CSS } from '../overlay/overlay-css';
import badgeCss from './badge-host.css?inline';
import { placeBadge, type Rect } from './badge-placement';

export const BADGE_HOST_NAME = 'token-insight-badge';

export interface BadgeView {
  state: Parameters<typeof TokenBadge>[0]['state'];
  encoding: Encoding;
  expanded: boolean;
  dark: boolean;
}

export interface BadgeHostEvents {
  onToggle(): void;
  onClose(): void;
  onRetry(): void;
  onCount(): void;
  onCopy(text: string): Promise<void>;
  onOpenView(): Promise<void>;
}

export class BadgeHost {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private container: HTMLElement | null = null;
  private anchor: (() => Rect[]) | null = null;
  private frame = 0;
  private resizeObserver: ResizeObserver | null = null;
  private stopFollowing: (() => void) | null = null;

  constructor(
    private ctx: ContentScriptContext,
    private events: BadgeHostEvents,
  ) {}

  get hostElement(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  get isOpen(): boolean {
    return this.anchor !== null;
  }

  containsEvent(e: Event): boolean {
    const host = this.hostElement;
    return !!host && e.composedPath().includes(host);
  }

  /** True while the keyboard focus is inside the badge. */
  hasFocus(): boolean {
    const host = this.hostElement;
    return !!host && document.activeElement === host;
  }

  private async mount(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.ui) return this.ui;
    this.creating ??= mountOverlay(this.ctx, {
      name: BADGE_HOST_NAME,
      css: OVERLAY_BASE_CSS + badgeCss,
      onMount: (container) => {
        this.container = container;
        // Pressing inside the badge must not move the page's focus or collapse its selection.
        container.addEventListener('mousedown', (e) => e.preventDefault());
        container.addEventListener('keydown', (e) => {
          if (e.key === 'Escape') this.events.onClose();
        });
      },
      onRemove: () => {
        if (this.container) render(null, this.container);
        this.container = null;
      },
    }).then((ui) => (this.ui = ui));
    return this.creating;
  }

  /**
   * Shows the badge next to a selection (`anchor` gives the selection's boxes
   * whenever asked), or with no anchor, updates the open badge.
   */
  async show(view: BadgeView, anchor?: () => Rect[]): Promise<void> {
    const firstShow = anchor !== undefined && this.anchor !== anchor;
    if (anchor) this.anchor = anchor;
    const current = this.anchor;
    if (!current) return;
    await this.mount();
    const container = this.container;
    if (!container || this.anchor !== current) return;
    const { state, encoding, expanded, dark } = view;
    render(
      <TokenBadge
        state={state}
        encoding={encoding}
        expanded={expanded}
        theme={dark ? 'dark' : 'light'}
        onToggle={this.events.onToggle}
        onClose={this.events.onClose}
        onRetry={this.events.onRetry}
        onCount={this.events.onCount}
        onCopy={this.events.onCopy}
        onOpenView={this.events.onOpenView}
      />,
      container,
    );
    if (firstShow) this.follow();
    this.position();
  }

  /** Moves focus into the badge (only on the user's explicit request). */
  focus(): void {
    (this.container?.querySelector('.ti-badge__count') as HTMLElement | null)?.focus();
  }

  private follow(): void {
    this.stopFollowing?.();
    const reposition = () => {
      cancelAnimationFrame(this.frame);
      this.frame = requestAnimationFrame(() => this.position());
    };
    window.addEventListener('scroll', reposition, { capture: true, passive: true });
    window.addEventListener('resize', reposition, { passive: true });
    const frame = this.container?.querySelector('.ti-badge');
    if (frame && typeof ResizeObserver === 'function') {
      this.resizeObserver = new ResizeObserver(reposition);
      this.resizeObserver.observe(frame);
    }
    this.stopFollowing = () => {
      window.removeEventListener('scroll', reposition, { capture: true });
      window.removeEventListener('resize', reposition);
      this.resizeObserver?.disconnect();
      this.resizeObserver = null;
      cancelAnimationFrame(this.frame);
    };
  }

  private position(): void {
    const container = this.container;
    const badge = container?.querySelector('.ti-badge');
    if (!container || !badge || !this.anchor) return;
    const viewport = { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight };
    const rects = this.anchor();
    // A selection scrolled out of view takes its badge with it.
    const visible =
      rects.length === 0 ||
      rects.some((r) => r.top + r.height > 0 && r.top < viewport.height && r.left + r.width > 0 && r.left < viewport.width);
    const size = badge.getBoundingClientRect();
    const place = placeBadge(rects, { width: size.width, height: size.height }, viewport);
    container.style.left = `${Math.round(place.left)}px`;
    container.style.top = `${Math.round(place.top)}px`;
    container.dataset.where = place.where;
    container.style.visibility = visible ? 'visible' : 'hidden';
  }

  close(): void {
    this.anchor = null;
    this.stopFollowing?.();
    this.stopFollowing = null;
    if (this.container) {
      render(null, this.container);
      this.container.style.visibility = 'hidden';
    }
  }

  dispose(): void {
    this.close();
    this.ui?.remove();
    this.ui = null;
    this.creating = null;
  }
}
