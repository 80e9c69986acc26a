/**
 * Build step (called from wxt.config.ts, hook `build:publicAssets`): writes
 * each encoding's ranks, converted from the js-tiktoken package to the
 * compact binary form of utils/tokenizer/rank-format.ts, into the extension as
 * `tokenizer/<encoding>.bin`. The background fetches these files on the first
 * count, so no script bundle carries the rank tables.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ranksToBinary } from '../utils/tokens/rank-format';
import { ENCODINGS } from '../utils/tokens/encodings';


/** Writes the files under `workDir` and returns them as WXT public files. */
export async function rankAssets(workDir: string): Promise<{ absoluteSrc: string; relativeDest: string }[]> {
  const dir = join(workDir, 'tokenizer');
  await mkdir(dir, { recursive: true });
  return Promise.all(
    ENCODINGS.map(async (encoding) => {
      const ranks = (await import(`js-tiktoken/ranks/${encoding}`)) as { default: { bpe_ranks: string } };
      const absoluteSrc = join(dir, `${encoding}.bin`);
      await writeFile(absoluteSrc, ranksToBinary(ranks.default.bpe_ranks));
      return { absoluteSrc, relativeDest: `tokenizer/${encoding}.bin` };
    }),
  );
}
