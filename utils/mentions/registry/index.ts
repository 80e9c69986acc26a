/**
 * The AI token registry (tokens.json) and the context vocabulary
 * (context.json), typed. Both are data: add a token or a cue there, not in
 * code. `validateRegistry` checks the data's rules (run by a unit test).
 * Pure: no browser globals.
 */
import tokensData from './tokens.json';
import contextData from './context.json';

export interface RegistryToken {
  /** Current ticker, upper case, e.g. "TAO". */
  symbol: string;
  /** CoinGecko id, e.g. "bittensor". */
  coinId: string;
  /** Display name for the card. */
  name: string;
  /** Unambiguous names, matched in any letter case: "Bittensor", "BitTensor", "बिटटेंसर". */
  aliases: string[];
  /** Unambiguous only as written (or in all capitals): "Render Network" but not "render network". */
  caseSensitiveAliases?: string[];
  /** Names that are also ordinary words or other names ("Render", "Ocean", "The Graph"): need crypto context. */
  contextAliases?: string[];
  /** Earlier tickers that still identify the coin: RNDR for RENDER. */
  formerSymbols?: string[];
  /** Tickers recognised only as a cashtag, in a pair or in "Name (SYM)", never bare: ASI for FET. */
  otherSymbols?: string[];
  /** The ticker is an ordinary word (NEAR, RENDER): bare, it needs crypto-specific context. */
  symbolIsWord?: boolean;
  /** The ticker means nothing else (AGIX, ARKM): bare, it needs no context. */
  distinctive?: boolean;
  /** The former tickers mean nothing else (RNDR). */
  distinctiveFormerSymbols?: boolean;
  /** Words that speak for this coin in particular (Bittensor's "subnets", The Graph's "indexers"). */
  contextWords?: string[];
  /** Words near a bare ticker or ambiguous name that mean another sense (NMR "spectroscopy"). */
  avoid: string[];
  /** The next word after a bare ticker or ambiguous name that means another sense ("the graph shows"). */
  avoidAfter?: string[];
  /** Facts shown to people: mergers, renames. */
  notes?: string;
}

export interface ContextCues {
  /** Crypto-specific words: strong evidence. */
  crypto: string[];
  /** Crypto-specific abbreviations that only count in capitals (BTC, ETH, SOL). */
  caseSensitive: string[];
  /** Market words that also fit stocks: weak evidence. */
  finance: string[];
  /** Stock-market words: evidence against (GRT Jewellers' shares). */
  stock: string[];
  /** Language-model words (tokenizer, context window, input tokens): "tokens" there are an LLM's, evidence against. */
  llm?: string[];
  /** A bare ticker followed by one of these is a company name ("GRT Hotels"). */
  organisationSuffixes: string[];
  /** Quote currencies of trading pairs: TAO/USDT, FET-USD, TAOUSDT. */
  quoteCurrencies: string[];
  /** Capitals before "token" that name a kind of token, not a coin ("AI token", "API token", "LP tokens"). */
  tokenKinds?: string[];
  /** Words any coin's name may carry ("Network", "Protocol", "AI"): not what makes a name distinctive. */
  genericNameWords?: string[];
}

export const REGISTRY: readonly RegistryToken[] = tokensData.tokens as RegistryToken[];
export const CONTEXT_CUES: ContextCues = contextData as ContextCues;

const byId = new Map(REGISTRY.map((t) => [t.coinId, t]));

/** The registry entry for a CoinGecko id, if it is one of ours. */
export function registryToken(coinId: string): RegistryToken | undefined {
  return byId.get(coinId);
}

/** Every rule the data must follow; returns the problems found (empty when valid). */
export function validateRegistry(tokens: readonly RegistryToken[], cues: ContextCues): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const symbols = new Map<string, string>();
  const names = new Map<string, string>();
  const isTicker = (s: string) => /^[A-Z][A-Z0-9]{1,11}$/.test(s);
  for (const t of tokens) {
    const where = `${t.symbol || '?'} (${t.coinId || '?'})`;
    if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(t.coinId)) problems.push(`${where}: coinId is not a CoinGecko id`);
    if (ids.has(t.coinId)) problems.push(`${where}: duplicate coinId`);
    ids.add(t.coinId);
    if (!t.name.trim()) problems.push(`${where}: empty name`);
    for (const s of [t.symbol, ...(t.formerSymbols ?? []), ...(t.otherSymbols ?? [])]) {
      if (!isTicker(s)) problems.push(`${where}: ticker "${s}" must be 2–12 capital letters or digits`);
      const owner = symbols.get(s);
      if (owner && owner !== t.coinId) problems.push(`${where}: ticker "${s}" also belongs to ${owner}`);
      symbols.set(s, t.coinId);
    }
    for (const n of [...t.aliases, ...(t.caseSensitiveAliases ?? []), ...(t.contextAliases ?? [])]) {
      if (n.trim() !== n || n.length < 3) problems.push(`${where}: alias "${n}" is too short or has spaces around it`);
      const key = n.toLowerCase();
      const owner = names.get(key);
      if (owner && owner !== t.coinId) problems.push(`${where}: alias "${n}" also belongs to ${owner}`);
      names.set(key, t.coinId);
    }
    for (const w of [...t.avoid, ...(t.avoidAfter ?? []), ...(t.contextWords ?? [])]) {
      if (w.trim() !== w || !w) problems.push(`${where}: cue "${w}" is empty or has spaces around it`);
    }
  }
  for (const q of cues.quoteCurrencies) if (!isTicker(q)) problems.push(`quote currency "${q}" is not a ticker`);
  for (const list of ['crypto', 'finance', 'stock', 'llm', 'caseSensitive', 'organisationSuffixes', 'tokenKinds', 'genericNameWords'] as const) {
    for (const w of cues[list] ?? []) if (!w || w.trim() !== w) problems.push(`context ${list}: "${w}" is empty or padded`);
  }
  return problems;
}
