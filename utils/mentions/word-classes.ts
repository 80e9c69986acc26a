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
  /** Matched in any letter case (`literal(text, true)`). */
  anyCase?: boolean;
}

interface TrieNode {
  end: boolean;
  next: Map<string, TrieNode>;
}

/** The regex source of one character or space run of a literal, as `literal` writes it. */
function units(text: string, anyCase: boolean): string[] {
  const out: string[] = [];
  for (const ch of text) {
    if (/\s/.test(ch)) {
      if (out[out.length - 1] !== '[ \\t\\u00a0]+') out.push('[ \\t\\u00a0]+');
    } else if (anyCase && ch.toLowerCase() !== ch.toUpperCase()) {
      out.push(`[${escapeRe(ch.toLowerCase())}${escapeRe(ch.toUpperCase())}]`);
    } else {
      out.push(escapeRe(ch));
    }
  }
  return out;
}

/**
 * Literals as one regex source shaped like a trie (`Render(?:[ \t\u00a0]+Network)?|Rule…`): shared prefixes are
 * written once, so the regex engine tries a handful of first characters at each position instead of every
 * alternative. With hundreds of coin names (the AI categories) a flat alternation ran at about 1 MB/s; a longer
 * literal is still tried before its prefix (the optional group is greedy), so the longest name wins.
 */
export function trieSource(patterns: readonly AliasPattern[]): string {
  const root: TrieNode = { end: false, next: new Map() };
  for (const p of patterns) {
    let node = root;
    for (const u of units(p.text, !!p.anyCase)) {
      let child = node.next.get(u);
      if (!child) node.next.set(u, (child = { end: false, next: new Map() }));
      node = child;
    }
    node.end = true;
  }
  const emit = (node: TrieNode): string => {
    if (node.next.size === 0) return '';
    const alternatives = [...node.next].map(([u, child]) => u + emit(child));
    const body = alternatives.length === 1 ? alternatives[0]! : `(?:${alternatives.join('|')})`;
    if (!node.end) return body;
    return alternatives.length === 1 && node.next.size === 1 ? `(?:${body})?` : `${body.startsWith('(?:') ? body : `(?:${body})`}?`;
  };
  return root.next.size ? emit(root) : '(?!)';
}

/**
 * Whole-word alternatives, grouped by the scripts of their first and last
 * characters so that each group shares one boundary check: a lookaround per
 * alternative made V8 compile the master regex for ~100 ms on first use.
 * Each group is a trie (`trieSource`), in which longer phrases win.
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
    out.push(`${before}(?:${trieSource(list)})${after}`);
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

/** Longest run of capitals and digits read as a ticker or a glued pair (a 12-character ticker and a 5-character quote). */
const TICKER_RUN_MAX = 20;

/**
 * The master pattern's three alternatives: a cashtag, a name, a bare ticker or
 * pair. The detector's (`tag: 'any'`, `sym: 'run'`) takes every `$word` and
 * every run of capitals and looks them up; a page's trigger test (`tag:
 * 'known'`, `sym: 'listed'`) only the symbols in `parts` (with a pair's quote
 * glued on, as the detector splits "TAOUSDT") — never less than the detector. Unbounded,
 * the same alternatives without their word-boundary checks: a cheap first
 * pass that finds everything the bounded one finds, and more.
 */
export function masterAlternatives(
  parts: MasterParts,
  opts: {
    tag: 'any' | 'known';
    bounded: boolean;
    named: boolean;
    bounds?: Bounds;
    /** Bare tickers: the listed symbols (the page's trigger), or any run of capitals the detector then looks up. */
    sym?: 'listed' | 'run';
  },
): string[] {
  const group = (name: string, source: string) => (opts.named ? `(?<${name}>${source})` : `(?:${source})`);
  const tagSymbols = parts.symbols.filter((s) => /^[A-Za-z][A-Za-z0-9]{0,11}$/.test(s));
  const tagBody = opts.tag === 'any' ? '[A-Za-z][A-Za-z0-9]{0,11}' : `(?:${[...new Set(tagSymbols.map((s) => s.toUpperCase()))].sort((a, b) => b.length - a.length).map(anyCase).join('|') || '(?!)'})`;
  const bare = [...new Set(parts.symbols.filter((s) => /^[A-Z]/.test(s)))].sort((a, b) => b.length - a.length).map(escapeRe).join('|') || '(?!)';
  const quotes = [...parts.quotes].sort((a, b) => b.length - a.length).map(escapeRe).join('|');
  const patterns = parts.aliases.map((a) => ({ source: literal(a.text, a.anyCase), text: a.text, anyCase: a.anyCase }));
  if (!opts.bounded) return [`\\$${tagBody}`, `(?:${trieSource(patterns)})`, `(?:${bare})`];
  const b = BOUNDS[opts.bounds ?? 'unicode'];
  return [
    `${group('tag', `${b.beforeTag}\\$${tagBody}`)}${b.afterLatin}`,
    group('name', groupBounded(patterns, opts.bounds)),
    opts.sym === 'run'
      ? `${group('sym', `(?<![${b.latinWord}$])#?[A-Z][A-Z0-9]{1,${TICKER_RUN_MAX - 1}}`)}${b.afterLatin}`
      : `${group('sym', `(?<![${b.latinWord}$])#?(?:${bare})(?:${quotes})?`)}${b.afterLatin}`,
  ];
}
