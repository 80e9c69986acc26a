/**
 * Marks mentions with the CSS Custom Highlight API: the ranges are registered
 * under one highlight name and painted by the `::highlight(token-insight-mention)`
 * rule in entrypoints/mentions-highlight.content.css. Nothing in the page is
 * wrapped or changed. Where the API is missing (older browsers), marking is
 * skipped and hover still works.
 */
import type { PageMention } from './mention-index';

export const HIGHLIGHT_NAME = 'token-insight-mention';

/** While a page is first read, marks are registered at most this often (each change repaints). */
export const MARK_BATCH_MS = 300;

export class MentionHighlighter {
  private highlight: Highlight | null = null;

  constructor() {
    if (MentionHighlighter.supported()) {
      this.highlight = new Highlight();
      CSS.highlights.set(HIGHLIGHT_NAME, this.highlight);
    }
  }

  static supported(): boolean {
    return typeof CSS !== 'undefined' && 'highlights' in CSS && typeof Highlight === 'function';
  }

  get active(): boolean {
    return this.highlight !== null;
  }

  add(mentions: Iterable<PageMention>): void {
    if (!this.highlight) return;
    for (const m of mentions) this.highlight.add(m.range);
  }

  remove(mentions: Iterable<PageMention>): void {
    if (!this.highlight) return;
    for (const m of mentions) this.highlight.delete(m.range);
  }

  private pendingAdd = new Set<PageMention>();
  private lastFlush = 0;

  /**
   * Records changes and registers them in batches: at most every
   * MARK_BATCH_MS, or at once with `now`. Every change to a highlight makes
   * the browser repaint the marks, so a large page read in many slices should
   * not repaint after each slice.
   */
  update(added: Iterable<PageMention>, removed: Iterable<PageMention>, now = false): void {
    if (!this.highlight) return;
    for (const m of removed) {
      if (!this.pendingAdd.delete(m)) this.highlight.delete(m.range);
    }
    for (const m of added) this.pendingAdd.add(m);
    const t = performance.now();
    if (now || t - this.lastFlush >= MARK_BATCH_MS) this.flush(t);
  }

  /** Registers the marks waiting in the batch. */
  flush(t = performance.now()): void {
    this.lastFlush = t;
    if (!this.highlight || this.pendingAdd.size === 0) return;
    for (const m of this.pendingAdd) this.highlight.add(m.range);
    this.pendingAdd.clear();
  }

  /** Unmarks everything and unregisters the highlight. */
  dispose(): void {
    if (!this.highlight) return;
    this.pendingAdd.clear();
    this.highlight.clear();
    if (CSS.highlights.get(HIGHLIGHT_NAME) === this.highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
    this.highlight = null;
  }
}
