import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { CHANNEL, handleRequest } from '@/utils/protocol/validate';
import { backgroundRequests } from '@/utils/protocol/requests';
import { createBackgroundHandlers } from '@/entrypoints/background/handlers';
import { createPriceService } from '@/entrypoints/background/prices/price-service';

const backgroundHandlers = createBackgroundHandlers(createPriceService());
import { seedWatchlist } from '@/entrypoints/background/storage/watchlist-store';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const self = { id: 'ours', baseUrl: 'chrome-extension://ours/' };
const popup = { id: 'ours', url: 'chrome-extension://ours/popup.html' };
const page = { id: 'ours', url: 'https://evil.example/', tab: { id: 4 }, frameId: 0 };
const send = (kind: string, payload: unknown, sender: object = popup) =>
  handleRequest(backgroundRequests, backgroundHandlers, { channel: CHANNEL, kind, payload }, sender, self);

describe('watchlist and data requests', () => {
  it('adds, moves and removes through the protocol, answering the new list', async () => {
    await seedWatchlist(1);
    const added = await send('watchlist.add', { coinId: 'akash-network', symbol: 'AKT', name: 'Akash Network' });
    expect(added).toMatchObject({ ok: true });
    const moved = (await send('watchlist.move', { coinId: 'akash-network', index: 0 })) as { ok: true; value: { symbol: string }[] };
    expect(moved.value.map((e) => e.symbol)).toEqual(['AKT', 'TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    const removed = (await send('watchlist.remove', { coinId: 'bittensor' })) as { ok: true; value: { symbol: string }[] };
    expect(removed.value.map((e) => e.symbol)).toEqual(['AKT', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
  });

  it('refuses reordering, export and import from a web page’s content script', async () => {
    for (const [kind, payload] of [
      ['watchlist.move', { coinId: 'bittensor', index: 0 }],
      ['data.export', {}],
      ['data.import', { format: 'token-insight-export', version: 1, exportedAt: 1, settings: {}, watchlist: [], counts: [], sightings: [] }],
    ] as const) {
      expect(await send(kind, payload, page)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });

  it('rejects an import that is not a backup before touching anything', async () => {
    await seedWatchlist(1);
    expect(await send('data.import', { format: 'other', watchlist: 'x' })).toMatchObject({ ok: false, error: { code: 'bad-payload' } });
    const list = (await send('watchlist.list', {})) as { ok: true; value: unknown[] };
    expect(list.value).toHaveLength(6);
  });
});
