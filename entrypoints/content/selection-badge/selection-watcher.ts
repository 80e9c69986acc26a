/**
 * Tells when the user has finished selecting: on mouse up, after keys that
 * change a selection (Shift+arrows, Ctrl/Cmd+A, …), and after the page's
 * `selectionchange` settles while no button is held. Reports a selection
 * once per distinct selection, and when it is gone. Only listens; never
 * touches the selection or the focus.
 *
 * Only the user starts a report: events a page script dispatches
 * (`isTrusted` false) are ignored, and a `selectionchange` counts only
 * shortly after trusted input that can select (a press, a release, a
 * selecting key), so a page selecting text by script opens nothing.
 */
import { readSelection, type SelectionSnapshot } from './selection-reader';

export interface SelectionWatcherEvents {
  /** A new selection ended. */
  onSelection(snapshot: SelectionSnapshot): void;
  /** The selection is gone (collapsed by the keyboard or a script). */
  onCleared(): void;
  /** Events in our own UI are not the page's selection changes. */
  isOwnEvent(e: Event): boolean;
  /** Focus in our own UI: the page's selection is then left as it was. */
  ownsFocus(): boolean;
}

const SETTLE_MS = 350;
const MULTI_CLICK_MS = 300;
/** How long after trusted selecting input a settled `selectionchange` is still the user's. */
export const TRUSTED_INPUT_WINDOW_MS = 1000;
const SELECTING_KEYS = new Set(['Shift', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);

export class SelectionWatcher {
  private buttonDown = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastKey: string | null = null;
  /** When the user last pressed, released or used a selecting key (trusted events only). */
  private lastTrustedInput = -Infinity;
  private stopFns: (() => void)[] = [];

  constructor(private events: SelectionWatcherEvents) {}

  start(): void {
    const on = <K extends keyof WindowEventMap>(type: K, fn: (e: WindowEventMap[K]) => void) => {
      window.addEventListener(type, fn, { capture: true, passive: true });
      this.stopFns.push(() => window.removeEventListener(type, fn, { capture: true }));
    };
    const trusted = (e: Event) => {
      if (!e.isTrusted) return false;
      this.lastTrustedInput = performance.now();
      return true;
    };
    on('mousedown', (e) => {
      if (!trusted(e) || this.events.isOwnEvent(e)) return;
      this.buttonDown = true;
      clearTimeout(this.timer);
      // A new gesture: even the same range selected again is a new selection.
      this.lastKey = null;
    });
    on('mouseup', (e) => {
      if (!trusted(e)) return;
      this.buttonDown = false;
      // After a double click a third may follow (word → paragraph): wait for it rather than
      // counting, and keeping in the history, the word on the way.
      if (!this.events.isOwnEvent(e)) this.schedule(e.detail === 2 ? MULTI_CLICK_MS : 0);
    });
    // Touch and pen selections end without mouse events.
    on('pointerup', (e) => {
      if (trusted(e) && e.pointerType !== 'mouse' && !this.events.isOwnEvent(e)) this.schedule(SETTLE_MS);
    });
    on('keyup', (e) => {
      if (!e.isTrusted || this.events.isOwnEvent(e)) return;
      const selectAll = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'a';
      if (SELECTING_KEYS.has(e.key) || selectAll || e.shiftKey) {
        trusted(e);
        this.schedule(0);
      }
    });
    const onSelectionChange = () => {
      if (this.buttonDown) return;
      if (performance.now() - this.lastTrustedInput > TRUSTED_INPUT_WINDOW_MS) return;
      this.schedule(SETTLE_MS);
    };
    document.addEventListener('selectionchange', onSelectionChange);
    this.stopFns.push(() => document.removeEventListener('selectionchange', onSelectionChange));
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.check(), ms);
  }

  private check(): void {
    if (this.events.ownsFocus()) return;
    const snapshot = readSelection();
    if (!snapshot) {
      if (this.lastKey !== null) {
        this.lastKey = null;
        this.events.onCleared();
      }
      return;
    }
    if (snapshot.key === this.lastKey) return;
    this.lastKey = snapshot.key;
    this.events.onSelection(snapshot);
  }

  stop(): void {
    clearTimeout(this.timer);
    for (const fn of this.stopFns.splice(0)) fn();
  }
}
