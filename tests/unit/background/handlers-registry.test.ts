/** The registry's requests: pages get the category coins (none when categories are off); only extension pages see the status or refresh. */
import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { CHANNEL, handleRequest } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';
import { createBackgroundHandlers } from '@/entrypoints/background/handlers';
import { createPriceService } from '@/entrypoints/background/prices/price-service';
import { idbRegistryStore } from '@/entrypoints/background/storage/registry-store';
import { updateSettings } from '@/utils/settings';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const self = { id: 'ours', baseUrl: 'chrome-extension://ours/' };
const options = { id: 'ours', url: 'chrome-extension://ours/options.html' };
const page = { id: 'ours', url: 'https://news.example/', tab: { id: 4 }, frameId: 0 };

describe('registry requests', () => {
  it('give a page the cached category coins, and none once categories are off', async () => {
    const handlers = createBackgroundHandlers(createPriceService());
    const send = (kind: string, sender: object) => handleRequest(backgroundRequests, handlers, { channel: CHANNEL, kind, payload: {} }, sender, self);
    await idbRegistryStore.write({
      fetchedAt: 1000,
      baseUrl: 'https://api.coingecko.com/api/v3',
      categories: ['artificial-intelligence'],
      coins: [{ coinId: 'kaito', symbol: 'KAITO', name: 'KAITO', marketCap: 3e8, distinctiveName: true, symbolIsWord: false }],
    });
    expect(await send('registry.coins', page)).toMatchObject({ ok: true, value: { coins: [{ coinId: 'kaito' }] } });
    expect(await send('registry.status', options)).toMatchObject({ ok: true, value: { enabled: true, coins: 1, fetchedAt: 1000 } });
    expect(await send('registry.status', page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await send('registry.refresh', page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    await updateSettings({ categoriesEnabled: false });
    expect(await send('registry.coins', page)).toMatchObject({ ok: true, value: { coins: [] } });
  });
});
