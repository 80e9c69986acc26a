/**
 * A page's quick yes/no before the mention detector is loaded: could this
 * text hold a mention at all? True whenever `findMentions` (or a finder with
 * extra coins) could find something — every mention form contains one of the
 * triggers: a registry symbol or name (cashtags, pairs, bare tickers, names,
 * "Name (SYM)"), a `$` before a letter (any cashtag), a short ticker in
 * parentheses, an extra coin's symbol or name, and for the category coins
 * (the living registry) their distinctive names and their tickers in the
 * forms that count for them ("SYM token", `SYM/USDT`, `SYMUSDT`). It may say
 * yes when there is nothing (it is a filter, not a detector); it never says
 * no when there is something. Pure; the registry's part is computed at build
 * time (`mentionTriggerWords`), so the content script does not carry the
 * registry; the categories' part is published by the background.
 */
import type { CoinRef } from '@/utils/model/coin';
import type { RegistryToken } from './registry';
import type { CategoryTriggers } from './extra-triggers';

/** Lower-case words and names whose presence means "look closer". */
export function mentionTriggerWords(tokens: readonly RegistryToken[]): string[] {
  const words = new Set<string>();
  const add = (w: string | undefined) => w && words.add(w.toLowerCase());
  for (const t of tokens) {
    add(t.symbol);
    add(t.name);
    for (const list of [t.aliases, t.caseSensitiveAliases, t.contextAliases, t.formerSymbols, t.otherSymbols]) list?.forEach(add);
  }
  return [...words].sort();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface MentionTrigger {
  test(text: string): boolean;
}

/** One case-insensitive pattern for the trigger words, cashtags, "(SYM)" and extra coins, and one case-sensitive one for category tickers. */
export function mentionTrigger(words: readonly string[], extra: readonly CoinRef[] = [], category: CategoryTriggers | null = null): MentionTrigger {
  const all = new Set(words);
  for (const c of extra) {
    all.add(c.symbol.toLowerCase());
    all.add(c.name.toLowerCase());
  }
  for (const name of category?.names ?? []) all.add(name.toLowerCase());
  const alternatives = [...all].filter(Boolean).sort((a, b) => b.length - a.length).map(escape);
  const anyCase = new RegExp(['\\$[a-z]', '[(\\[][ \\t\\u00a0]*[a-z0-9]{2,12}[ \\t\\u00a0]*[)\\]]', ...alternatives].join('|'), 'iu');
  const symbols = (category?.symbols ?? []).filter((s) => /^[A-Z0-9]{2,12}$/.test(s));
  if (symbols.length === 0) return anyCase;
  const quotes = (category?.quotes ?? []).filter((q) => /^[A-Z0-9]{2,12}$/.test(q));
  // A category ticker counts only as "SYM token", in a pair ("SYM/USDT", "SYM-PERP") or glued to its quote ("SYMUSDT").
  const forms = ['[ \\t\\u00a0]?[/\\-_]', '[ \\t\\u00a0]+(?:[Tt][Oo][Kk][Ee][Nn]|[Cc][Oo][Ii][Nn]|टोकन|कॉइन)', ...quotes.map(escape)];
  const tickers = new RegExp(`(?:${[...new Set(symbols)].sort((a, b) => b.length - a.length).join('|')})(?:${forms.join('|')})`, 'u');
  return { test: (text) => anyCase.test(text) || tickers.test(text) };
}
