/**
 * Unicode-aware word boundaries for Latin and Devanagari (`\b` is not used) and
 * the regex sources of literal aliases, grouped by the boundaries they need.
 */

export const LATIN_WORD = String.raw`\p{Script=Latin}\p{N}_`;
const DEVA_WORD = String.raw`\p{Script=Devanagari}\p{N}\u200c\u200d`;
const NOT_BEFORE_LATIN = `(?<![${LATIN_WORD}])`;
export const NOT_AFTER_LATIN = String.raw`(?![${LATIN_WORD}\p{M}])`;
const NOT_BEFORE_DEVA = `(?<![${DEVA_WORD}])`;
const NOT_AFTER_DEVA = String.raw`(?![${DEVA_WORD}\p{M}])`;
const isDevanagari = (ch: string) => /\p{Script=Devanagari}/u.test(ch);

/** Word boundaries: the detector's (Unicode classes), or looser ones in ASCII and Devanagari's main block, quick to compile (the page's trigger test). */
export type Bounds = 'unicode' | 'loose';
const BOUNDS = {
  unicode: { beforeLatin: NOT_BEFORE_LATIN, afterLatin: NOT_AFTER_LATIN, beforeDeva: NOT_BEFORE_DEVA, afterDeva: NOT_AFTER_DEVA, beforeTag: String.raw`(?<![\p{L}\p{N}_$])`, latinWord: LATIN_WORD },
  loose: {
    beforeLatin: '(?<![A-Za-z0-9_])',
    afterLatin: '(?![A-Za-z0-9_])',
    beforeDeva: '(?<![\u0900-\u097F0-9\u200c\u200d])',
    afterDeva: '(?![\u0900-\u097F0-9\u200c\u200d])',
    beforeTag: '(?<![A-Za-z0-9_$])',
    latinWord: 'A-Za-z0-9_',
  },
};
export const LOWER = /\p{Ll}/u;
export const UPPER = /\p{Lu}/u;
export const LETTER = /\p{L}/u;

export const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A literal as a regex source, spaces matching any run of spaces, optionally in any letter case. */
export function literal(text: string, anyCase: boolean): string {
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

export interface AliasPattern {
  source: string;
  text: string;
}

/**
 * Whole-word alternatives, grouped by the scripts of their first and last
 * characters so that each group shares one boundary check: a lookaround per
 * alternative made V8 compile the master regex for ~100 ms on first use.
 * Longest first within a group, so phrases win.
 */
export function groupBounded(patterns: readonly AliasPattern[], bounds: Bounds = 'unicode'): string {
  const b = BOUNDS[bounds];
  const groups = new Map<string, AliasPattern[]>();
  for (const p of patterns) {
    const key = `${isDevanagari(p.text[0]!) ? 'D' : 'L'}${isDevanagari(p.text[p.text.length - 1]!) ? 'D' : 'L'}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const out: string[] = [];
  for (const [key, list] of groups) {
    const before = key[0] === 'D' ? b.beforeDeva : b.beforeLatin;
    const after = key[1] === 'D' ? b.afterDeva : b.afterLatin;
    const sources = [...new Set(list.sort((a, b) => b.text.length - a.text.length).map((p) => p.source))];
    out.push(`${before}(?:${sources.join('|')})${after}`);
  }
  return out.join('|') || '(?!)';
}

/** What the master pattern looks for: literal names, tickers (capitals) and the quote currencies of pairs. */
export interface MasterAlias {
  text: string;
  /** Matched in any letter case (else as written). */
  anyCase: boolean;
}

export interface MasterParts {
  /** Names, matched whole-word. */
  aliases: readonly MasterAlias[];
  /** Tickers and other symbols; those that start with a capital are also found bare. */
  symbols: readonly string[];
  quotes: readonly string[];
}

/** `TAO` in any letter case, as a regex source (a cashtag's letters may be any case). */
const anyCase = (s: string) => literal(s, true);

/**
 * The master pattern's three alternatives: a cashtag, a name, a bare ticker or
 * pair. The detector's (`tag: 'any'`) takes every `$word` and looks it up; a
 * page's trigger test (`tag: 'known'`) only the symbols in `parts`. Unbounded,
 * the same alternatives without their word-boundary checks: a cheap first
 * pass that finds everything the bounded one finds, and more.
 */
export function masterAlternatives(
  parts: MasterParts,
  opts: { tag: 'any' | 'known'; bounded: boolean; named: boolean; bounds?: Bounds },
): string[] {
  const group = (name: string, source: string) => (opts.named ? `(?<${name}>${source})` : `(?:${source})`);
  const tagSymbols = parts.symbols.filter((s) => /^[A-Za-z][A-Za-z0-9]{0,11}$/.test(s));
  const tagBody = opts.tag === 'any' ? '[A-Za-z][A-Za-z0-9]{0,11}' : `(?:${[...new Set(tagSymbols.map((s) => s.toUpperCase()))].sort((a, b) => b.length - a.length).map(anyCase).join('|') || '(?!)'})`;
  const bare = [...new Set(parts.symbols.filter((s) => /^[A-Z]/.test(s)))].sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  const quotes = [...parts.quotes].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const patterns = parts.aliases.map((a) => ({ source: literal(a.text, a.anyCase), text: a.text }));
  if (!opts.bounded) {
    const names = [...new Set(patterns.map((p) => p.source))].join('|') || '(?!)';
    return [`\\$${tagBody}`, `(?:${names})`, `(?:${bare})`];
  }
  const b = BOUNDS[opts.bounds ?? 'unicode'];
  return [
    `${group('tag', `${b.beforeTag}\\$${tagBody}`)}${b.afterLatin}`,
    group('name', groupBounded(patterns, opts.bounds)),
    `${group('sym', `(?<![${b.latinWord}$])#?(?:${bare})(?:${quotes})?`)}${b.afterLatin}`,
  ];
}
