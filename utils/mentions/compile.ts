/**
 * The registry (plus extra coins) compiled once into what the detector needs:
 * one master regex for cashtags, names and tickers, lookup maps, and phrase
 * matchers for context cues and for words that mean another sense.
 */
import type { CoinRef } from '@/utils/model/coin';
import type { CategoryCoin } from '@/utils/model/registry';
import type { ContextCues, RegistryToken } from './registry';
import { categoryNameForms, isCategoryTicker, nameIsAcronymOf } from './distinctive';
import { PhraseMatcher } from './phrase-matcher';
import { NOT_AFTER_LATIN, LETTER, escapeRe, literal, masterAlternatives, type MasterAlias, type MasterParts } from './word-classes';

export interface Coin {
  coinId: string;
  symbol: string;
  /** Whether the coin has words that mean another sense (in Compiled.avoid). */
  hasAvoid: boolean;
  avoidAfter: Set<string>;
  /** Matches `(SYM)` / `($SYM)` of this coin right after a name (built on first use: most coins never need it). */
  parenSymbol: () => RegExp;
  /** Matches `(Name)` of this coin right after a ticker (built on first use). */
  parenName: (() => RegExp) | null;
  /** A cashtag in lower or mixed case counts (`$tao`); false for category tickers that are words (`$turbo`). */
  anyCaseCashtag: boolean;
  /** "Name (SYM)" needs crypto context: a name of ordinary words whose initials are the ticker ("Artificial Intelligence (AI)"). */
  parenNeedsContext: boolean;
  /** A category coin (the living registry): its names are distinctive, not words that open a sentence by chance. */
  fromCategory?: boolean;
}

/** How a bare ticker (no `$`, no pair) is judged. */
export type BarePolicy = 'never' | 'context' | 'word' | 'free';

interface SymbolEntry {
  coin: Coin;
  bare: BarePolicy;
}

interface AliasEntry {
  coin: Coin;
  /** Ambiguous names need crypto context and pass the name checks below. */
  needsContext: boolean;
  /** Found only in "Name (SYM)", never alone (a category coin whose name is an ordinary word: Grass, Story). */
  onlyWithSymbol?: boolean;
}

export interface CueInfo {
  kind: 'crypto' | 'finance' | 'stock' | null;
  coins: Set<string>;
}

export interface Compiled {
  master: RegExp;
  /** What `master` is built from (a page's trigger test is built from the same parts). */
  parts: MasterParts;
  symbols: Map<string, SymbolEntry>;
  aliasExact: Map<string, AliasEntry>;
  aliasFolded: Map<string, AliasEntry>;
  /** Words near a candidate that mean another sense, with the coins they speak against. */
  avoid: PhraseMatcher<Set<string>>;
  /** Context words, any letter case. */
  cues: PhraseMatcher<CueInfo>;
  /** Context abbreviations that only count in capitals (BTC). */
  caseCues: PhraseMatcher<CueInfo>;
  pairAfter: RegExp;
  concatenatedPair: RegExp;
  orgSuffixes: Set<string>;
  /** Capitals that name a kind of token, not a coin ("AI token", "API token", "LP tokens"). */
  tokenKinds: Set<string>;
}

/** A regex built the first time it is asked for. */
function lazy(build: () => RegExp): () => RegExp {
  let re: RegExp | null = null;
  return () => (re ??= build());
}

const parenSymbolRe = (symbols: readonly string[]) =>
  lazy(() => new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*\$?(?:${symbols.map(escapeRe).join('|')})[ \t\u00a0]*[)\]]`, 'uy'));

export function compile(
  tokens: readonly RegistryToken[],
  cues: ContextCues,
  extra: readonly CoinRef[],
  category: readonly CategoryCoin[] = [],
): Compiled {
  const symbols = new Map<string, SymbolEntry>();
  const aliasExact = new Map<string, AliasEntry>();
  const aliasFolded = new Map<string, AliasEntry>();
  const aliases: MasterAlias[] = [];
  const cueMatcher = new PhraseMatcher<CueInfo>();
  const caseCues = new PhraseMatcher<CueInfo>(true);
  const cue = (word: string) => {
    let info = cueMatcher.get(word);
    if (!info) cueMatcher.add(word, (info = { kind: null, coins: new Set() }));
    return info;
  };
  for (const w of cues.stock) cue(w).kind = 'stock';
  // LLM talk counts against like stock talk: its "tokens" are a model's.
  for (const w of cues.llm ?? []) cue(w).kind = 'stock';
  for (const w of cues.finance) cue(w).kind = 'finance';
  for (const w of cues.crypto) cue(w).kind = 'crypto';
  for (const w of cues.caseSensitive) caseCues.add(w, { kind: 'crypto', coins: new Set() });
  const avoid = new PhraseMatcher<Set<string>>();
  for (const t of tokens) {
    for (const w of t.avoid) {
      const coins = avoid.get(w);
      if (coins) coins.add(t.coinId);
      else avoid.add(w, new Set([t.coinId]));
    }
  }

  const addAlias = (text: string, coin: Coin, anyCase: boolean, needsContext: boolean) => {
    const entry = { coin, needsContext };
    if (anyCase) {
      aliasFolded.set(text.toLowerCase(), entry);
      aliases.push({ text, anyCase: true });
    } else {
      aliasExact.set(text, entry);
      aliases.push({ text, anyCase: false });
      const upper = text.toUpperCase();
      if (!needsContext && upper !== text) {
        aliasExact.set(upper, entry);
        aliases.push({ text: upper, anyCase: false });
      }
    }
  };

  for (const t of tokens) {
    const allSymbols = [t.symbol, ...(t.formerSymbols ?? []), ...(t.otherSymbols ?? [])];
    const names = [...t.aliases, ...(t.caseSensitiveAliases ?? []), ...(t.contextAliases ?? [])];
    const coin: Coin = {
      coinId: t.coinId,
      symbol: t.symbol,
      hasAvoid: t.avoid.length > 0,
      avoidAfter: new Set((t.avoidAfter ?? []).map((w) => w.toLowerCase())),
      parenSymbol: parenSymbolRe(allSymbols),
      anyCaseCashtag: true,
      parenNeedsContext: false,
      parenName: names.length
        ? lazy(() => new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*(?:${names.map((n) => literal(n, true)).join('|')})[ \t\u00a0]*[)\]]`, 'uy'))
        : null,
    };
    symbols.set(t.symbol, { coin, bare: t.distinctive ? 'free' : t.symbolIsWord ? 'word' : 'context' });
    for (const s of t.formerSymbols ?? []) symbols.set(s, { coin, bare: t.distinctiveFormerSymbols ? 'free' : 'context' });
    for (const s of t.otherSymbols ?? []) symbols.set(s, { coin, bare: 'never' });
    for (const a of t.aliases) addAlias(a, coin, true, false);
    for (const a of t.caseSensitiveAliases ?? []) addAlias(a, coin, false, false);
    for (const a of t.contextAliases ?? []) addAlias(a, coin, false, true);
    for (const w of t.contextWords ?? []) cue(w).coins.add(t.coinId);
  }

  const known = new Set(tokens.map((t) => t.coinId));

  // Category coins (the living registry), largest market cap first so that it wins a shared ticker:
  // cashtags, pairs, "Name (SYM)" and "SYM token" count; a distinctive name only in crypto context; a bare ticker never.
  const byCap = [...category].sort((a, b) => (b.marketCap ?? -1) - (a.marketCap ?? -1));
  for (const c of byCap) {
    const symbol = c.symbol.trim().toUpperCase();
    if (known.has(c.coinId) || !isCategoryTicker(symbol)) continue;
    known.add(c.coinId);
    const name = c.name.trim();
    const forms = categoryNameForms(name, c.distinctiveName);
    const coin: Coin = {
      coinId: c.coinId,
      symbol,
      hasAvoid: false,
      avoidAfter: new Set(),
      parenSymbol: parenSymbolRe([symbol]),
      // "KAITO (Kaito)", "IP (Story)": the ticker or the name followed by the name in parentheses is one mention.
      parenName: lazy(() => new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*(?:${[...forms.all].map((n) => literal(n, true)).join('|')})[ \t\u00a0]*[)\]]`, 'uy')),
      anyCaseCashtag: !c.symbolIsWord,
      parenNeedsContext: !c.distinctiveName && nameIsAcronymOf(name, symbol),
      fromCategory: true,
    };
    if (!symbols.has(symbol)) symbols.set(symbol, { coin, bare: 'never' });
    if (name.length >= 2 && LETTER.test(name)) {
      for (const form of forms.all) {
        if (aliasExact.has(form) || aliasFolded.has(form.toLowerCase())) continue;
        aliasExact.set(form, { coin, needsContext: true, onlyWithSymbol: !forms.bare.has(form) });
        aliases.push({ text: form, anyCase: false });
      }
    }
  }

  // Watchlist coins not in the registry: cashtag and exact name only.
  for (const c of extra) {
    if (known.has(c.coinId)) continue;
    known.add(c.coinId);
    const symbol = c.symbol.trim().toUpperCase();
    const coin: Coin = {
      coinId: c.coinId,
      symbol,
      hasAvoid: false,
      avoidAfter: new Set(),
      parenSymbol: parenSymbolRe([symbol]),
      parenName: null,
      anyCaseCashtag: true,
      parenNeedsContext: false,
    };
    if (/^[A-Z0-9]{1,12}$/.test(symbol) && /[A-Z]/.test(symbol) && !symbols.has(symbol)) {
      symbols.set(symbol, { coin, bare: 'never' });
    }
    const name = c.name.trim();
    if (name.length >= 3 && LETTER.test(name) && !aliasExact.has(name) && !aliasFolded.has(name.toLowerCase())) {
      aliasExact.set(name, { coin, needsContext: false });
      aliases.push({ text: name, anyCase: false });
    }
  }

  const quotes = [...cues.quoteCurrencies].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const parts = { aliases, symbols: [...symbols.keys()], quotes: cues.quoteCurrencies };
  // Tickers (and "SYMUSDT") are any run of capitals and digits, looked up in `symbols`: one alternative however
  // many coins there are (an alternation of hundreds of tickers made the regex slow on every page).
  const master = new RegExp(masterAlternatives(parts, { tag: 'any', bounded: true, named: true, sym: 'run' }).join('|'), 'gu');
  return {
    master,
    parts,
    symbols,
    aliasExact,
    aliasFolded,
    avoid,
    cues: cueMatcher,
    caseCues,
    pairAfter: new RegExp(String.raw`[ \t\u00a0]?[/\-_][ \t\u00a0]?(?:${quotes})${NOT_AFTER_LATIN}`, 'uy'),
    concatenatedPair: new RegExp(`^(.+?)(${quotes})$`, 'u'),
    orgSuffixes: new Set(cues.organisationSuffixes),
    tokenKinds: new Set(cues.tokenKinds ?? []),
  };
}
