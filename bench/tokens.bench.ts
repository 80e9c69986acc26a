/**
 * Token counting speed (o200k_base): the project's counter beside
 * js-tiktoken, tiktoken (WASM) and gpt-tokenizer on the same corpora in one
 * process. Libraries take turns (interleaved rounds) and each figure is the
 * median over rounds, in MB of UTF-8 input per second of this process's CPU
 * time (so other work on a shared machine does not skew the comparison).
 * Prints a table; asserts only that every library agrees on the count, never
 * a timing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { Tiktoken as JsTiktoken } from 'js-tiktoken/lite';
import jsO200k from 'js-tiktoken/ranks/o200k_base';
import jsCl100k from 'js-tiktoken/ranks/cl100k_base';
import { get_encoding } from 'tiktoken';
import { clearMergeCache, countTokens as gptCount } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens as gptCountCl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { countTokens, countTokensSync, preloadEncoding } from '@/utils/tokens';
import { codeCorpus, englishCorpus, hindiCorpus, shortStrings } from './corpora';
import { ROUNDS, bytes, measure, type Counter } from './measure';


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

const rows: { corpus: string; figures: Record<string, number> }[] = [];
const format = (mbps: number | undefined) => (mbps === undefined ? '—' : mbps >= 10 ? mbps.toFixed(1) : mbps.toPrecision(2));

describe('o200k_base counting speed, MB/s', () => {
  let english: string, hindi: string, code: string, short: string[];

  beforeAll(async () => {
    english = englishCorpus();
    hindi = hindiCorpus();
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
    console.log(`\nToken counting, o200k_base unless noted, MB/s (node ${process.versions.node}, MB per CPU second, median of ${ROUNDS} interleaved rounds)\n${lines.join('\n')}\n`);
    expect(rows.length).toBeGreaterThan(5);
  });
});
