/**
 * The background's rank source: the binary rank files that the build writes
 * into the extension (`tokenizer/<encoding>.bin`, see scripts/rank-assets.ts),
 * fetched from the extension's own package on the first count.
 */
import { browser } from 'wxt/browser';
import type { RankSource } from '@/utils/tokens/rank-source';

export const extensionRankSource: RankSource = async (encoding) => {
  const url = (browser.runtime.getURL as (path: string) => string)(`/tokenizer/${encoding}.bin`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`Could not load the ${encoding} ranks (${response.status}).`);
  return new Uint8Array(await response.arrayBuffer());
};
