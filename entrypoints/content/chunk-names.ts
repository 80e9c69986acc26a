/**
 * The content script's features that load on first use, by chunk name →
 * entry module, and where they sit in the extension. One definition for the
 * build step (scripts/content-chunks.ts) and the loader (chunks.ts).
 */
export const CONTENT_CHUNKS = {
  mentions: 'entrypoints/content/mentions/runtime.ts',
  badge: 'entrypoints/content/selection-badge/feature.ts',
  /** The hover card's rendering (Preact), loaded by the mentions chunk when the first card opens. */
  card: 'entrypoints/content/price-card/card-view.tsx',
  /** The page's readable and visible text (Readability), loaded when the page count asks for them. */
  page: 'entrypoints/content/page-text/extract.ts',
  /** The live count under prompt boxes, loaded when a text box gets the focus on a live-count site. */
  live: 'entrypoints/content/live-count/feature.ts',
} as const;
export type ContentChunk = keyof typeof CONTENT_CHUNKS;

/** Web-accessible (see wxt.config.ts), so the content script can import them. */
export const CONTENT_CHUNKS_DIR = 'content-chunks';
