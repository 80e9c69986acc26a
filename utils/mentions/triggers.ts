/**
 * A page's quick yes/no before the mention detector is loaded: could this
 * text hold a mention at all? True whenever `findMentions` (or a finder with
 * extra coins) could find something — every mention form contains one of the
 * triggers: a registry symbol or name (cashtags, pairs, bare tickers, names,
 * "Name (SYM)"), a `$` before a letter (any cashtag), a short ticker in
 * parentheses, or an extra coin's symbol or name. It may say yes when there is
 * nothing (it is a filter, not a detector); it never says no when there is
 * something. Pure; the registry's part is computed at build time
 * (`mentionTriggerWords`), so the content script does not carry the registry.
 */
import type { CoinRef } from '@/utils/model/coin';
import type { RegistryToken } from './registry';

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

/** One case-insensitive pattern for the trigger words, cashtags, "(SYM)" and extra coins. */
export function mentionTrigger(words: readonly string[], extra: readonly CoinRef[] = []): RegExp {
  const all = new Set(words);
  for (const c of extra) {
    all.add(c.symbol.toLowerCase());
    all.add(c.name.toLowerCase());
  }
  const alternatives = [...all].filter(Boolean).sort((a, b) => b.length - a.length).map(escape);
  return new RegExp(['\\$[a-z]', '\\([a-z0-9]{2,12}\\)', ...alternatives].join('|'), 'iu');
}
