/**
 * The selection badge's behaviour on a page: a finished selection opens the
 * badge next to it and starts its count in the background; a newer selection
 * cancels the older count; Escape or a click elsewhere closes it. A
 * selection over AUTO_COUNT_MAX_CHARS opens the badge without counting: the
 * count starts on a click on it. Settings
 * decide whether selections open it by themselves (on/off, minimum length,
 * sites where it is off); the context menu and the keyboard shortcut open it
 * for the current selection in any case.
 */
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { badgeEncodingList } from '@/utils/tokens/encodings';
import { AUTO_COUNT_MAX_CHARS } from '@/utils/model/limits';
import { ProtocolError } from '@/utils/protocol/validate';
import { t } from '@/utils/i18n';
import type { PageSettings } from '@/utils/settings/page';
import type { Encoding } from '@/utils/tokens';
import { BadgeHost, type BadgeView } from './badge-host';
import { looksDark } from '../overlay/looks-dark';
import { copyText } from './copy-text';
import { openTokenView, STALLED, startCount, type CountJob } from './selection-counter';
import { readSelection, type SelectionSnapshot } from './selection-reader';

/** The badge's state as its observer sees it. */
export type BadgeStatus = BadgeView['state']['status'] | 'closed';

/** What the badge does, as it happens. */
export type BadgeEvent =
  /** A selection's text was read on the page's thread, in `ms`. */
  | { type: 'read'; ms: number }
  | { type: 'opened' }
  | { type: 'count-started'; requestId: string }
  | { type: 'progress' }
  | { type: 'counted' }
  /** An older count was cancelled (a newer selection, or the badge closed). */
  | { type: 'cancelled' }
  | { type: 'failed'; error: string }
  /** The token view of the selection was opened. */
  | { type: 'view-opened' }
  | { type: 'status'; status: BadgeStatus };

/** Told every BadgeEvent. The product attaches none; the e2e build's hooks count them (../e2e-hooks.ts). */
export type BadgeObserver = (event: BadgeEvent) => void;

/** Shortest time between two redraws of the progress bar (longer for huge selections, whose repaints cost most). */
export function progressRedrawMs(chars: number): number {
  return chars > 1_000_000 ? 1000 : 250;
}

/** What the badge counts: the default encoding first, then the other chosen encodings (setting `badgeEncodings`). */
export function encodingsFor(settings: Pick<PageSettings, 'defaultEncoding' | 'badgeEncodings'>): Encoding[] {
  return badgeEncodingList(settings.defaultEncoding, settings.badgeEncodings);
}

function errorMessage(error: unknown, ctx: ContentScriptContext): string {
  if (!ctx.isValid) return t('badge_errorReload');
  if (error instanceof ProtocolError && error.code === 'no-receiver') return t('badge_errorUnavailable');
  if (error instanceof Error && error.name === STALLED) return t('badge_errorTimeout');
  return t('badge_error');
}

export class SelectionBadge {
  private host: BadgeHost;
  private job: CountJob | null = null;
  private snapshot: SelectionSnapshot | null = null;
  private view: BadgeView | null = null;
  private restoreFocus: HTMLElement | null = null;
  /** Set by whoever wants to follow the badge's lifecycle (see BadgeObserver). */
  observer: BadgeObserver | null = null;

  constructor(
    private ctx: ContentScriptContext,
    private settings: () => PageSettings,
  ) {
    this.host = new BadgeHost(ctx, {
      onToggle: () => this.update({ expanded: !this.view?.expanded }),
      onClose: () => this.close(),
      onRetry: () => this.snapshot && this.open(this.snapshot),
      onCount: () => this.snapshot && this.open(this.snapshot),
      onCopy: copyText,
      onOpenView: () => this.openTokenView(),
    });
    const onPointerDown = (e: PointerEvent) => {
      if (e.isTrusted && this.host.isOpen && !this.host.containsEvent(e)) this.close();
    };
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.isTrusted && e.key === 'Escape' && this.host.isOpen) this.close();
    };
    ctx.addEventListener(window, 'pointerdown', onPointerDown, { capture: true, passive: true });
    ctx.addEventListener(window, 'keydown', onKeyDown, { capture: true, passive: true });
  }

  /** True when the event happened inside the badge (the selection watcher ignores those). */
  containsEvent(e: Event): boolean {
    return this.host.containsEvent(e);
  }

  /** True while the keyboard focus is in the badge (the page's selection is then left alone). */
  hasFocus(): boolean {
    return this.host.hasFocus();
  }

  private emit(event: BadgeEvent): void {
    this.observer?.(event);
  }

  /** A new snapshot's text (read here first, then cached), timed for an observer. */
  private readText(snapshot: SelectionSnapshot): string {
    if (!this.observer) return snapshot.text();
    const started = performance.now();
    const text = snapshot.text();
    this.emit({ type: 'read', ms: performance.now() - started });
    return text;
  }

  /** A finished selection (from the watcher in start.ts): opens the badge when it is long enough. */
  onSelection(snapshot: SelectionSnapshot): void {
    const text = this.readText(snapshot);
    if (text.trim().length < this.settings().minSelectionChars) {
      this.close();
      return;
    }
    if (text.length > AUTO_COUNT_MAX_CHARS) void this.offer(snapshot, text.length);
    else void this.open(snapshot);
  }

  /** Shows the badge for a long selection with "Count N characters": nothing is sent until it is clicked. */
  private async offer(snapshot: SelectionSnapshot, chars: number): Promise<void> {
    this.cancelJob();
    this.snapshot = snapshot;
    this.emit({ type: 'opened' });
    this.view = { state: { status: 'confirm', chars }, encoding: this.settings().defaultEncoding, expanded: false, dark: looksDark(snapshot.element) };
    this.emit({ type: 'status', status: 'confirm' });
    await this.host.show(this.view, () => snapshot.rects());
  }

  /**
   * Opens the badge for the current selection (context menu, shortcut).
   * When it is already open for this selection, moves the focus into it.
   */
  countCurrentSelection(): boolean {
    const snapshot = readSelection();
    if (!snapshot || this.readText(snapshot).trim() === '') return false;
    if (this.host.isOpen && this.snapshot?.key === snapshot.key) {
      this.restoreFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      this.host.focus();
      return true;
    }
    void this.open(snapshot);
    return true;
  }

  /** Shows the badge for `snapshot` and counts it, cancelling any older count. */
  async open(snapshot: SelectionSnapshot): Promise<void> {
    this.cancelJob();
    this.snapshot = snapshot;
    this.emit({ type: 'opened' });
    // Read at every count: a settings change applies to the next selection.
    const settings = this.settings();
    const encoding = settings.defaultEncoding;
    const dark = looksDark(snapshot.element);
    const anchor = () => snapshot.rects();
    this.view = { state: { status: 'counting', phase: 'reading', fraction: null }, encoding, expanded: false, dark };
    this.emit({ type: 'status', status: 'counting' });
    await this.host.show(this.view, anchor);
    if (this.snapshot !== snapshot) return;

    const text = snapshot.text();
    let lastRedraw = -Infinity;
    const redrawMs = progressRedrawMs(text.length);
    const job = startCount(text, encodingsFor(settings), {
      title: document.title,
      onProgress: (p) => {
        if (this.job !== job) return;
        this.emit({ type: 'progress' });
        // Every repaint costs the page a lot while a huge selection is highlighted: redraw progress
        // at most every progressRedrawMs(), or when the phase changes.
        const now = performance.now();
        const shown = this.view?.state;
        if (shown?.status === 'counting' && shown.phase === p.phase && now - lastRedraw < redrawMs) return;
        lastRedraw = now;
        this.update({ state: { status: 'counting', phase: p.phase, fraction: p.fraction } });
      },
    });
    this.job = job;
    this.emit({ type: 'count-started', requestId: job.requestId });
    try {
      const answer = await job.result;
      if (this.job !== job) return;
      this.job = null;
      this.emit({ type: 'counted' });
      this.update({ state: { status: 'done', result: answer } });
    } catch (error) {
      if (this.job !== job) return;
      this.job = null;
      // Still our current count: even "cancelled" came from the background (another frame's count, a restart),
      // so the badge says so and offers Retry rather than spinning.
      this.emit({ type: 'failed', error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
      this.update({ state: { status: 'error', message: errorMessage(error, this.ctx) } });
    }
  }

  /** Opens the token view of the badge's selection (its tab opens beside this one). */
  private async openTokenView(): Promise<void> {
    const snapshot = this.snapshot;
    if (!snapshot) throw new Error('No selection.');
    await openTokenView(snapshot.text(), document.title);
    this.emit({ type: 'view-opened' });
  }

  private update(change: Partial<BadgeView>): void {
    if (!this.view || !this.snapshot) return;
    this.view = { ...this.view, ...change };
    this.emit({ type: 'status', status: this.view.state.status });
    void this.host.show(this.view);
  }

  private cancelJob(): void {
    if (this.job) {
      this.job.cancel();
      this.emit({ type: 'cancelled' });
      this.job = null;
    }
  }

  close(): void {
    const hadFocus = this.host.hasFocus();
    this.cancelJob();
    this.snapshot = null;
    this.view = null;
    this.emit({ type: 'status', status: 'closed' });
    this.host.close();
    if (hadFocus && this.restoreFocus?.isConnected) this.restoreFocus.focus({ preventScroll: true });
    this.restoreFocus = null;
  }

  dispose(): void {
    this.close();
    this.host.dispose();
  }
}
