/**
 * Where an encoding's binary rank file comes from. The default works under
 * Node (tests, benchmarks, library use): it converts the ranks shipped in the
 * `js-tiktoken` package. The extension's background sets its own source
 * (extension-rank-source.ts) that fetches the file built into the extension,
 * so no bundle carries the rank tables.
 */
import { ranksToBinary } from './rank-format';

export type RankSource = (encoding: string) => Promise<Uint8Array>;

export const packageRankSource: RankSource = async (encoding) => {
  if (!(globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node) {
    throw new Error('No rank source for this runtime: call setRankSource() first.');
  }
  // Computed so that no bundler follows it into the rank tables.
  const specifier = ['js-tiktoken', 'ranks', encoding].join('/');
  const module = (await import(/* @vite-ignore */ specifier)) as { default: { bpe_ranks: string } };
  return ranksToBinary(module.default.bpe_ranks);
};
