/**
 * When the hover card opens and closes:
 * - the pointer rests on a mention for HOVER_DELAY_MS → its card opens;
 * - the pointer may travel from the mention into the card (CLOSE_DELAY_MS of grace);
 * - leaving both, Escape, or scrolling closes it;
 * - keyboard: selecting a ticker (or a short passage with one coin in it, by
 *   keyboard or mouse) opens that coin's card; clearing the selection closes it.
 * Listeners are passive and never steal focus or the selection. Only the
 * user opens a card: pointer and key events a page script dispatches
 * (`isTrusted` false) are ignored, and a selection opens one only shortly
 * after trusted input (a page selecting a ticker by script opens nothing).
 */
import type { CardCoin } from '@/utils/model/coin';
import type { CardHost } from './card-host';
import { looksDark } from '../overlay/looks-dark';
import { boxAtPoint, mentionAtPoint, mentionsInRange, rangeOf } from '../mentions/hit-test';
import type { MentionIndex, PageMention } from '../mentions/mention-index';
import { TRUSTED_INPUT_WINDOW_MS } from '../selection-badge/selection-watcher';

export const HOVER_DELAY_MS = 300;
export const CLOSE_DELAY_MS = 300;
/** Selections longer than this are for counting tokens, not for one coin's card. */
export const SELECTION_MAX_CHARS = 80;

export interface HoverOptions {
  index: MentionIndex;
  card: CardHost;
  coinFor(m: PageMention): CardCoin;
}

export class HoverController {
  private x = -1;
  private y = -1;
  private frame = 0;
  private pending: PageMention | null = null;
  private openTimer: ReturnType<typeof setTimeout> | null = null;
  private closeTimer: ReturnType<typeof setTimeout> | null = null;
  private selectionTimer: ReturnType<typeof setTimeout> | null = null;
  private current: PageMention | null = null;
  private openedBy: 'pointer' | 'selection' | null = null;
  private inCard = false;
  /** When the user last pressed a key or a pointer button (trusted events only). */
  private lastTrustedInput = -Infinity;
  private abort = new AbortController();

  constructor(private opts: HoverOptions) {}

  start(): void {
    const signal = this.abort.signal;
    const passive = { capture: true, passive: true, signal };
    const input = (e: Event) => {
      if (e.isTrusted) this.lastTrustedInput = performance.now();
    };
    document.addEventListener('pointerup', input, passive);
    document.addEventListener('keyup', input, passive);
    document.addEventListener('pointermove', (e) => e.isTrusted && this.onPointerMove(e), passive);
    document.addEventListener('pointerdown', (e) => {
      input(e);
      if (e.isTrusted) this.onPointerDown(e);
    }, passive);
    document.addEventListener('scroll', (e) => this.onScroll(e), passive);
    window.addEventListener('resize', () => this.close(), { passive: true, signal });
    window.addEventListener('blur', () => this.close(), { signal });
    document.addEventListener('keydown', (e) => {
      input(e);
      if (e.isTrusted) this.onKeyDown(e);
    }, { capture: true, signal });
    document.addEventListener('selectionchange', () => this.onSelectionChange(), { signal });
    document.documentElement.addEventListener('pointerleave', (e) => e.isTrusted && this.onPointerOut(), passive);
  }

  stop(): void {
    this.abort.abort();
    this.close();
    if (this.frame) cancelAnimationFrame(this.frame);
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
  }

  /** Card host events. */
  pointerEnteredCard(): void {
    this.inCard = true;
    this.cancelClose();
  }

  pointerLeftCard(): void {
    this.inCard = false;
    this.scheduleClose();
  }

  close(): void {
    this.cancelOpen();
    this.cancelClose();
    this.current = null;
    this.openedBy = null;
    this.inCard = false;
    this.opts.card.close();
  }

  private onPointerMove(e: PointerEvent): void {
    if (this.opts.card.containsEvent(e)) {
      this.pointerEnteredCard();
      return;
    }
    this.inCard = false;
    this.x = e.clientX;
    this.y = e.clientY;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.check());
  }

  private onPointerOut(): void {
    this.cancelOpen();
    this.pending = null;
    if (this.openedBy === 'pointer' && !this.inCard) this.scheduleClose();
  }

  private onPointerDown(e: PointerEvent): void {
    // A click elsewhere dismisses the card; a click in it does not.
    if (this.current && !this.opts.card.containsEvent(e)) this.close();
  }

  private onScroll(e: Event): void {
    if (this.opts.card.containsEvent(e)) return;
    this.cancelOpen();
    this.pending = null;
    if (this.current) this.close();
  }

  private onKeyDown(e: KeyboardEvent): void {
    if (e.key === 'Escape' && (this.current || this.openTimer)) this.close();
  }

  private check(): void {
    this.frame = 0;
    const hit = mentionAtPoint(this.opts.index, this.x, this.y);
    if (hit) {
      if (hit.mention === this.current) {
        this.cancelClose();
        return;
      }
      if (hit.mention !== this.pending) {
        this.cancelOpen();
        this.pending = hit.mention;
        const { x, y } = this;
        this.openTimer = setTimeout(() => {
          this.openTimer = null;
          const m = this.pending;
          this.pending = null;
          if (!m) return;
          // Still there?
          const box = boxAtPoint(m, this.x, this.y) ?? boxAtPoint(m, x, y);
          if (box) this.open(m, box, 'pointer');
        }, HOVER_DELAY_MS);
      }
      return;
    }
    this.cancelOpen();
    this.pending = null;
    if (this.current && this.openedBy === 'pointer' && !this.inCard) this.scheduleClose();
  }

  /** Looks at the selection again (after a change, or once the page has been read: a ticker selected before then). */
  onSelectionChange(): void {
    if (this.selectionTimer) clearTimeout(this.selectionTimer);
    this.selectionTimer = setTimeout(() => {
      this.selectionTimer = null;
      this.fromSelection();
    }, HOVER_DELAY_MS);
  }

  private fromSelection(): void {
    const sel = document.getSelection();
    const range = sel && sel.rangeCount > 0 && !sel.isCollapsed ? sel.getRangeAt(0) : null;
    const text = range ? range.toString().trim() : '';
    if (!range || !text || text.length > SELECTION_MAX_CHARS) {
      if (this.openedBy === 'selection') this.close();
      return;
    }
    const found = mentionsInRange(this.opts.index, range);
    const coins = new Set(found.map((m) => m.coinId));
    const m = found[0];
    if (!m || coins.size !== 1) {
      if (this.openedBy === 'selection') this.close();
      return;
    }
    if (m === this.current) return;
    // A selection made by the page's script, with no user input just before, opens nothing.
    if (performance.now() - this.lastTrustedInput > TRUSTED_INPUT_WINDOW_MS + HOVER_DELAY_MS) return;
    const r = rangeOf(m);
    const box = r?.getClientRects()[0];
    if (box) this.open(m, box, 'selection');
  }

  private open(m: PageMention, box: DOMRect, by: 'pointer' | 'selection'): void {
    this.cancelClose();
    this.current = m;
    this.openedBy = by;
    const el = m.parts[0]?.node.parentElement ?? null;
    void this.opts.card.open(this.opts.coinFor(m), box, looksDark(el));
  }

  private scheduleClose(): void {
    if (this.closeTimer || !this.current) return;
    this.closeTimer = setTimeout(() => {
      this.closeTimer = null;
      if (!this.inCard) this.close();
    }, CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    if (this.closeTimer) clearTimeout(this.closeTimer);
    this.closeTimer = null;
  }

  private cancelOpen(): void {
    if (this.openTimer) clearTimeout(this.openTimer);
    this.openTimer = null;
  }
}
