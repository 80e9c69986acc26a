/**
 * Data-driven rules for category coins (the living registry), decided once
 * when a list is fetched rather than per coin by hand: whether a coin's name
 * is distinctive (no ordinary word: found bare, in crypto context) and whether
 * its ticker is an ordinary word (its cashtag then counts only in capitals).
 * "Ordinary" is what the word list that ships with the extension says
 * (`ordinary-words.txt`, loaded by the background on demand). Pure.
 */
import type { CategoryCoin } from '@/utils/model/registry';
import { CONTEXT_CUES } from './registry';

/** A ticker the detector can take from a category list: 2–12 capitals or digits, at least one letter. */
export function isCategoryTicker(symbol: string): boolean {
  return /^[A-Z0-9]{2,12}$/.test(symbol) && /[A-Z]/.test(symbol);
}

const WORD = /[\p{L}\p{N}]+/gu;

/** Whether `word` (any case) is ordinary: listed, or a listed word's plural or possessive. */
export function isOrdinaryWord(word: string, ordinary: ReadonlySet<string>): boolean {
  const w = word.toLowerCase();
  if (ordinary.has(w)) return true;
  if (w.endsWith("'s") || w.endsWith('’s')) return ordinary.has(w.slice(0, -2));
  if (w.endsWith('es') && ordinary.has(w.slice(0, -2))) return true;
  return w.endsWith('s') && ordinary.has(w.slice(0, -1));
}

/**
 * Whether a coin's name may be found on its own: after dropping the words any
 * coin's name may carry ("Network", "Protocol", "AI", "DAO": `genericNameWords`
 * in context.json), some word of three or more letters is not ordinary
 * ("Kaito", "Zerebro", "Sahara AI"), or the name is written as an address
 * ("io.net"). "Grass", "Story", "Echelon Prime" and "Virtuals" are not.
 */
export function isDistinctiveName(name: string, ordinary: ReadonlySet<string>, generic: readonly string[] = CONTEXT_CUES.genericNameWords ?? []): boolean {
  const trimmed = name.trim();
  if (trimmed.length < 3) return false;
  if (/^[\p{L}\p{N}]+\.[\p{L}]{2,}$/u.test(trimmed) && !ordinary.has(trimmed.toLowerCase())) return true;
  const skip = new Set(generic.map((w) => w.toLowerCase()));
  const words = (trimmed.match(WORD) ?? []).filter((w) => !skip.has(w.toLowerCase()));
  if (words.length === 0) return false;
  return words.some((w) => w.length >= 3 && /\p{L}/u.test(w) && !/^\d+$/.test(w) && !isOrdinaryWord(w, ordinary));
}

/** Whether a ticker reads as an ordinary word (TURBO, GRASS, PRIME), so `$turbo` in lower case is not taken. */
export function isWordTicker(symbol: string, ordinary: ReadonlySet<string>): boolean {
  return /^[A-Z]{2,}$/.test(symbol) && ordinary.has(symbol.toLowerCase());
}

/** "Artificial Intelligence" for AI, "Internet of Things" for IOT: the ticker is the name's initials. */
export function nameIsAcronymOf(name: string, symbol: string): boolean {
  const words = name.match(WORD) ?? [];
  if (words.length < 2) return false;
  const initials = words.map((w) => w[0]!.toUpperCase()).join('');
  const major = words.filter((w) => !/^(?:of|the|and|for|a|an|to|in|on)$/i.test(w)).map((w) => w[0]!.toUpperCase()).join('');
  return symbol === initials || symbol === major;
}

/**
 * The forms of a category coin's name that are looked for: the name as
 * CoinGecko writes it, in capitals, a name in capitals also with a capital
 * initial only ("KAITO" → "Kaito"), and the head of an "X by Y" name
 * ("aixbt by Virtuals" → "aixbt") when that head is distinctive on its own.
 */
export function nameForms(name: string, distinctive: boolean, ordinary?: ReadonlySet<string>): string[] {
  const forms = [name];
  if (!distinctive) return forms;
  const by = /^(.+?)[ \t]+by[ \t]+[\p{L}\p{N}.]+$/u.exec(name);
  if (by && (!ordinary || isDistinctiveName(by[1]!, ordinary))) forms.push(by[1]!);
  for (const f of [...forms]) {
    forms.push(f.toUpperCase());
    if (f === f.toUpperCase() && f.length >= 4 && /^\p{L}+$/u.test(f)) forms.push(f[0] + f.slice(1).toLowerCase());
  }
  return [...new Set(forms)];
}

/** Capitalised words a project's name takes ("Story Protocol", "Kaito Foundation"): with one, even an ordinary-word name is a name. */
const PROJECT_SUFFIXES = ['Protocol', 'Network', 'Foundation', 'Labs'];

/**
 * A category coin's name forms: `all` are looked for, `bare` may count on their own (in crypto context).
 * A distinctive name's forms (nameForms) count bare; any name followed by a project suffix ("Story Protocol") does too.
 */
export function categoryNameForms(name: string, distinctive: boolean): { all: Set<string>; bare: Set<string> } {
  const base = nameForms(name, distinctive);
  const all = new Set(base);
  const bare = new Set(distinctive ? base : []);
  // A distinctive name already counts, and "Kaito Network" begins with it: only names that are words need the suffix.
  if (!distinctive && !PROJECT_SUFFIXES.some((s) => name.endsWith(` ${s}`)) && /^\p{Lu}/u.test(name)) {
    for (const s of PROJECT_SUFFIXES) {
      all.add(`${name} ${s}`);
      bare.add(`${name} ${s}`);
    }
  }
  return { all, bare };
}

/** Reads the shipped word list: one lower-case word per line. */
export function parseWordList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n')) {
    const w = line.trim().toLowerCase();
    if (w && !w.startsWith('#')) out.add(w);
  }
  return out;
}

/** A category list's coin with the flags the detector needs, or null when its ticker cannot be matched. */
export function classifyCategoryCoin(
  coin: { coinId: string; symbol: string; name: string; marketCap: number | null },
  ordinary: ReadonlySet<string>,
): CategoryCoin | null {
  const symbol = coin.symbol.trim().toUpperCase();
  const name = coin.name.trim();
  if (!isCategoryTicker(symbol) || !name) return null;
  return {
    coinId: coin.coinId,
    symbol,
    name,
    marketCap: coin.marketCap,
    distinctiveName: isDistinctiveName(name, ordinary),
    symbolIsWord: isWordTicker(symbol, ordinary),
  };
}
