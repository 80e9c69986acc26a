/**
 * One library in a fresh process (spawned by tokens.bench.ts, bundled with
 * rolldown): loads the library, counts WARMUP once (loading, JIT, caches), then
 * counts TEXTS once — text this process has never counted — and prints
 * {"count","seconds","wall"}: CPU seconds of this process and wall seconds.
 *
 *   node first-count-child.mjs LIBRARY WARMUP_FILE TEXTS_FILE
 * TEXTS_FILE parts are NUL-separated, counted one call each.
 */
import { readFileSync } from 'node:fs';

const [library, warmupFile, textsFile] = process.argv.slice(2) as [string, string, string];

async function load(name: string): Promise<(text: string) => number> {
  switch (name) {
    case 'project': {
      const { countTokensSync, preloadEncoding } = await import('@/utils/tokens');
      await preloadEncoding('o200k_base');
      return (t) => countTokensSync(t, 'o200k_base');
    }
    case 'js-tiktoken': {
      const { Tiktoken } = await import('js-tiktoken/lite');
      const ranks = (await import('js-tiktoken/ranks/o200k_base')).default;
      const enc = new Tiktoken(ranks);
      return (t) => enc.encode(t, [], []).length;
    }
    case 'tiktoken (WASM)': {
      const { get_encoding } = await import('tiktoken');
      const enc = get_encoding('o200k_base');
      return (t) => enc.encode_ordinary(t).length;
    }
    case 'gpt-tokenizer': {
      const { countTokens } = await import('gpt-tokenizer/encoding/o200k_base');
      const none = new Set<string>();
      return (t) => countTokens(t, { disallowedSpecial: none });
    }
  }
  throw new Error(`unknown library ${name}`);
}

const cpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

const count = await load(library);
const warmup = readFileSync(warmupFile, 'utf8').split('\0');
const texts = readFileSync(textsFile, 'utf8').split('\0');
let warm = 0;
for (const t of warmup) warm += count(t);
const startCpu = cpu();
const startWall = performance.now();
let total = 0;
for (const t of texts) total += count(t);
const seconds = cpu() - startCpu;
const wall = (performance.now() - startWall) / 1000;
console.log(JSON.stringify({ count: total, seconds, wall, warm }));
