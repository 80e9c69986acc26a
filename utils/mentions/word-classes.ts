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
}

/**
 * Whole-word alternatives, grouped by the scripts of their first and last
 * characters so that each group shares one boundary check: a lookaround per
 * alternative made V8 compile the master regex for ~100 ms on first use.
 * Longest first within a group, so phrases win.
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
    const sources = [...new Set(list.sort((a, b) => b.text.length - a.text.length).map((p) => p.source))];
    out.push(`${before}(?:${sources.join('|')})${after}`);
  }
  return out.join('|') || '(?!)';
}
