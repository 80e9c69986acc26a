/**
 * Finds mentions of AI crypto tokens in plain text: pure, no browser globals,
 * so it runs in the content script, in Node and in tests.
 *
 * What counts as a mention (the registry in utils/mentions/registry/ says which coins):
 * - cashtags: `$TAO`, `$tao`, `$RNDR` (not code such as `$render = …`);
 * - trading pairs: `TAO/USDT`, `FET-USD`, `TAOUSDT`;
 * - unambiguous names: `Bittensor`, `Fetch.ai`, `Render Network`, `बिटटेंसर`;
 * - "Name (SYM)" and "SYM (Name)": `Fetch.ai (FET)`, `BitTensor (TAO)`, one mention;
 * - bare tickers (`TAO`, `NMR`, `NEAR`) and ambiguous names (`The Graph`,
 *   `Render`, `Ocean`, `Akash`) only when the text around them is about
 *   crypto, and never when it is about another sense of the word (NMR
 *   spectroscopy, FET transistors, GRT Hotels, "the graph shows").
 *
 * Word boundaries are Unicode-aware: a Latin ticker next to Devanagari text,
 * punctuation or a danda is a whole word; `\b` is not used.
 */
import type { CoinRef } from '@/utils/model/coin';
import type { CategoryCoin } from '@/utils/model/registry';
import { compile } from './compile';
import { detect } from './detect';
import { CONTEXT_CUES, REGISTRY, type ContextCues, type RegistryToken } from './registry';
import type { Mention, MentionFinder } from './types';

export type { Mention, MentionFinder, MentionKind } from './types';

/** A finder for the registry plus extra coins (the user's watchlist) and the AI categories' coins (the living registry). */
export function createMentionFinder(
  extraCoins: readonly CoinRef[] = [],
  tokens: readonly RegistryToken[] = REGISTRY,
  cues: ContextCues = CONTEXT_CUES,
  categoryCoins: readonly CategoryCoin[] = [],
): MentionFinder {
  const compiled = compile(tokens, cues, extraCoins, categoryCoins);
  return (text: string) => detect(compiled, text);
}

let defaultFinder: MentionFinder | null = null;

/** Every AI-token mention in `text`, in order, non-overlapping. */
export function findMentions(text: string): Mention[] {
  defaultFinder ??= createMentionFinder();
  return defaultFinder(text);
}

