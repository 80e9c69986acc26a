/**
 * The live count's work per keystroke (issue 17): a 100,000-character
 * prompt, one character typed at a time at a caret, counted again by the
 * incremental counter (utils/tokens/live-count.ts) — beside one full count
 * of the same text, which is what each keystroke would cost without it.
 * Also the page's share of a keystroke: finding the edit (diffText) between
 * the box's text before and after.
 *
 * For every encoding, on English prose, Hindi prose and source code (the
 * bench corpora, cut to 100,000 characters), on Chinese written on one line
 * (no space, no line break: parts end at its punctuation), and on the worst
 * case for the counter: 100,000 Chinese characters with no punctuation at
 * all, where no cut point exists, so the whole text is one part and every
 * keystroke costs a full count (exact all the same).
 *
 * Figures are CPU time of this process (process.cpuUsage) per keystroke,
 * the median of 5 rounds of keystrokes (a word typed at 50 random places,
 * one character at a time: "quickly ", "जल्दी ", "value = 1;\n", "快速地，"
 * and "快速地"); the slowest single keystroke of all rounds is timed by the
 * wall clock (performance.now), so a busy machine can stretch it. Every
 * round ends by checking the live total against a full count; the bench
 * asserts that and nothing about time.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countTokensSync, diffText, liveCount, preloadEncoding } from '@/utils/tokens';
import { ENCODINGS, type Encoding } from '@/utils/tokens/encodings';
import { LIVE_PART_CHARS } from '@/utils/tokens/live-count';
import { codeCorpus, englishCorpus, hindiCorpus, random } from './corpora';
import { ROUNDS, cpuMs } from './measure';

const SIZE = 100_000;
const PLACES = 50;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface Row {
  corpus: string;
  encoding: Encoding;
  parts: number;
  keystrokeUs: number;
  slowestMs: number;
  countedChars: number;
  fullMs: number;
}

const rows: Row[] = [];
const diffRows: { corpus: string; caretUs: number; noCaretUs: number }[] = [];

/** The Chinese line of the fixtures, repeated to SIZE without spaces or line breaks (or, with `lettersOnly`, punctuation). */
function chinese(lettersOnly: boolean): string {
  const line = readFileSync(join(__dirname, '../tests/fixtures/tokens/mixed.txt'), 'utf8')
    .split('\n')
    .find((l) => l.startsWith('中文'))!
    .replace(lettersOnly ? /[^\p{L}]/gu : /\s/g, '');
  return line.repeat(Math.ceil(SIZE / line.length)).slice(0, SIZE);
}

/** CPU ms of one full count of `text`: the median of rounds of at least 100 ms. */
function fullCountMs(text: string, encoding: Encoding): number {
  countTokensSync(text, encoding);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let passes = 0;
    const start = cpuMs();
    let elapsed = 0;
    do {
      countTokensSync(text, encoding);
      passes++;
      elapsed = cpuMs() - start;
    } while (elapsed < 100 && passes < 1000);
    samples.push(elapsed / passes);
  }
  return median(samples);
}

async function keystrokes(corpus: string, text: string, word: string, encoding: Encoding): Promise<Row> {
  const live = await liveCount(encoding);
  live.reset(text);
  const next = random(17);
  const samples: number[] = [];
  let slowest = 0;
  let counted = 0;
  let strokes = 0;
  let current = text;
  for (let round = 0; round <= ROUNDS; round++) {
    const start = cpuMs();
    for (let place = 0; place < PLACES; place++) {
      let caret = Math.floor(next() * (live.size + 1));
      for (const ch of word) {
        const t0 = performance.now();
        live.apply({ start: caret, removed: 0, inserted: ch });
        const ms = performance.now() - t0;
        caret++;
        if (round > 0) {
          slowest = Math.max(slowest, ms);
          counted += live.lastCounted;
          strokes++;
        }
      }
    }
    // Round 0 warms up (JIT, the encoder's piece cache).
    if (round > 0) samples.push(((cpuMs() - start) / (PLACES * word.length)) * 1000);
    current = live.text;
    expect(live.total).toBe(countTokensSync(current, encoding));
  }
  return {
    corpus,
    encoding,
    parts: live.partCount,
    keystrokeUs: median(samples),
    slowestMs: slowest,
    countedChars: Math.round(counted / strokes),
    fullMs: fullCountMs(current, encoding),
  };
}

describe('live count: work per keystroke on a 100 KB prompt', () => {
  /** Name, text, the word typed into it. */
  let corpora: [string, string, string][];

  beforeAll(async () => {
    corpora = [
      ['English prose', englishCorpus(SIZE), 'quickly '],
      ['Hindi prose', hindiCorpus(SIZE), 'जल्दी '],
      ['source code', codeCorpus(SIZE), 'value = 1;\n'],
      ['Chinese on one line', chinese(false), '快速地，'],
      ['Chinese letters only (no cut point)', chinese(true), '快速地'],
    ];
    for (const encoding of ENCODINGS) await preloadEncoding(encoding);
  }, 600_000);

  test.each(ENCODINGS)('%s', async (encoding) => {
    for (const [name, text, word] of corpora) rows.push(await keystrokes(name, text, word, encoding));
  });

  test('finding the edit in the page (diffText, 100 KB)', () => {
    for (const [name, text] of corpora.slice(0, 3)) {
      const next = random(5);
      const samples: [number[], number[]] = [[], []];
      for (let round = 0; round <= ROUNDS; round++) {
        // The texts after a keystroke, flat as a read of box.value gives them (building one is not the page's work).
        const afters = Array.from({ length: 200 }, () => {
          const at = Math.floor(next() * text.length);
          const after = text.slice(0, at) + 'x' + text.slice(at);
          after.charCodeAt(0);
          return { after, caret: at + 1 };
        });
        for (const withCaret of [true, false]) {
          const start = cpuMs();
          for (const { after, caret } of afters) {
            const edit = diffText(text, after, withCaret ? caret : -1);
            if (edit.inserted !== 'x' || edit.removed !== 0) throw new Error(`Wrong edit ${JSON.stringify(edit)}`);
          }
          if (round > 0) samples[withCaret ? 0 : 1].push(((cpuMs() - start) / afters.length) * 1000);
        }
      }
      diffRows.push({ corpus: name, caretUs: median(samples[0]), noCaretUs: median(samples[1]) });
    }
    expect(diffRows.length).toBe(3);
  });

  test('prints the table', () => {
    const f = (n: number, digits = 0) => n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
    const lines = [
      '| text (100,000 characters) | encoding | parts | per keystroke, µs CPU (median) | slowest keystroke, ms | characters recounted per keystroke | one full count, ms CPU | full ÷ keystroke |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
      ...rows.map(
        (r) =>
          `| ${r.corpus} | ${r.encoding} | ${f(r.parts)} | ${f(r.keystrokeUs, 1)} | ${f(r.slowestMs, 2)} | ${f(r.countedChars)} | ${f(r.fullMs, 2)} | ${f((r.fullMs * 1000) / r.keystrokeUs)}× |`,
      ),
    ];
    console.log(
      `\nLive count, one character typed into a 100 KB prompt (node ${process.versions.node}; parts of about ${LIVE_PART_CHARS} characters; median of ${ROUNDS} rounds of a word typed at ${PLACES} places)\n${lines.join('\n')}\n\nFinding the edit in the page (diffText, 100 KB, a character typed; µs CPU per keystroke)\n| text | with the caret | without |\n| --- | ---: | ---: |\n${diffRows.map((r) => `| ${r.corpus} | ${f(r.caretUs, 1)} | ${f(r.noCaretUs, 1)} |`).join('\n')}\n`,
    );
    expect(rows.length).toBe(ENCODINGS.length * corpora.length);
  });
});
