/**
 * A page's quick yes/no before the mention detector is loaded: could this
 * text hold a mention at all? It is the detector's own first step — its master
 * pattern finding a candidate (a known cashtag, a name, a ticker in capitals,
 * a pair) — built from the same parts (word-classes.ts `masterAlternatives`),
 * so it never says no where the detector could find something; it says yes
 * where a candidate is then judged not to be a mention ("NEAR" in a shouted
 * headline). Two passes keep a page without candidates cheap: a plain
 * case-sensitive alternation without word boundaries (quick to compile and
 * run), and only on a hit the same pattern with word boundaries — slightly
 * looser ones than the detector's (ASCII letters and digits, Devanagari's main
 * block), which never reject what the detector's would accept and compile in
 * a fraction of the time. The first pass works on any text; the second
 * expects text read as the detector reads it, blocks apart (see
 * entrypoints/content/mentions/trigger-watch.ts).
 * The registry's parts (names, tickers, quote currencies) and its first-pass
 * pattern are computed at build time through `virtual:mention-triggers`, so
 * the content script neither carries the registry nor builds that pattern on
 * every page; the watchlist's and the AI categories' coins (published by the
 * background in storage.local) are added on the page. Pure.
 */
import type { CoinRef } from '@/utils/model/coin';
import { escapeRe, LETTER, literal, masterAlternatives, type MasterAlias, type MasterParts } from './word-classes';
import type { CategoryTriggers } from './extra-triggers';

/** The parts an extra (watchlist) coin adds to the detector: its ticker and its exact name (compile.ts). */
export function extraParts(extra: readonly CoinRef[], quotes: readonly string[]): { aliases: MasterAlias[]; symbols: string[]; quotes: readonly string[] } {
  const symbols: string[] = [];
  const aliases: MasterAlias[] = [];
  for (const c of extra) {
    const symbol = c.symbol.trim().toUpperCase();
    if (/^[A-Z0-9]{1,12}$/.test(symbol) && /[A-Z]/.test(symbol)) symbols.push(symbol);
    const name = c.name.trim();
    if (name.length >= 3 && LETTER.test(name)) aliases.push({ text: name, anyCase: false });
  }
  return { aliases, symbols, quotes };
}

export interface MentionTrigger {
  /** The cheap first pass: false means no candidate in `text`, read any way. */
  loose(text: string): boolean;
  /** Where the first pass matches in `text`: every start (overlaps included), at most `max`; null when there are more. */
  looseStarts(text: string, max: number): number[] | null;
  /** Whether `text`, read as the detector reads it (blocks apart), holds a candidate. */
  test(text: string): boolean;
}

/** The registry's part of the trigger: its parts, and its first-pass pattern computed ahead (at build time). */
export interface TriggerData {
  parts: MasterParts;
  /** `parts`' unbounded first-pass source. */
  loose: string;
}

export function triggerData(parts: MasterParts): TriggerData {
  return { parts, loose: looseSource(parts) };
}

const looseSource = (parts: MasterParts) => masterAlternatives(parts, { tag: 'known', bounded: false, named: false }).join('|');

/**
 * Where an AI-category coin's ticker can count (compile.ts: never bare): as a
 * cashtag in any case, in "(SYM)" after a name, before a pair's separator or
 * glued quote, before "token"/"coin", or before "(Name)". Bounded: not inside
 * a longer word (ASCII letters and digits, as the trigger's other boundaries).
 */
function categoryTickerSources(tickers: readonly string[], quotes: readonly string[], bounded: boolean): string[] {
  if (tickers.length === 0) return [];
  const byLength = (list: readonly string[]) => [...new Set(list)].sort((a, b) => b.length - a.length);
  const syms = byLength(tickers).map(escapeRe).join('|');
  const glued = byLength(quotes).map(escapeRe).join('|');
  const sp = '[ \\t\\u00a0]';
  const after = `(?:${sp}?[/\\-_]|${glued ? `(?:${glued})|` : ''}${sp}+(?:[Tt][Oo][Kk][Ee][Nn]|[Cc][Oo][Ii][Nn]|टोकन|कॉइन)|${sp}*[(\\[])`;
  const before = bounded ? '(?<![A-Za-z0-9_$])' : '';
  return [
    `${before}\\$(?:${byLength(tickers).map((t) => literal(t, true)).join('|')})`,
    `[(\\[]${sp}*\\$?(?:${syms})${sp}*[)\\]]`,
    `${before}(?:${syms})${after}`,
  ];
}

/**
 * The trigger test for a page: the registry's part (built in), the watchlist's
 * extra coins and the AI categories' coins (the living registry: every ticker,
 * and the names that count on their own; a name that counts only in "Name
 * (SYM)" is covered by its ticker there).
 */
export function mentionTrigger(registry: TriggerData, extra: readonly CoinRef[] = [], category: CategoryTriggers | null = null): MentionTrigger {
  const more = extraParts(extra, registry.parts.quotes);
  if (category) more.aliases.push(...category.names.filter((n) => LETTER.test(n)).map((text) => ({ text, anyCase: false })));
  const tickers = (category?.symbols ?? []).filter((s) => /^[A-Z0-9]{1,12}$/.test(s) && /[A-Z]/.test(s));
  const quotes = category?.quotes.length ? category.quotes : registry.parts.quotes;
  const hasMore = more.aliases.length + more.symbols.length > 0;
  const looseSourceAll = [registry.loose, ...(hasMore ? [looseSource(more)] : []), ...categoryTickerSources(tickers, quotes, false)].join('|');
  const looseRe = new RegExp(looseSourceAll);
  let looseAll: RegExp | null = null;
  let exactRe: RegExp | null = null;
  const loose = (text: string) => looseRe.test(text);
  return {
    loose,
    looseStarts(text, max) {
      looseAll ??= new RegExp(looseSourceAll, 'g');
      const starts: number[] = [];
      looseAll.lastIndex = 0;
      for (let m = looseAll.exec(text); m; m = looseAll.exec(text)) {
        if (starts.length === max) return null;
        starts.push(m.index);
        looseAll.lastIndex = m.index + 1;
      }
      return starts;
    },
    test(text) {
      if (!loose(text)) return false;
      if (!exactRe) {
        const parts: MasterParts = {
          aliases: [...registry.parts.aliases, ...more.aliases],
          symbols: [...registry.parts.symbols, ...more.symbols],
          quotes: registry.parts.quotes,
        };
        // Looser word boundaries than the detector's (ASCII, Devanagari's main block): never stricter, quick to compile.
        const sources = [...masterAlternatives(parts, { tag: 'known', bounded: true, named: false, bounds: 'loose' }), ...categoryTickerSources(tickers, quotes, true)];
        exactRe = new RegExp(sources.join('|'));
      }
      return exactRe.test(text);
    },
  };
}
