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
export function groupBounded(patterns: readonly AliasPattern[]): string {
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
    out.push(`${before}(?:${trieSource(list)})${after}`);
  }
  return out.join('|') || '(?!)';
}
