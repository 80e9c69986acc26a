/** What the mention finder returns (re-exported by @/utils/mentions). */
export type MentionKind = 'cashtag' | 'pair' | 'name' | 'name-symbol' | 'symbol';

export interface Mention {
  /** Offset of the first character in the text (UTF-16 code units). */
  start: number;
  /** Offset just after the last character. */
  end: number;
  /** The coin's current ticker (RENDER for a mention of RNDR). */
  symbol: string;
  /** CoinGecko id. */
  coinId: string;
  kind: MentionKind;
}

/** A coin outside the registry (from the watchlist): found by cashtag and exact name. */
export interface MentionFinder {
  (text: string): Mention[];
}
