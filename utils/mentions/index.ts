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
import { CONTEXT_CUES, REGISTRY, type ContextCues, type RegistryToken } from './registry';
import { PhraseMatcher, splitWords, type PhraseHit, type Words } from './phrase-matcher';

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

// --- character classes ---------------------------------------------------------
const LATIN_WORD = String.raw`\p{Script=Latin}\p{N}_`;
const DEVA_WORD = String.raw`\p{Script=Devanagari}\p{N}\u200c\u200d`;
const NOT_BEFORE_LATIN = `(?<![${LATIN_WORD}])`;
const NOT_AFTER_LATIN = String.raw`(?![${LATIN_WORD}\p{M}])`;
const NOT_BEFORE_DEVA = `(?<![${DEVA_WORD}])`;
const NOT_AFTER_DEVA = String.raw`(?![${DEVA_WORD}\p{M}])`;
const isDevanagari = (ch: string) => /\p{Script=Devanagari}/u.test(ch);
const LOWER = /\p{Ll}/u;
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal as a regex source, spaces matching any run of spaces, optionally in any letter case. */
function literal(text: string, anyCase: boolean): string {
  let out = '';
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (!out.endsWith('[ \\t\\u00a0]+')) out += '[ \\t\\u00a0]+';
    } else if (anyCase && ch.toLowerCase() !== ch.toUpperCase()) {
      out += `[${escapeRe(ch.toLowerCase())}${escapeRe(ch.toUpperCase())}]`;
    } else {
      out += escapeRe(ch);
    }
  }
  return out;
}

interface AliasPattern {
  source: string;
  text: string;
}

/**
 * Whole-word alternatives, grouped by the scripts of their first and last
 * characters so that each group shares one boundary check: a lookaround per
 * alternative made V8 compile the master regex for ~100 ms on first use.
 * Longest first within a group, so phrases win.
 */
function groupBounded(patterns: readonly AliasPattern[]): string {
  const groups = new Map<string, AliasPattern[]>();
  for (const p of patterns) {
    const key = `${isDevanagari(p.text[0]!) ? 'D' : 'L'}${isDevanagari(p.text[p.text.length - 1]!) ? 'D' : 'L'}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const out: string[] = [];
  for (const [key, list] of groups) {
    const before = key[0] === 'D' ? NOT_BEFORE_DEVA : NOT_BEFORE_LATIN;
    const after = key[1] === 'D' ? NOT_AFTER_DEVA : NOT_AFTER_LATIN;
    const sources = [...new Set(list.sort((a, b) => b.text.length - a.text.length).map((p) => p.source))];
    out.push(`${before}(?:${sources.join('|')})${after}`);
  }
  return out.join('|') || '(?!)';
}


// --- compiled registry ---------------------------------------------------------
interface Coin {
  coinId: string;
  symbol: string;
  /** Whether the coin has words that mean another sense (in Compiled.avoid). */
  hasAvoid: boolean;
  avoidAfter: Set<string>;
  /** Matches `(SYM)` / `($SYM)` of this coin right after a name. */
  parenSymbol: RegExp;
  /** Matches `(Name)` of this coin right after a ticker. */
  parenName: RegExp | null;
}

/** How a bare ticker (no `$`, no pair) is judged. */
type BarePolicy = 'never' | 'context' | 'word' | 'free';

interface SymbolEntry {
  coin: Coin;
  bare: BarePolicy;
}

interface AliasEntry {
  coin: Coin;
  /** Ambiguous names need crypto context and pass the name checks below. */
  needsContext: boolean;
}

interface CueInfo {
  kind: 'crypto' | 'finance' | 'stock' | null;
  coins: Set<string>;
}

interface Compiled {
  master: RegExp;
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
}

function compile(tokens: readonly RegistryToken[], cues: ContextCues, extra: readonly CoinRef[]): Compiled {
  const symbols = new Map<string, SymbolEntry>();
  const aliasExact = new Map<string, AliasEntry>();
  const aliasFolded = new Map<string, AliasEntry>();
  const aliasPatterns: AliasPattern[] = [];
  const cueMatcher = new PhraseMatcher<CueInfo>();
  const caseCues = new PhraseMatcher<CueInfo>(true);
  const cue = (word: string) => {
    let info = cueMatcher.get(word);
    if (!info) cueMatcher.add(word, (info = { kind: null, coins: new Set() }));
    return info;
  };
  for (const w of cues.stock) cue(w).kind = 'stock';
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
      aliasPatterns.push({ source: literal(text, true), text });
    } else {
      aliasExact.set(text, entry);
      aliasPatterns.push({ source: literal(text, false), text });
      const upper = text.toUpperCase();
      if (!needsContext && upper !== text) {
        aliasExact.set(upper, entry);
        aliasPatterns.push({ source: literal(upper, false), text: upper });
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
      parenSymbol: new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*\$?(?:${allSymbols.map(escapeRe).join('|')})[ \t\u00a0]*[)\]]`, 'uy'),
      parenName: names.length
        ? new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*(?:${names.map((n) => literal(n, true)).join('|')})[ \t\u00a0]*[)\]]`, 'uy')
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

  // Watchlist coins not in the registry: cashtag and exact name only.
  const known = new Set(tokens.map((t) => t.coinId));
  for (const c of extra) {
    if (known.has(c.coinId)) continue;
    known.add(c.coinId);
    const symbol = c.symbol.trim().toUpperCase();
    const coin: Coin = {
      coinId: c.coinId,
      symbol,
      hasAvoid: false,
      avoidAfter: new Set(),
      parenSymbol: new RegExp(String.raw`[ \t\u00a0]*[(\[][ \t\u00a0]*\$?${escapeRe(symbol)}[ \t\u00a0]*[)\]]`, 'uy'),
      parenName: null,
    };
    if (/^[A-Z0-9]{1,12}$/.test(symbol) && /[A-Z]/.test(symbol) && !symbols.has(symbol)) {
      symbols.set(symbol, { coin, bare: 'never' });
    }
    const name = c.name.trim();
    if (name.length >= 3 && LETTER.test(name) && !aliasExact.has(name) && !aliasFolded.has(name.toLowerCase())) {
      aliasExact.set(name, { coin, needsContext: false });
      aliasPatterns.push({ source: literal(name, false), text: name });
    }
  }

  const bareSymbols = [...symbols.keys()].filter((s) => /^[A-Z]/.test(s)).sort((a, b) => b.length - a.length);
  const quotes = [...cues.quoteCurrencies].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const master = new RegExp(
    [
      String.raw`(?<tag>(?<![\p{L}\p{N}_$])\$[A-Za-z][A-Za-z0-9]{0,11})${NOT_AFTER_LATIN}`,
      `(?<name>${groupBounded(aliasPatterns)})`,
      String.raw`(?<sym>(?<![${LATIN_WORD}$])#?(?:${bareSymbols.map(escapeRe).join('|')})(?:${quotes})?)${NOT_AFTER_LATIN}`,
    ].join('|'),
    'gu',
  );
  return {
    master,
    symbols,
    aliasExact,
    aliasFolded,
    avoid,
    cues: cueMatcher,
    caseCues,
    pairAfter: new RegExp(String.raw`[ \t\u00a0]?[/\-_][ \t\u00a0]?(?:${quotes})${NOT_AFTER_LATIN}`, 'uy'),
    concatenatedPair: new RegExp(`^(.+?)(${quotes})$`, 'u'),
    orgSuffixes: new Set(cues.organisationSuffixes),
  };
}

// --- grammar of the surroundings ------------------------------------------------
const AMOUNT_BEFORE = /(?:\d[\d,.]*|\b(?:one|two|three|ten|hundred|thousand|a few|some))[ \t\u00a0]?(?:k|K|m|M|bn|mn|million|billion|thousand|lakh|crore|करोड़|लाख)?[ \t\u00a0]+$/u;
const VERB_BEFORE =
  /(?:^|[^\p{L}])(?:buy|buying|bought|sell|selling|sold|stake|staking|staked|unstake|unstaked|hold|holding|hodl|hodling|swap|swapped|accumulate|accumulating|accumulated|dump|dumping|airdropped|delegate|delegated|delegating|long|longing|short|shorting|earn|earned|mint|minted|burn|burned|burnt)[ \t\u00a0]+(?:some[ \t\u00a0]+|more[ \t\u00a0]+|my[ \t\u00a0]+|your[ \t\u00a0]+|their[ \t\u00a0]+|all[ \t\u00a0]+|the[ \t\u00a0]+|our[ \t\u00a0]+)?$/iu;
const TICKER_COMPOUND_AFTER = /^(?:to|vs|denominated|holders|stakers|staking|backed|priced|margined|pegged|paired)(?![\p{L}])/u;
const PRICE_OF_BEFORE = /(?:^|[^\p{L}])(?:price|prices|value|market[ \t\u00a0]+cap|supply|holders)[ \t\u00a0]+of[ \t\u00a0]+(?:the[ \t\u00a0]+)?$/iu;
const PERCENT_AFTER = /[ \t\u00a0]*(?:[(:,—–-][ \t\u00a0]*)?[+\-−±]?[ \t\u00a0]?\d[\d,.]*[ \t\u00a0]?%/uy;
const PRICE_AFTER =
  /[ \t\u00a0]*(?:[(:=@—–-]|is at|at|to|near|around|above|below|under|over|hit|hits|reached|trading at|trades at|traded at|priced at)?[ \t\u00a0]*(?:US|A|C)?[$₹€£¥][ \t\u00a0]?\d/iuy;
const MOVE_AFTER =
  /[ \t\u00a0]+(?:is[ \t\u00a0]+|was[ \t\u00a0]+|has[ \t\u00a0]+|had[ \t\u00a0]+)?(?:up|down|rose|rises|fell|falls|gained|gains|lost|loses|jumped|jumps|dropped|drops|slid|slides|climbed|climbs|surged|surges|rallied|rallies|plunged|plunges|soared|soars|tumbled|tumbles|added|shed|sank|spiked|rebounded|dipped|crashed|pumped|dumped|outperformed|underperformed|traded|trades|trading|broke|breaks|hit|hits|reached|touched|crossed|crosses|topped|tops|reclaimed|reclaims|retested|retests|flipped|flips|slipped|slips|slumped|slumps|tanked|tanks|edged|eased|declined|declines|advanced|advances|doubled|doubles|tripled|triples|halved|skyrocketed|rocketed|bounced|bounces|recovered|recovers|collapsed|collapses|extended|extends|plummeted|plummets|rising|falling|climbing|dropping|sliding|surging|rallying|plunging|soaring|tumbling|jumping|gaining|losing|sinking|slipping|trading|hovering|consolidating|reaching|hitting|touching|testing|targeting|nearing|breaking)(?![\p{L}])/iuy;
const AMOUNT_NEARBY = /\d[\d,.]*[ \t\u00a0]?%|[$₹€£¥][ \t\u00a0]?\d/u;
const NUMBER_SOON = /[^\n]{0,30}?(?:[$₹€£¥][ \t\u00a0]?\d|\d[\d,.]*[ \t\u00a0]?%)/uy;
const TOKENWORD_AFTER =
  /[ \t\u00a0]*(?:token|tokens|coin|coins|holders|stakers|staking|price|prices|market[ \t\u00a0]+cap|tokenomics|airdrop|airdrops|emissions|whales|bulls|bears|rally|futures|perps|perpetuals|unlock|unlocks|supply|circulating|ETF|टोकन|कॉइन|की[ \t\u00a0]+कीमत|के[ \t\u00a0]+दाम|का[ \t\u00a0]+भाव|में[ \t\u00a0]+(?:तेजी|तेज़ी|गिरावट|उछाल))(?![\p{L}\p{M}])/iuy;
/** Words that follow a name at the start of a sentence ("Render is", "Akash and Render", "Arkham said"). */
const NAME_FOLLOWERS = new Set([
  'crypto', 'ai', 'agents', 'ecosystem', 'community', 'dao', 'is', 'was', 'has', 'had', 'have', 'are', 'were', 'will', 'would', 'could', 'can', 'may', 'might', 'does', 'did', 'and', 'or',
  'network', 'protocol', 'foundation', 'team', 'developers', 'blockchain', 'holders', 'users', 'validators', 'nodes', 'leases',
  'announced', 'launched', 'released', 'unveiled', 'added', 'integrated', 'partnered', 'raised', 'listed', 'said', 'says',
  'flagged', 'tracked', 'labelled', 'labeled', 'lets', 'allows', 'offers', 'provides', 'powers', 'uses', 'runs', 'hosts',
]);
const PREPOSITIONS = new Set(['on', 'to', 'with', 'at', 'in', 'for', 'from', 'into', 'onto', 'of', 'by', 'after', 'before']);
const DETERMINERS = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'it', 'its', 'your', 'my', 'our', 'their', 'his', 'her', 'each', 'every', 'all', 'them', 'him', 'me', 'us']);
const PERSON_AFTER =
  /[ \t\u00a0]*(?:,[ \t\u00a0]*)?(?:said|says|told|tells|asked|asks|replied|wrote|writes|thinks|believes|explained|explains|recalls|added|who|whose|and his|and her|'s (?:wife|husband|father|mother|brother|sister|son|daughter|friend|family|girlfriend|boyfriend))(?![\p{L}])/iuy;
const HONORIFIC_BEFORE = /(?:^|[^\p{L}])(?:Mr|Mrs|Ms|Dr|Prof|Shri|Sri|Smt|Sir|Mister)\.?[ \t\u00a0]+$/u;
const SENTENCE_END = /[.!?:;"“”‘’(\[\n।|•·–—]/u;
const CODE_AFTER = /[ \t\u00a0]*(?:=(?!=)|->|\(|\[|::|;|\.[A-Za-z_$])/y;
const CODE_BEFORE = /(?:^|[^\p{L}])(?:function|var|let|const|global|public|private|protected|static|echo|print|foreach|as|return|new)[ \t\u00a0]*[(]?[ \t\u00a0]*$/u;

function matchAt(re: RegExp, text: string, at: number): RegExpExecArray | null {
  re.lastIndex = at;
  return re.exec(text);
}

/** The next word after `end` (skipping spaces), lower-cased. */
function nextWord(text: string, end: number): { word: string; raw: string; start: number } {
  let i = end;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\u00a0')) i++;
  if (i === end) return { word: '', raw: '', start: i };
  let j = i;
  while (j < text.length && /[\p{L}\p{N}\p{M}'’-]/u.test(text[j]!)) j++;
  const raw = text.slice(i, j).replace(/['’-].*$/, '');
  return { word: raw.toLowerCase(), raw, start: i };
}

/** The previous word before `start`, and whether it opens a sentence. */
function previousWord(text: string, start: number): { raw: string; sentenceStart: boolean; atSentenceStart: boolean } {
  let i = start;
  while (i > 0 && /[ \t\u00a0]/.test(text[i - 1]!)) i--;
  const atSentenceStart = i === 0 || SENTENCE_END.test(text[i - 1]!);
  if (i === start && i > 0) return { raw: '', sentenceStart: false, atSentenceStart };
  let j = i;
  while (j > 0 && /[\p{L}\p{N}\p{M}]/u.test(text[j - 1]!)) j--;
  let k = j;
  while (k > 0 && /[ \t\u00a0]/.test(text[k - 1]!)) k--;
  return { raw: text.slice(j, i), sentenceStart: k === 0 || SENTENCE_END.test(text[k - 1]!), atSentenceStart };
}

const isTitleCase = (w: string) => w.length > 1 && UPPER.test(w[0]!) && LOWER.test(w.slice(1));

/**
 * The stretch of text whose words speak for a candidate: its line (a block of
 * the page) up to `radius` either side; a short line (a table cell, a list
 * item, a heading) borrows from its neighbours, but never across a blank line.
 */
function contextWindow(text: string, start: number, end: number, radius: number): [number, number] {
  const lo = Math.max(0, start - radius);
  const hi = Math.min(text.length, end + radius);
  let ls = start;
  while (ls > lo && text[ls - 1] !== '\n') ls--;
  let le = end;
  while (le < hi && text[le] !== '\n') le++;
  if (le - ls >= 80) return [ls, le];
  let a = ls;
  while (a > lo && !(text[a - 1] === '\n' && text[a - 2] === '\n')) a--;
  let b = le;
  while (b < hi && !(text[b] === '\n' && text[b + 1] === '\n')) b++;
  return [a, b];
}

interface Candidate {
  start: number;
  end: number;
  coin: Coin;
  /** 'symbol' for bare tickers, 'alias' for ambiguous names. */
  form: 'symbol' | 'alias';
  policy: BarePolicy;
  hashtag: boolean;
}

function shouldSkipCashtag(text: string, start: number, end: number): boolean {
  const body = text.slice(start + 1, end);
  if (body === body.toUpperCase()) return false;
  // `$render = …`, `$near->x`, `function ($tao)`: code, not a cashtag.
  if (matchAt(CODE_AFTER, text, end)) return true;
  if (CODE_BEFORE.test(text.slice(Math.max(0, start - 20), start))) return true;
  const around = text.slice(Math.max(0, start - 80), Math.min(text.length, end + 80));
  return (around.match(/\$[a-z_][a-z0-9_]*\s*(?:=|->|\)|;)/g) ?? []).length >= 2;
}

/** Index of the first span in `list` (sorted, non-overlapping) that ends after `at`. */
function firstEndingAfter(list: readonly { end: number }[], at: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.end > at) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The phrase hits of one text, computed once per matcher and shared by every
 * candidate (a dense page has a candidate every few words; rescanning each
 * candidate's window made the detector quadratic in practice).
 */
class TextHits {
  private words: Words | null = null;
  private cache = new Map<PhraseMatcher<unknown>, PhraseHit<unknown>[]>();

  constructor(private readonly text: string) {}

  /** Hits of `matcher` lying wholly inside `[from, to)`. */
  within<T>(matcher: PhraseMatcher<T>, from: number, to: number): PhraseHit<T>[] {
    let hits = this.cache.get(matcher as PhraseMatcher<unknown>) as PhraseHit<T>[] | undefined;
    if (!hits) {
      this.words ??= splitWords(this.text);
      hits = matcher.findIn(this.words);
      this.cache.set(matcher as PhraseMatcher<unknown>, hits);
    }
    const out: PhraseHit<T>[] = [];
    for (let i = firstEndingAfter(hits, from); i < hits.length && hits[i]!.start < to; i++) {
      const h = hits[i]!;
      if (h.start >= from && h.end <= to) out.push(h);
    }
    return out;
  }
}

function scoreCandidate(
  c: Compiled,
  text: string,
  cand: Candidate,
  strong: readonly Mention[],
  weak: readonly Candidate[],
  hits: TextHits,
): boolean {
  const { start, end, coin } = cand;
  const next = nextWord(text, end);
  const prev = previousWord(text, start);

  // The next word says another sense: "NMR spectroscopy", "the graph shows".
  // After an amount ("20 RENDER on the dip") a function word does not make a verb of the ticker.
  const amountBefore = AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 40), start));
  const functionWord = DETERMINERS.has(next.word) || PREPOSITIONS.has(next.word);
  if (next.word && coin.avoidAfter.has(next.word) && !(amountBefore && functionWord && cand.form === 'symbol')) return false;
  // Part of a compound or a chain: "n-FET", "FET-based", "1H-NMR", "PI3K/AKT/mTOR".
  const before = text[start - 1] ?? '';
  const after = text[end] ?? '';
  // But a ticker's own compounds are market talk: "AGIX-to-FET", "TAO-denominated".
  if (before === '-' && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '') && !/(?:^|[^\p{L}])(?:to|vs|into)-$/iu.test(text.slice(Math.max(0, start - 6), start))) {
    return false;
  }
  if (after === '-' && /\p{Ll}/u.test(text[end + 1] ?? '') && !TICKER_COMPOUND_AFTER.test(text.slice(end + 1, end + 16))) return false;
  if (before === '/' && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '')) return false;
  if (after === '/' && /[\p{L}\p{N}]/u.test(text[end + 1] ?? '')) return false;
  // A company: "GRT Hotels", "TAO Group Ltd".
  if (next.raw && c.orgSuffixes.has(next.raw)) return false;
  // Inside an address or a file name.
  if (/[:/.\\]/.test(before) && /[\p{L}\p{N}]/u.test(text[start - 2] ?? '') && before !== ':') return false;

  if (cand.form === 'alias') {
    // A verb or a common noun, not a name: "Render the page", "Ocean of …".
    if (DETERMINERS.has(next.word) && !/[,;:]/.test(text.slice(end, next.start))) return false;
    // Part of a longer proper name: "Frank Ocean", "Arkham Asylum", "Akash Ambani".
    if (next.raw && isTitleCase(next.raw) && next.start === end + 1) return false;
    if (prev.raw && isTitleCase(prev.raw) && !prev.sentenceStart && !prev.atSentenceStart) return false;
    // A person: "Akash said", "Mr. Akash".
    if (matchAt(PERSON_AFTER, text, end) || HONORIFIC_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return false;
    // At the start of a sentence a capital says nothing: "Render farms use GPUs", "Render times dropped".
    // A one-word name there must be followed by what a name takes (a verb, "token", "and", punctuation).
    if (
      prev.atSentenceStart &&
      !/[ \t\u00a0]/.test(text.slice(start, end)) &&
      next.raw &&
      next.start === end + 1 &&
      LOWER.test(next.raw[0]!) &&
      !NAME_FOLLOWERS.has(next.word) &&
      !matchAt(MOVE_AFTER, text, end) &&
      !matchAt(TOKENWORD_AFTER, text, end)
    ) {
      return false;
    }
  }

  const [ws, we] = contextWindow(text, start, end, 220);
  if (coin.hasAvoid) {
    const [vs, ve] = contextWindow(text, start, end, 110);
    for (const hit of hits.within(c.avoid, vs, ve)) {
      if (!hit.value.has(coin.coinId)) continue;
      // The candidate itself is not evidence against itself, but a phrase around it is ("Ocean's Eleven").
      if (hit.start === start && hit.end === end) continue;
      return false;
    }
  }

  if (cand.policy === 'word') {
    // A shouted headline: "NEAR THE STATION", "PACIFIC OCEAN".
    const s = text.slice(Math.max(0, start - 40), Math.min(text.length, end + 40));
    const letters = s.replace(/[^\p{L}]/gu, '');
    const upper = s.replace(/[^\p{Lu}]/gu, '');
    if (letters.length - (end - start) >= 8 && (upper.length - (end - start)) / (letters.length - (end - start)) > 0.6) return false;
  }
  if (cand.policy === 'free') return true;

  // --- evidence for ----------------------------------------------------------
  let crypto = 0; // crypto-specific evidence
  let market = 0; // market words that also fit stocks, minus stock-market words
  const count = (matcher: PhraseMatcher<CueInfo>) => {
    for (const { start: at, end: to, value: info } of hits.within(matcher, ws, we)) {
      if (at < end && to > start) continue;
      if (info.kind === 'crypto' || info.coins.has(coin.coinId)) crypto += 2;
      else if (info.kind === 'finance') market += 1;
      else if (info.kind === 'stock') market -= 2;
    }
  };
  count(c.cues);
  count(c.caseCues);

  // Shapes that only prices and holdings have: "10 TAO", "TAO at $432", "TAO +5%", "TAO token".
  const head = text.slice(Math.max(ws, start - 40), start);
  if (AMOUNT_BEFORE.test(head) || VERB_BEFORE.test(head) || PRICE_OF_BEFORE.test(head)) crypto += 2;
  if (matchAt(PERCENT_AFTER, text, end) || matchAt(PRICE_AFTER, text, end) || matchAt(TOKENWORD_AFTER, text, end)) {
    crypto += 2;
  } else if (matchAt(MOVE_AFTER, text, end)) {
    crypto += matchAt(NUMBER_SOON, text, MOVE_AFTER.lastIndex) ? 2 : 1;
  }
  if (cand.hashtag) crypto += 1;
  // A percentage or a money amount nearby: market talk (weak, like a finance word).
  if (AMOUNT_NEARBY.test(text.slice(ws, we))) market += 1;

  // Other mentions nearby: a certain one anywhere, or other tickers.
  // Both lists are in text order and free of overlaps: start at the window.
  let others = 0;
  const s0 = firstEndingAfter(strong, ws);
  if (s0 < strong.length && strong[s0]!.start < we) crypto += 2;
  let sameCoin = false;
  for (let i = firstEndingAfter(weak, ws); i < weak.length && weak[i]!.start < we; i++) {
    const w = weak[i]!;
    if (w === cand) continue;
    if (w.coin === coin) sameCoin = true;
    else others++;
  }
  if (sameCoin) crypto += 2;
  crypto += Math.min(others, 2);

  if (cand.policy === 'context' && cand.form === 'symbol') return crypto + market >= 2;
  return crypto >= 2 && crypto + Math.min(market, 0) >= 2;
}

function detect(c: Compiled, text: string): Mention[] {
  const strong: Mention[] = [];
  const weak: Candidate[] = [];
  const re = c.master;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    let end = start + m[0].length;
    if (g.tag) {
      const entry = c.symbols.get(g.tag.slice(1).toUpperCase());
      if (!entry || shouldSkipCashtag(text, start, end)) continue;
      const pair = matchAt(c.pairAfter, text, end);
      if (pair) end += pair[0].length;
      strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind: pair ? 'pair' : 'cashtag' });
      re.lastIndex = end;
    } else if (g.name) {
      const key = g.name.replace(/[ \t\u00a0]+/g, ' ');
      const entry = c.aliasExact.get(key) ?? c.aliasFolded.get(key.toLowerCase());
      if (!entry) continue;
      const paren = matchAt(entry.coin.parenSymbol, text, end);
      if (paren) {
        end += paren[0].length;
        strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind: 'name-symbol' });
        re.lastIndex = end;
      } else if (entry.needsContext) {
        weak.push({ start, end, coin: entry.coin, form: 'alias', policy: 'word', hashtag: false });
      } else {
        strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind: 'name' });
      }
    } else if (g.sym) {
      const hashtag = g.sym.startsWith('#');
      const body = hashtag ? g.sym.slice(1) : g.sym;
      let entry = c.symbols.get(body);
      let kind: MentionKind | null = null;
      if (!entry) {
        // TAOUSDT
        const split = c.concatenatedPair.exec(body);
        entry = split ? c.symbols.get(split[1]!) : undefined;
        if (!entry || hashtag) continue;
        kind = 'pair';
      } else {
        const pair = matchAt(c.pairAfter, text, end);
        const paren = entry.coin.parenName && matchAt(entry.coin.parenName, text, end);
        if (pair) {
          end += pair[0].length;
          kind = 'pair';
        } else if (paren) {
          end += paren[0].length;
          kind = 'name-symbol';
        }
      }
      if (kind) {
        strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind });
        re.lastIndex = end;
      } else if (entry.bare !== 'never') {
        weak.push({ start, end, coin: entry.coin, form: 'symbol', policy: entry.bare, hashtag });
      }
    }
  }

  const out = strong.slice();
  const hits = new TextHits(text);
  for (const cand of weak) {
    if (scoreCandidate(c, text, cand, strong, weak, hits)) {
      out.push({ start: cand.start, end: cand.end, symbol: cand.coin.symbol, coinId: cand.coin.coinId, kind: cand.form === 'alias' ? 'name' : 'symbol' });
    }
  }
  out.sort((a, b) => a.start - b.start || b.end - a.end);
  // No overlaps: the earlier (then longer) mention wins.
  const result: Mention[] = [];
  for (const m of out) {
    const last = result[result.length - 1];
    if (!last || m.start >= last.end) result.push(m);
  }
  return result;
}

/** A finder for the registry plus extra coins (the user's watchlist). */
export function createMentionFinder(
  extraCoins: readonly CoinRef[] = [],
  tokens: readonly RegistryToken[] = REGISTRY,
  cues: ContextCues = CONTEXT_CUES,
): MentionFinder {
  const compiled = compile(tokens, cues, extraCoins);
  return (text: string) => detect(compiled, text);
}

let defaultFinder: MentionFinder | null = null;

/** Every AI-token mention in `text`, in order, non-overlapping. */
export function findMentions(text: string): Mention[] {
  defaultFinder ??= createMentionFinder();
  return defaultFinder(text);
}
