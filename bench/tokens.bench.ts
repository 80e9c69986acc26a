/**
 * Token counting speed (o200k_base), two tables.
 *
 * Headline, "first count of text never seen": each library in a fresh child
 * process per corpus (bench/first-count-child.ts; native tiktoken is
 * bench/native-tiktoken, OpenAI's Rust core, when built), warmed up once on a
 * different text of the same kind, then timed counting the measured text once;
 * median CPU time over FRESH_RUNS fresh processes. This is what a user's new
 * selection costs.
 *
 * Second table, "repeated text": the project's counter beside js-tiktoken,
 * tiktoken (WASM) and gpt-tokenizer in this process, counting the same corpus
 * again and again (interleaved rounds, median), so every cache holds that text.
 *
 * Figures are MB of UTF-8 input per second of CPU time (so other work on a
 * shared machine does not skew the comparison). Asserts only that every
 * library agrees on the count, never a timing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import jsO200k from 'js-tiktoken/ranks/o200k_base';
import jsCl100k from 'js-tiktoken/ranks/cl100k_base';
import { get_encoding } from 'tiktoken';
import { clearMergeCache, countTokens as gptCount } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as gptCountCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens, countTokensSync, preloadEncoding } from '@/utils/tokens';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';
import { codeCorpus, englishCorpus, hindiProse, shortStrings } from './corpora';
import { ROUNDS, bytes, measure, type Counter } from './measure';
import { random } from './corpora';


const jsTiktoken = new JsTiktoken(jsO200k);
const wasm = get_encoding('o200k_base');
const noSpecial = new Set<string>();

const sum = (texts: string[], f: (t: string) => number) => {
  let n = 0;
  for (const t of texts) n += f(t);
  return n;
};

const LIBRARIES: Record<string, Counter> = {
  'project': (texts) => sum(texts, (t) => countTokensSync(t, 'o200k_base')),
  'js-tiktoken': (texts) => sum(texts, (t) => jsTiktoken.encode(t, [], []).length),
  'tiktoken (WASM)': (texts) => sum(texts, (t) => wasm.encode_ordinary(t).length),
  'gpt-tokenizer': (texts) => sum(texts, (t) => gptCount(t, { disallowedSpecial: noSpecial })),
};

// The same libraries with cl100k_base, for one row.
const jsTiktokenCl100k = new JsTiktoken(jsCl100k);
const wasmCl100k = get_encoding('cl100k_base');
const CL100K: Record<string, Counter> = {
  'project': (texts) => sum(texts, (t) => countTokensSync(t, 'cl100k_base')),
  'js-tiktoken': (texts) => sum(texts, (t) => jsTiktokenCl100k.encode(t, [], []).length),
  'tiktoken (WASM)': (texts) => sum(texts, (t) => wasmCl100k.encode_ordinary(t).length),
  'gpt-tokenizer': (texts) => sum(texts, (t) => gptCountCl100k(t, { disallowedSpecial: noSpecial })),
};

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'bench/.out');
const NATIVE = join(ROOT, 'bench/native-tiktoken/target/release/native-tiktoken');
const FRESH_RUNS = 5;
const FIRST_LIBRARIES = ['project', 'native tiktoken (Rust)', 'js-tiktoken', 'tiktoken (WASM)', 'gpt-tokenizer'];

/** Consecutive, non-overlapping 5–200-character pieces, round robin over the sources. */
function cutShort(sources: string[], count: number, seed: number): string[] {
  const next = random(seed);
  const at = sources.map(() => 0);
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) {
    const k = i % sources.length;
    const length = 5 + Math.floor(next() * 196);
    if (at[k]! + length > sources[k]!.length) {
      if (at.every((a, j) => a + 200 > sources[j]!.length)) throw new Error('Sources too short for the short strings.');
      continue;
    }
    out.push(sources[k]!.slice(at[k], at[k]! + length));
    at[k]! += length;
  }
  return out;
}

/** `text` without its lines that also occur in `seen` (licences, badges, boilerplate that READMEs share). */
function unseen(seen: string, text: string): string {
  const lines = new Set(seen.split('\n').filter((l) => l.trim()));
  return text.split('\n').filter((l) => !l.trim() || !lines.has(l)).join('\n');
}

describe('first count of text never seen, o200k_base, MB/s', () => {
  const firstRows: { corpus: string; figures: Record<string, number[]>; count: number }[] = [];
  let child = '';
  let nativeNote = '';

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    child = join(OUT, 'first-count-child.mjs');
    await build({
      input: join(ROOT, 'bench/first-count-child.ts'),
      platform: 'node',
      resolve: { alias: { '@': ROOT } },
      external: (id) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('@/'),
      output: { file: child, format: 'esm', codeSplitting: false },
      logLevel: 'silent',
    });
    if (existsSync(NATIVE)) {
      const lines = Object.entries(
        jsO200k.bpe_ranks.split('\n').filter(Boolean).reduce<Record<string, number>>((memo, line) => {
          const [, offset, ...tokens] = line.split(' ');
          tokens.forEach((t, i) => (memo[t] = Number(offset) + i));
          return memo;
        }, {}),
      ).map(([token, rank]) => `${token} ${rank}`);
      writeFileSync(join(OUT, 'o200k_base.tiktoken'), lines.join('\n') + '\n');
      writeFileSync(join(OUT, 'o200k_base.pattern'), jsO200k.pat_str);
    } else {
      nativeNote = 'native tiktoken: not built (see bench/README.md)';
      console.log(nativeNote);
    }
  }, 120_000);

  /** Median CPU seconds of FRESH_RUNS fresh processes per library (libraries take turns). */
  function firstCount(corpus: string, warmup: string[], texts: string[]) {
    const warmFile = join(OUT, 'warmup.txt');
    const textFile = join(OUT, 'texts.txt');
    writeFileSync(warmFile, warmup.join('\0'));
    writeFileSync(textFile, texts.join('\0'));
    const libraries = FIRST_LIBRARIES.filter((name) => !name.startsWith('native') || !nativeNote);
    const seconds: Record<string, number[]> = Object.fromEntries(libraries.map((n) => [n, []]));
    const counts: Record<string, number> = {};
    for (let run = 0; run < FRESH_RUNS; run++) {
      for (const name of libraries) {
        const output = name.startsWith('native')
          ? execFileSync(NATIVE, [join(OUT, 'o200k_base.tiktoken'), join(OUT, 'o200k_base.pattern'), warmFile, textFile], { encoding: 'utf8' })
          : execFileSync(process.execPath, [child, name, warmFile, textFile], { encoding: 'utf8', maxBuffer: 1 << 24 });
        const result = JSON.parse(output.trim().split('\n').pop()!) as { count: number; seconds: number };
        counts[name] = result.count;
        seconds[name]!.push(result.seconds);
      }
    }
    expect(new Set(Object.values(counts)).size, JSON.stringify(counts)).toBe(1);
    const size = bytes(texts);
    // MB/s of each fresh process, sorted: the median is the figure, the ends its range.
    const figures = Object.fromEntries(Object.entries(seconds).map(([n, s]) => [n, s.map((t) => size / 1e6 / t).sort((a, b) => a - b)]));
    firstRows.push({ corpus, figures, count: counts.project! });
  }

  test('English prose, 500 KB', () => {
    const english = englishCorpus();
    const measured = unseen(english.slice(0, 500_000), english.slice(500_000));
    firstCount(`English prose, ${Math.round(bytes([measured]) / 1000)} KB (package READMEs, second half)`, [english.slice(0, 500_000)], [measured]);
  }, 600_000);

  test('Hindi prose, 200 KB', () => {
    const measured = hindiProse(2);
    firstCount(`Hindi prose, ${Math.round(bytes([measured]) / 1000)} KB UTF-8 (generated, bench/corpora.ts)`, [hindiProse(1)], [measured]);
  }, 600_000);

  test('source code, 500 KB', () => {
    const code = codeCorpus();
    const measured = unseen(code.slice(0, 500_000), code.slice(500_000));
    firstCount(`source code, ${Math.round(bytes([measured]) / 1000)} KB (TypeScript, second half)`, [code.slice(0, 500_000)], [measured]);
  }, 600_000);

  test('8,000 short strings', () => {
    const english = englishCorpus(), code = codeCorpus();
    const warmup = cutShort([english.slice(0, 500_000), hindiProse(1), code.slice(0, 500_000)], 2_000, 11);
    const sources = [unseen(english.slice(0, 500_000), english.slice(500_000)), hindiProse(2), unseen(code.slice(0, 500_000), code.slice(500_000))];
    const measured = cutShort(sources, 8_000, 7);
    firstCount('8,000 short strings, 5–200 chars, one call each', warmup, measured);
  }, 600_000);

  test('prints the table', () => {
    const mid = (s: number[] | undefined) => s?.[Math.floor(s.length / 2)];
    const ratio = (a: number[] | undefined, b: number[] | undefined) => (mid(a) && mid(b) ? `${(mid(a)! / mid(b)!).toFixed(2)}×` : '—');
    const cell = (s: number[] | undefined) => (s ? `${format(mid(s))} (${format(s[0])}–${format(s[s.length - 1])})` : '—');
    const lines = [
      `| text never seen | tokens | ${FIRST_LIBRARIES.join(' | ')} | project ÷ native | project ÷ gpt-tokenizer |`,
      `| --- | ---: | ${FIRST_LIBRARIES.map(() => '---:').join(' | ')} | ---: | ---: |`,
      ...firstRows.map(({ corpus, figures, count }) =>
        `| ${corpus} | ${count.toLocaleString('en')} | ${FIRST_LIBRARIES.map((n) => cell(figures[n])).join(' | ')} | ${ratio(figures.project, figures['native tiktoken (Rust)'])} | ${ratio(figures.project, figures['gpt-tokenizer'])} |`,
      ),
    ];
    console.log(`\nFirst count of text never seen, o200k_base, MB/s (node ${process.versions.node}; fresh process per library and corpus, warmed up once on a different text of the same kind, the text counted once; MB per CPU second, median of ${FRESH_RUNS} fresh processes, min–max in brackets)${nativeNote ? `\n${nativeNote}` : ''}\n${lines.join('\n')}\n`);
    expect(firstRows.length).toBe(4);
  });
});

const rows: { corpus: string; figures: Record<string, number> }[] = [];
const format = (mbps: number | undefined) => (mbps === undefined ? '—' : mbps >= 10 ? mbps.toFixed(1) : mbps.toPrecision(2));

describe('repeated text: the same corpus counted again and again, o200k_base, MB/s', () => {
  let english: string, hindi: string, code: string, short: string[];

  beforeAll(async () => {
    english = englishCorpus();
    hindi = hindiProse(2);
    code = codeCorpus();
    short = shortStrings([english, hindi, code]);
    await preloadEncoding('o200k_base');
    await preloadEncoding('cl100k_base');
  });

  test('English prose, 1 MB', async () => {
    rows.push({ corpus: 'English prose, 1 MB (package READMEs)', figures: await measure([english], LIBRARIES) });
  });

  test('Hindi prose, 200 KB', async () => {
    rows.push({ corpus: `Hindi prose, ${Math.round(bytes([hindi]) / 1000)} KB UTF-8`, figures: await measure([hindi], LIBRARIES) });
  });

  test('source code, 1 MB', async () => {
    rows.push({ corpus: 'source code, 1 MB (TypeScript)', figures: await measure([code], LIBRARIES) });
  });

  test('10,000 short strings', async () => {
    const figures = await measure(short, LIBRARIES);
    const asyncApi = await measure(short, {
      'project': async (texts) => {
        let n = 0;
        for (const t of texts) n += await countTokens(t, 'o200k_base');
        return n;
      },
    });
    rows.push({ corpus: '10,000 short strings, 5–200 chars', figures });
    rows.push({ corpus: '  … the same through async countTokens()', figures: asyncApi });
  });

  test('one letter repeated', async () => {
    // gpt-tokenizer remembers whole pieces, so counting the same run again only
    // looks it up; its cache is emptied before each count here to time the merge.
    const small = ['a'.repeat(2_000)];
    const coldGpt: Counter = (texts) => {
      clearMergeCache();
      return LIBRARIES['gpt-tokenizer']!(texts);
    };
    rows.push({ corpus: "'a' × 2,000", figures: await measure(small, { ...LIBRARIES, 'gpt-tokenizer': coldGpt }) });
    const big = ['a'.repeat(100_000)];
    const project = await measure(big, { project: LIBRARIES.project! });
    rows.push({ corpus: "'a' × 100,000 (project only)", figures: project });
    const msPerCount = 100_000 / 1e6 / project.project! * 1000;
    rows.push({ corpus: `  … one count of 100 KB: ${msPerCount.toFixed(1)} ms of CPU (median round)`, figures: {} });
  });

  test('English prose, 1 MB, cl100k_base', async () => {
    rows.push({ corpus: 'English prose, 1 MB — with cl100k_base', figures: await measure([english], CL100K) });
  });

  test('prints the table', () => {
    const names = Object.keys(LIBRARIES);
    const lines = [
      `| corpus | ${names.join(' | ')} | project ÷ js-tiktoken | project ÷ gpt-tokenizer |`,
      `| --- | ${names.map(() => '---:').join(' | ')} | ---: | ---: |`,
      ...rows.map(({ corpus, figures }) => {
        const p = figures.project;
        const ratio = (other: number | undefined) => (p && other ? `${(p / other).toFixed(1)}×` : '—');
        return `| ${corpus} | ${names.map((n) => format(figures[n])).join(' | ')} | ${ratio(figures['js-tiktoken'])} | ${ratio(figures['gpt-tokenizer'])} |`;
      }),
    ];
    console.log(`\nRepeated text (NOT the headline): the same corpus counted again and again in one process, caches warm; o200k_base unless noted, MB/s (node ${process.versions.node}, MB per CPU second, median of ${ROUNDS} interleaved rounds)\n${lines.join('\n')}\n`);
    expect(rows.length).toBeGreaterThan(5);
  });
});
