/**
 * What a token count means for a few current models: the share of each
 * model's context window it fills and its estimated input cost, from the
 * dated price table in `data/llm-input-prices.json` (pure, runs under Node).
 */
import table from './llm-input-prices.json';
import type { Encoding } from './';

export interface ModelPrice {
  id: string;
  name: string;
  encoding: Encoding;
  /** USD per 1 million input tokens. */
  inputPerMillion: number;
  contextWindow: number;
}

export interface PriceTable {
  asOf: string;
  currency: string;
  source: string;
  models: ModelPrice[];
}

export const PRICE_TABLE = table as PriceTable;

export interface ModelEstimate {
  model: ModelPrice;
  tokens: number;
  /** Fraction of the context window (1 = full; may exceed 1). */
  contextShare: number;
  /** Estimated input cost in the table's currency. */
  cost: number;
}

/** One row per model whose encoding was counted. */
export function estimateForModels(
  counts: Partial<Record<Encoding, number>>,
  prices: PriceTable = PRICE_TABLE,
): ModelEstimate[] {
  const out: ModelEstimate[] = [];
  for (const model of prices.models) {
    const tokens = counts[model.encoding];
    if (tokens === undefined) continue;
    out.push({
      model,
      tokens,
      contextShare: tokens / model.contextWindow,
      cost: (tokens * model.inputPerMillion) / 1_000_000,
    });
  }
  return out;
}

/**
 * The encodings of `encodings` that no model in the table uses (the open
 * families: their price depends on who runs them), in the same order: the
 * badge lists them as having no price table entry.
 */
export function unpricedEncodings(encodings: readonly Encoding[], prices: PriceTable = PRICE_TABLE): Encoding[] {
  const priced = new Set(prices.models.map((m) => m.encoding));
  return encodings.filter((e) => !priced.has(e));
}
