/**
 * The hover card's host: a shadow root (WXT createShadowRootUi) added to the
 * document element on first use — never inside the page's content — holding
 * the PriceCard for one coin, placed next to the mention and inside the
 * viewport. It knows nothing about prices: the card's content does.
 */
import type { ShadowRootContentScriptUi } from 'wxt/utils/content-script-ui/shadow-root';
import { mountOverlay } from '../overlay/overlay-host';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { CardCoin, CoinRef } from '@/utils/model/coin';
import { OVERLAY_BASE_CSS } from '../overlay/overlay-css';
import frameCss from './card-host.css?inline';
// The card's own styles, with the frame's, in the stylesheet WXT puts in the shadow root: that one applies
// under any page CSP in both browsers (a <style> Preact renders does not in Firefox).
import cardCss from '@/components/price-card/price-card.css?inline';
import { placeCard } from './placement';
import { loadChunk } from '../chunks';

export const CARD_HOST_NAME = 'token-insight-card';

export interface CardHostEvents {
  onPointerEnter(): void;
  onPointerLeave(): void;
  onEscape(): void;
  /** The reader picked another coin of the same ticker on the card ("Also: …"): remembered for this page. */
  onChoose?(symbol: string, coinId: string): void;
}

export class CardHost {
  private ui: ShadowRootContentScriptUi<void> | null = null;
  private creating: Promise<ShadowRootContentScriptUi<void>> | null = null;
  private container: HTMLElement | null = null;
  private coin: CoinRef | null = null;
  private generation = 0;
  /** The rendering (Preact), loaded with the first card. */
  private view: Awaited<ReturnType<typeof loadChunk<'card'>>> | null = null;

  constructor(
    private ctx: ContentScriptContext,
    private events: CardHostEvents,
  ) {}

  get openCoin(): CoinRef | null {
    return this.coin;
  }

  /** The shadow host element, once created. */
  get hostElement(): HTMLElement | null {
    return this.ui?.shadowHost ?? null;
  }

  /** True when the event happened inside the card. */
  containsEvent(e: Event): boolean {
    const host = this.hostElement;
    return !!host && e.composedPath().includes(host);
  }

  private async mount(): Promise<ShadowRootContentScriptUi<void>> {
    if (this.ui) return this.ui;
    this.creating ??= mountOverlay(this.ctx, {
      name: CARD_HOST_NAME,
      css: OVERLAY_BASE_CSS + frameCss + cardCss,
      onMount: (container) => {
        this.container = container;
        container.addEventListener('pointerenter', () => this.events.onPointerEnter());
        container.addEventListener('pointerleave', () => this.events.onPointerLeave());
        container.addEventListener('keydown', (e) => {
          if (e.key === 'Escape') this.events.onEscape();
        });
      },
      onRemove: () => {
        if (this.container) this.view?.clearCard(this.container);
        this.container = null;
      },
    }).then((ui) => (this.ui = ui));
    return this.creating;
  }

  /** Shows the card for `coin` next to `anchor` (a box in viewport coordinates). */
  async open(coin: CardCoin, anchor: DOMRect, dark: boolean): Promise<void> {
    const generation = ++this.generation;
    this.coin = coin;
    const [view] = await Promise.all([(this.view ??= await loadChunk('card')), this.mount()]);
    const container = this.container;
    if (!container || generation !== this.generation) return;
    container.style.visibility = 'hidden';
    container.style.left = '0px';
    container.style.top = '0px';
    view.renderCard(container, coin, dark, (chosen) => {
      this.coin = chosen;
      this.events.onChoose?.(chosen.symbol, chosen.coinId);
    });
    this.position(anchor);
    // The card's content may change size once its data arrives: keep it in view.
    const frame = container.firstElementChild;
    if (frame && typeof ResizeObserver === 'function') {
      const ro = new ResizeObserver(() => {
        if (generation !== this.generation || !this.coin) return ro.disconnect();
        this.position(anchor);
      });
      ro.observe(frame);
    }
  }

  private position(anchor: DOMRect): void {
    const container = this.container;
    const frame = container?.firstElementChild as HTMLElement | null;
    if (!container || !frame) return;
    const size = frame.getBoundingClientRect();
    const place = placeCard(
      { left: anchor.left, top: anchor.top, width: anchor.width, height: anchor.height },
      { width: size.width, height: size.height },
      { width: document.documentElement.clientWidth || window.innerWidth, height: window.innerHeight },
    );
    container.style.left = `${Math.round(place.left)}px`;
    container.style.top = `${Math.round(place.top)}px`;
    container.dataset.side = place.side;
    container.style.visibility = 'visible';
  }

  close(): void {
    this.generation++;
    this.coin = null;
    if (this.container) {
      this.view?.clearCard(this.container);
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
