import { describe, expect, it } from 'vitest';
import { estimateForModels, OPEN_CONTEXTS, openModelShares, PRICE_TABLE, unpricedEncodings } from '@/utils/tokens/llm-prices';
import { OPEN_MODEL_ENCODINGS } from '@/utils/tokens/encodings';

describe('LLM price table', () => {
  it('is dated, sourced and well formed', () => {
    expect(PRICE_TABLE.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(PRICE_TABLE.source).toMatch(/^https:\/\//);
    expect(PRICE_TABLE.currency).toBe('USD');
    expect(PRICE_TABLE.models.length).toBeGreaterThanOrEqual(4);
    for (const m of PRICE_TABLE.models) {
      expect(['o200k_base', 'cl100k_base']).toContain(m.encoding);
      expect(m.inputPerMillion).toBeGreaterThan(0);
      expect(Number.isInteger(m.contextWindow)).toBe(true);
    }
    expect(new Set(PRICE_TABLE.models.map((m) => m.id)).size).toBe(PRICE_TABLE.models.length);
  });

  it('estimates cost and context share from the count of each model’s encoding', () => {
    const table = {
      asOf: '2026-01-01',
      currency: 'USD',
      source: 'https://example.com',
      models: [
        { id: 'a', name: 'A', encoding: 'o200k_base' as const, inputPerMillion: 2, contextWindow: 1000 },
        { id: 'b', name: 'B', encoding: 'cl100k_base' as const, inputPerMillion: 10, contextWindow: 100 },
      ],
    };
    const rows = estimateForModels({ o200k_base: 500, cl100k_base: 250 }, table);
    expect(rows.map((r) => [r.model.id, r.tokens, r.contextShare, r.cost])).toEqual([
      ['a', 500, 0.5, 0.001],
      ['b', 250, 2.5, 0.0025],
    ]);
    // Models whose encoding was not counted are left out.
    expect(estimateForModels({ o200k_base: 1 }, table).map((r) => r.model.id)).toEqual(['a']);
  });

  it('has a dated, sourced context window for a model of every open family', () => {
    expect(OPEN_CONTEXTS.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    for (const m of OPEN_CONTEXTS.models) {
      expect(OPEN_MODEL_ENCODINGS).toContain(m.encoding);
      expect(m.source).toMatch(/^https:\/\//);
      expect(Number.isInteger(m.contextWindow) && m.contextWindow > 0).toBe(true);
    }
    for (const family of OPEN_MODEL_ENCODINGS) expect(OPEN_CONTEXTS.models.some((m) => m.encoding === family), family).toBe(true);
    expect(new Set(OPEN_CONTEXTS.models.map((m) => m.id)).size).toBe(OPEN_CONTEXTS.models.length);
  });

  it('gives open models the share of their window only, for the families counted', () => {
    const rows = openModelShares({ llama3: 8192, o200k_base: 5 });
    expect(rows.map((r) => [r.model.id, r.contextShare])).toEqual([
      ['llama-3.1', 8192 / 131072],
      ['llama-3', 1],
    ]);
  });

  it('says which counted encodings neither table knows, in the order given', () => {
    const contexts = { asOf: '2026-01-01', models: [] };
    expect(unpricedEncodings(['llama3', 'o200k_base', 'gemma3', 'cl100k_base'], PRICE_TABLE, contexts)).toEqual(['llama3', 'gemma3']);
    expect(unpricedEncodings(['llama3', 'o200k_base', 'gemma3', 'cl100k_base'])).toEqual([]);
  });
});
