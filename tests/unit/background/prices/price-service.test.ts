import { afterEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { readFile } from 'node:fs/promises';
import { closeDb } from '@/entrypoints/background/storage/db';
import { createPriceService } from '@/entrypoints/background/prices/price-service';
import { setApiKey, updateSettings } from '@/utils/settings';
import type { RequestContext } from '@/utils/protocol/validate';

const ctx: RequestContext = { sender: 'content', tabId: 1, frameId: 0, url: 'https://example.com/' };

afterEach(async () => {
  vi.unstubAllGlobals();
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

describe('the background price service (settings, key, cache, sources wired together)', () => {
  it('fetches from the configured base URL with the key header, caches in IndexedDB, and answers later asks from the cache', async () => {
    const body = await readFile(new URL('../../../fixtures/api/coins-markets.json', import.meta.url), 'utf8');
    const fetchMock = vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status: 200 }));
    vi.stubGlobal('fetch', fetchMock);
    await updateSettings({ apiBaseUrl: 'http://127.0.0.1:9/api/v3', apiPlan: 'demo', currency: 'inr' });
    await setApiKey('CG-key');

    const prices = createPriceService();
    const first = await prices['quotes.get']({ coinIds: ['bittensor', 'singularitynet'], wait: true }, ctx);
    expect(first.currency).toBe('inr');
    expect(first.error).toBeNull();
    expect(first.quotes.map((q) => [q.coinId, q.quote?.price ?? null, q.stale])).toEqual([
      ['bittensor', 432.17, false],
      ['singularitynet', 0.5012, false],
    ]);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:9\/api\/v3\/coins\/markets\?/);
    expect(new URL(url).searchParams.get('vs_currency')).toBe('inr');
    expect((init?.headers as Record<string, string>)['x-cg-demo-api-key']).toBe('CG-key');

    // A new service (a restarted worker) answers from IndexedDB without fetching.
    const again = await createPriceService()['quotes.get']({ coinIds: ['bittensor'] }, ctx);
    expect(again.quotes[0]).toMatchObject({ stale: false, quote: { price: 432.17, source: 'CoinGecko' } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});
