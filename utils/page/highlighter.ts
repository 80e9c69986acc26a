/**
 * Marks mentions with the CSS Custom Highlight API: the ranges are registered
 * under one highlight name and painted by the `::highlight(token-insight-mention)`
 * rule in entrypoints/mentions-highlight.content.css. Nothing in the page is
 * wrapped or changed. Where the API is missing (older browsers), marking is
 * skipped and hover still works.
 */
import type { PageMention } from './mention-index';

export const HIGHLIGHT_NAME = 'token-insight-mention';

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

  /** Unmarks everything and unregisters the highlight. */
  dispose(): void {
    if (!this.highlight) return;
    this.highlight.clear();
    if (CSS.highlights.get(HIGHLIGHT_NAME) === this.highlight) CSS.highlights.delete(HIGHLIGHT_NAME);
    this.highlight = null;
  }
}
