/**
 * The detector: strong mentions (cashtags, pairs, "Name (SYM)", unambiguous
 * names) are taken at once; bare tickers and ambiguous names are candidates,
 * kept only when the words around them are about crypto and not about
 * another sense of the word.
 */
import { PhraseMatcher, splitWords, type PhraseHit, type Words } from './phrase-matcher';
import type { MentionKind, Mention } from './types';
import { LOWER } from './word-classes';
import type { Coin, BarePolicy, CueInfo, Compiled } from './compile';
import { AMOUNT_BEFORE, VERB_BEFORE, TICKER_COMPOUND_AFTER, PRICE_OF_BEFORE, PERCENT_AFTER, PRICE_AFTER, MOVE_AFTER, AMOUNT_NEARBY, NUMBER_SOON, TOKENWORD_AFTER, TOKEN_NOUN_AFTER, TOKEN_NOUNS_AFTER, BUY_QUESTION_AFTER, NAME_FOLLOWERS, PREPOSITIONS, DETERMINERS, PERSON_AFTER, HONORIFIC_BEFORE, CODE_AFTER, CODE_BEFORE, matchAt, nextWord, previousWord, isTitleCase, isTitleCaseLine, contextWindow } from './surroundings';

interface Candidate {
  start: number;
  end: number;
  coin: Coin;
  /** 'symbol' for bare tickers, 'alias' for ambiguous names. */
  form: 'symbol' | 'alias';
  policy: BarePolicy;
  hashtag: boolean;
}

/** Crypto evidence a one-word name opening a sentence needs when what follows it says nothing ("Near term…" vs "Render, TAO and FET rallied"). */
const SENTENCE_START_EVIDENCE = 6;
/** How far around a category coin's distinctive name crypto words are looked for (characters). */
const WIDE_CONTEXT = 1000;

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

  let needed = 2;
  if (cand.form === 'alias') {
    // A verb or a common noun, not a name: "Render the page", "Ocean of …".
    if (DETERMINERS.has(next.word) && !/[,;:]/.test(text.slice(end, next.start))) return false;
    // Part of a longer proper name: "Frank Ocean", "Arkham Asylum", "Akash Ambani" — unless the line is a
    // headline in title case ("Bittensor, Grass, Render Tokens Decline"). A category coin's distinctive name is a
    // name already: what follows it ("Kaito Launchpool") does not make it part of another.
    const headline = isTitleCaseLine(text, start, end);
    if (!headline && !coin.fromCategory && next.raw && isTitleCase(next.raw) && next.start === end + 1) return false;
    if (!headline && prev.raw && isTitleCase(prev.raw) && !prev.sentenceStart && !prev.atSentenceStart) return false;
    // A person: "Akash said", "Mr. Akash". A category coin's distinctive name "says" things as a project does
    // ("Aethir says its GPU cloud…"), so only an honorific rules it out.
    if (HONORIFIC_BEFORE.test(text.slice(Math.max(0, start - 12), start))) return false;
    if (!coin.fromCategory && matchAt(PERSON_AFTER, text, end)) return false;
    // At the start of a sentence a capital says nothing: "Render farms use GPUs", "Render times dropped".
    // A one-word name there must be followed by what a name takes (a verb, "token", "and", punctuation),
    // or stand in text that is clearly about crypto.
    if (
      !coin.fromCategory &&
      prev.atSentenceStart &&
      !/[ \t\u00a0]/.test(text.slice(start, end)) &&
      next.raw &&
      next.start === end + 1 &&
      LOWER.test(next.raw[0]!) &&
      !NAME_FOLLOWERS.has(next.word) &&
      !matchAt(MOVE_AFTER, text, end) &&
      !matchAt(TOKENWORD_AFTER, text, end)
    ) {
      needed = SENTENCE_START_EVIDENCE;
    }
  }

  // A category coin's distinctive name is unlikely to mean anything else: crypto words anywhere in the text around
  // it (the page's block, across paragraphs) speak for it, not only those in its sentence.
  const [ws, we] = cand.form === 'alias' && coin.fromCategory ? [Math.max(0, start - WIDE_CONTEXT), Math.min(text.length, end + WIDE_CONTEXT)] : contextWindow(text, start, end, 220);
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
  if (
    matchAt(PERCENT_AFTER, text, end) ||
    matchAt(PRICE_AFTER, text, end) ||
    matchAt(TOKENWORD_AFTER, text, end) ||
    (cand.form === 'symbol' && matchAt(BUY_QUESTION_AFTER, text, end))
  ) {
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
  // The same coin named for certain anywhere in the text ("io.net (IO)" in a title, "io.net" in the paragraph below).
  else if (strong.some((m) => m.coinId === coin.coinId)) crypto += 2;
  let sameCoin = false;
  for (let i = firstEndingAfter(weak, ws); i < weak.length && weak[i]!.start < we; i++) {
    const w = weak[i]!;
    if (w === cand) continue;
    if (w.coin === coin) sameCoin = true;
    else others++;
  }
  if (sameCoin) crypto += 2;
  crypto += Math.min(others, 2);

  if (cand.policy === 'context' && cand.form === 'symbol') return crypto + market >= needed;
  return crypto >= needed && crypto + Math.min(market, 0) >= needed;
}

export function detect(c: Compiled, text: string): Mention[] {
  const strong: Mention[] = [];
  const weak: Candidate[] = [];
  const re = c.master;
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const g = m.groups!;
    const start = m.index;
    let end = start + m[0].length;
    if (g.tag) {
      const body = g.tag.slice(1);
      const entry = c.symbols.get(body.toUpperCase());
      if (!entry || shouldSkipCashtag(text, start, end)) continue;
      // `$turbo`, `$grass`: a category ticker that is a word counts only in capitals.
      if (!entry.coin.anyCaseCashtag && body !== body.toUpperCase()) continue;
      const pair = matchAt(c.pairAfter, text, end);
      if (pair) end += pair[0].length;
      strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind: pair ? 'pair' : 'cashtag' });
      re.lastIndex = end;
    } else if (g.name) {
      const key = g.name.replace(/[ \t\u00a0]+/g, ' ');
      const entry = c.aliasExact.get(key) ?? c.aliasFolded.get(key.toLowerCase());
      if (!entry) continue;
      // A name written like its ticker ("ZEREBRO/USDT"): a pair.
      const asSymbol = c.symbols.get(key);
      const pair = asSymbol && matchAt(c.pairAfter, text, end);
      if (asSymbol && pair) {
        end += pair[0].length;
        strong.push({ start, end, symbol: asSymbol.coin.symbol, coinId: asSymbol.coin.coinId, kind: 'pair' });
        re.lastIndex = end;
        continue;
      }
      const paren = matchAt(entry.coin.parenSymbol(), text, end);
      if (paren && entry.coin.parenNeedsContext) {
        // "Artificial Intelligence (AI)" defines an acronym unless the text is about crypto.
        end += paren[0].length;
        weak.push({ start, end, coin: entry.coin, form: 'alias', policy: 'word', hashtag: false });
        re.lastIndex = end;
      } else if (paren) {
        end += paren[0].length;
        strong.push({ start, end, symbol: entry.coin.symbol, coinId: entry.coin.coinId, kind: 'name-symbol' });
        re.lastIndex = end;
      } else if (entry.coin.fromCategory && entry.coin.parenName && matchAt(entry.coin.parenName(), text, end)) {
        // "KAITO (Kaito)": a name followed by another of its forms is one mention; it still needs crypto context.
        end = entry.coin.parenName().lastIndex;
        weak.push({ start, end, coin: entry.coin, form: 'alias', policy: 'word', hashtag: false });
        re.lastIndex = end;
      } else if (entry.onlyWithSymbol) {
        continue;
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
        if (!entry || hashtag || !/^[A-Z]/.test(split![1]!)) continue;
        kind = 'pair';
      } else if (!/^[A-Z]/.test(body)) {
        continue;
      } else {
        const pair = matchAt(c.pairAfter, text, end);
        const paren = entry.coin.parenName && matchAt(entry.coin.parenName(), text, end);
        if (pair) {
          end += pair[0].length;
          kind = 'pair';
        } else if (paren) {
          end += paren[0].length;
          kind = 'name-symbol';
        }
      }
      if (
        !kind &&
        entry.bare === 'never' &&
        !hashtag &&
        !c.tokenKinds.has(body) &&
        (matchAt(TOKEN_NOUN_AFTER, text, end) || (matchAt(TOKEN_NOUNS_AFTER, text, end) && AMOUNT_BEFORE.test(text.slice(Math.max(0, start - 40), start))))
      ) {
        // "the ASI token", "10,000 GRASS tokens": a ticker named as a coin, even one never taken bare; the mark
        // covers the noun too, as a pair's covers its quote.
        kind = 'symbol';
        const noun = matchAt(TOKEN_NOUN_AFTER, text, end) ?? matchAt(TOKEN_NOUNS_AFTER, text, end);
        if (noun) end += noun[0].length;
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
