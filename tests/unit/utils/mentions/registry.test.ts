import { describe, expect, it } from 'vitest';
import { CONTEXT_CUES, REGISTRY, registryToken, validateRegistry } from '@/utils/mentions/registry';

describe('token registry (data)', () => {
  it('follows its own rules', () => {
    expect(validateRegistry(REGISTRY, CONTEXT_CUES)).toEqual([]);
  });

  it('covers the AI tokens with their pinned CoinGecko ids', () => {
    const ids = Object.fromEntries(REGISTRY.map((t) => [t.symbol, t.coinId]));
    expect(ids).toMatchObject({
      TAO: 'bittensor',
      FET: 'fetch-ai',
      AGIX: 'singularitynet',
      NMR: 'numeraire',
      GRT: 'the-graph',
      OCEAN: 'ocean-protocol',
      RENDER: 'render-token',
      AKT: 'akash-network',
      WLD: 'worldcoin-wld',
      VIRTUAL: 'virtual-protocol',
      ARKM: 'arkham',
      NEAR: 'near',
    });
  });

  it('records renames and the 2024 merger', () => {
    expect(registryToken('render-token')?.formerSymbols).toContain('RNDR');
    expect(registryToken('singularitynet')?.notes).toMatch(/merged into FET.*2024/i);
    expect(registryToken('ocean-protocol')?.notes).toMatch(/left the alliance.*2025/i);
  });

  it('reports broken data', () => {
    const broken = [
      { ...REGISTRY[0]!, coinId: 'Not An Id' },
      { ...REGISTRY[1]!, symbol: 'tao' },
      { ...REGISTRY[2]!, coinId: REGISTRY[3]!.coinId },
      { ...REGISTRY[3]! },
      { ...REGISTRY[4]!, aliases: [' Graph'] },
    ];
    const problems = validateRegistry(broken, CONTEXT_CUES);
    expect(problems.some((p) => p.includes('not a CoinGecko id'))).toBe(true);
    expect(problems.some((p) => p.includes('"tao" must be'))).toBe(true);
    expect(problems.some((p) => p.includes('duplicate coinId'))).toBe(true);
    expect(problems.some((p) => p.includes('" Graph"'))).toBe(true);
  });
});
