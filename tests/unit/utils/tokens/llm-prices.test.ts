import { describe, expect, it } from 'vitest';
import { estimateForModels, PRICE_TABLE, unpricedEncodings } from '@/utils/tokens/llm-prices';

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

  it('says which counted encodings the table has no price for, in the order given', () => {
    expect(unpricedEncodings(['llama3', 'o200k_base', 'gemma3', 'cl100k_base'])).toEqual(['llama3', 'gemma3']);
    expect(unpricedEncodings(['o200k_base', 'cl100k_base'])).toEqual([]);
  });
});
