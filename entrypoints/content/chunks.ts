/**
 * Loads a content-script feature on first use: an ES module from the
 * extension's `content-chunks/` (built by scripts/content-chunks.ts), imported
 * into this isolated world — the page's own scripts never see it. Each chunk
 * loads once per page (the browser keeps one instance per address, even when a
 * chunk that bundles this loader asks again); a failed load is tried again.
 */
import { browser } from 'wxt/browser';
import { CONTENT_CHUNKS_DIR, type ContentChunk } from './chunk-names';
import type * as MentionsChunk from './mentions/runtime';
import type * as BadgeChunk from './selection-badge/feature';
import type * as CardChunk from './price-card/card-view';
import type * as PageChunk from './page-text/extract';
import type * as LiveChunk from './live-count/feature';

interface Chunks {
  mentions: typeof MentionsChunk;
  badge: typeof BadgeChunk;
  card: typeof CardChunk;
  page: typeof PageChunk;
  live: typeof LiveChunk;
}

const loading = new Map<ContentChunk, Promise<unknown>>();

export function loadChunk<K extends ContentChunk>(name: K): Promise<Chunks[K]> {
  let pending = loading.get(name);
  if (!pending) {
    const url = browser.runtime.getURL(`/${CONTENT_CHUNKS_DIR}/${name}.js` as '/');
    pending = import(/* @vite-ignore */ url);
    pending.catch(() => loading.delete(name));
    loading.set(name, pending);
  }
  return pending as Promise<Chunks[K]>;
}
