/**
 * Reads the labelled mention corpus (tests/fixtures/mentions/*.txt) and scores
 * a detector against it. Format (see the folder's README): one snippet per
 * line, `\n` for a line break, `#` starts a comment line, and each expected
 * mention written `[[text|SYMBOL]]`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Mention } from '@/utils/mentions';

export const CORPUS_DIR = join(__dirname, '../../../fixtures/mentions');

export interface LabelledMention {
  start: number;
  end: number;
  symbol: string;
}

export interface Snippet {
  /** File and line, for messages. */
  where: string;
  text: string;
  expected: LabelledMention[];
  /**
   * `{{text|SYM}}`: a bare ticker of a category coin, which a reader takes for the coin but the rules never count
   * on its own. Ignored by the score (neither found right nor a false alarm) unless it is `strict`.
   */
  excluded: LabelledMention[];
  /** From a negatives-*.txt file: no mention expected. */
  hardNegative: boolean;
  language: 'en' | 'hi';
}

const MARK = /\[\[([^|\]]+)\|([A-Z0-9]+)\]\]|\{\{([^|}]+)\|([A-Z0-9]+)\}\}/g;

export function parseSnippet(line: string, where: string, hardNegative: boolean, language: 'en' | 'hi'): Snippet {
  const raw = line.replace(/\\n/g, '\n');
  let text = '';
  const expected: LabelledMention[] = [];
  const excluded: LabelledMention[] = [];
  let last = 0;
  for (const m of raw.matchAll(MARK)) {
    text += raw.slice(last, m.index);
    const [shown, symbol, list] = m[1] !== undefined ? [m[1], m[2]!, expected] : [m[3]!, m[4]!, excluded];
    list.push({ start: text.length, end: text.length + shown.length, symbol });
    text += shown;
    last = m.index + m[0].length;
  }
  text += raw.slice(last);
  if (text.includes('[[') || text.includes(']]') || text.includes('{{') || text.includes('}}')) throw new Error(`${where}: malformed mark`);
  return { where, text, expected, excluded, hardNegative, language };
}

export function loadCorpus(dir = CORPUS_DIR): Snippet[] {
  const out: Snippet[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const match = /^(positives|negatives)-(en|hi)(?:-[a-z]+)?\.txt$/.exec(file);
    if (!match) throw new Error(`Unexpected corpus file ${file}`);
    const lines = readFileSync(join(dir, file), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (!line.trim() || line.startsWith('#') && !line.startsWith('#[[')) return;
      out.push(parseSnippet(line, `${file}:${i + 1}`, match[1] === 'negatives', match[2] as 'en' | 'hi'));
    });
  }
  return out;
}

export interface Score {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  /** Human-readable misses and false alarms, for the failure message. */
  errors: string[];
}

/**
 * Span-level score: a found mention is right when it overlaps an expected
 * mention of the same coin (each expected mention matches once), so "#TAO"
 * for "TAO" counts, a mention of the wrong coin or a second match does not.
 */
export function score(snippets: readonly Snippet[], find: (text: string) => Mention[], options: { strict?: boolean } = {}): Score {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const errors: string[] = [];
  for (const s0 of snippets) {
    const s = options.strict ? { ...s0, expected: [...s0.expected, ...s0.excluded].sort((a, b) => a.start - b.start), excluded: [] } : s0;
    const found = find(s.text);
    const used = new Set<number>();
    for (const m of found) {
      const i = s.expected.findIndex((e, k) => !used.has(k) && e.symbol === m.symbol && m.start < e.end && e.start < m.end);
      if (i < 0 && s.excluded.some((e) => e.symbol === m.symbol && m.start < e.end && e.start < m.end)) continue;
      if (i >= 0) {
        used.add(i);
        tp++;
      } else {
        fp++;
        errors.push(`false alarm ${JSON.stringify(s.text.slice(m.start, m.end))}=${m.symbol} in ${s.where}: ${s.text}`);
      }
    }
    s.expected.forEach((e, k) => {
      if (used.has(k)) return;
      fn++;
      errors.push(`missed ${JSON.stringify(s.text.slice(e.start, e.end))}=${e.symbol} in ${s.where}: ${s.text}`);
    });
  }
  return {
    truePositives: tp,
    falsePositives: fp,
    falseNegatives: fn,
    precision: tp + fp === 0 ? 1 : tp / (tp + fp),
    recall: tp + fn === 0 ? 1 : tp / (tp + fn),
    errors,
  };
}
