/**
 * Build step (called from wxt.config.ts, hook `build:publicAssets`): writes
 * each encoding's data into the extension as `tokenizer/<encoding>.bin` —
 * OpenAI's ranks converted from the js-tiktoken package (rank-format.ts), the
 * open-model families converted from the `tokenizer.json` of their npm
 * packages (hf-convert.ts). The background fetches a file on the first count
 * of its encoding, so no script bundle carries the tables.
 *
 * Converting a family takes seconds, so its file is kept in the WXT work
 * directory and reused while neither its tokenizer.json nor the converter's
 * sources change.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ranksToBinary } from '../utils/tokens/rank-format';
import { tokenizerJsonToBinary, type TokenizerJson } from '../utils/tokens/hf-convert';
import { ENCODINGS, OPEN_MODEL_PACKAGES, isOpenModel, type Encoding } from '../utils/tokens/encodings';

const require = createRequire(import.meta.url);
/** The sources whose change makes a converted family stale. */
const CONVERTER = ['hf-convert.ts', 'hf-format.ts', 'hf-table.ts', 'hf-bpe.ts', 'hf-encoder.ts', 'rank-format.ts', 'rank-table.ts'];

async function openModelFile(encoding: Encoding, dest: string): Promise<Uint8Array | null> {
  if (!isOpenModel(encoding)) return null;
  const source = require.resolve(`${OPEN_MODEL_PACKAGES[encoding]}/models/tokenizer.json`);
  const hash = createHash('sha256');
  const { size, mtimeMs } = await stat(source);
  hash.update(`${source} ${size} ${mtimeMs}`);
  for (const name of CONVERTER) hash.update(await readFile(new URL(`../utils/tokens/${name}`, import.meta.url)));
  const key = hash.digest('hex');
  const cached = await readFile(`${dest}.key`, 'utf8').catch(() => '');
  if (cached === key) {
    const file = await readFile(dest).catch(() => null);
    if (file) return file;
  }
  const json = JSON.parse(await readFile(source, 'utf8')) as TokenizerJson;
  const file = tokenizerJsonToBinary(json);
  await writeFile(dest, file);
  await writeFile(`${dest}.key`, key);
  return file;
}

/** Writes the files under `workDir` and returns them as WXT public files. */
export async function rankAssets(workDir: string): Promise<{ absoluteSrc: string; relativeDest: string }[]> {
  const dir = join(workDir, 'tokenizer');
  await mkdir(dir, { recursive: true });
  const files = [];
  // One at a time: each conversion holds a large parsed JSON.
  for (const encoding of ENCODINGS) {
    const absoluteSrc = join(dir, `${encoding}.bin`);
    if (!(await openModelFile(encoding, absoluteSrc))) {
      const ranks = (await import(`js-tiktoken/ranks/${encoding}`)) as { default: { bpe_ranks: string } };
      await writeFile(absoluteSrc, ranksToBinary(ranks.default.bpe_ranks));
    }
    files.push({ absoluteSrc, relativeDest: `tokenizer/${encoding}.bin` });
  }
  return files;
}
