/**
 * What a token count means for a few current models: the share of each
 * model's context window it fills and its estimated input cost, from the
 * dated price table `llm-input-prices.json`; for open-weight models (no list
 * price) the share only, from the dated `open-model-contexts.json` (pure,
 * runs under Node).
 */
import table from './llm-input-prices.json';
import openTable from './open-model-contexts.json';
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

export interface OpenModelContext {
  id: string;
  name: string;
  encoding: Encoding;
  contextWindow: number;
  /** The model card the window comes from. */
  source: string;
}

export interface OpenContextTable {
  asOf: string;
  models: OpenModelContext[];
}

export const OPEN_CONTEXTS = openTable as OpenContextTable;

/** One row per open-weight model whose encoding was counted: the share of its context window. */
export function openModelShares(
  counts: Partial<Record<Encoding, number>>,
  contexts: OpenContextTable = OPEN_CONTEXTS,
): { model: OpenModelContext; tokens: number; contextShare: number }[] {
  return contexts.models.flatMap((model) => {
    const tokens = counts[model.encoding];
    return tokens === undefined ? [] : [{ model, tokens, contextShare: tokens / model.contextWindow }];
  });
}

/**
 * The encodings of `encodings` that no model in either table uses, in the
 * same order: the badge lists them as having no entry.
 */
export function unpricedEncodings(
  encodings: readonly Encoding[],
  prices: PriceTable = PRICE_TABLE,
  contexts: OpenContextTable = OPEN_CONTEXTS,
): Encoding[] {
  const priced = new Set([...prices.models, ...contexts.models].map((m) => m.encoding));
  return encodings.filter((e) => !priced.has(e));
}

/** A model whose context window is known (either table): what the live count's bar can show. */
export interface ContextModel {
  id: string;
  name: string;
  encoding: Encoding;
  contextWindow: number;
}

/** Every model of both tables, priced ones first, in the tables' order. */
export const CONTEXT_MODELS: readonly ContextModel[] = [...PRICE_TABLE.models, ...OPEN_CONTEXTS.models].map(
  ({ id, name, encoding, contextWindow }) => ({ id, name, encoding, contextWindow }),
);

/** The model with this id; `fallback`'s (or the first) when no table has it (a newer version's, a damaged value). */
export function contextModel(id: unknown, fallback?: string): ContextModel {
  return CONTEXT_MODELS.find((m) => m.id === id) ?? CONTEXT_MODELS.find((m) => m.id === fallback) ?? CONTEXT_MODELS[0]!;
}
