import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import {
  DEFAULT_WATCHLIST,
  addToWatchlist,
  listWatchlist,
  moveInWatchlist,
  removeFromWatchlist,
  replaceWatchlist,
  seedWatchlist,
} from '@/entrypoints/background/storage/watchlist-store';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const order = async () => (await listWatchlist()).map((e) => `${e.position}:${e.symbol}`);
const akt = { coinId: 'akash-network', symbol: 'AKT', name: 'Akash Network' };

describe('watchlist store', () => {
  it('seeds the six defaults once, in order', async () => {
    await seedWatchlist(1);
    await seedWatchlist(2);
    expect(await order()).toEqual(DEFAULT_WATCHLIST.map((c, i) => `${i}:${c.symbol}`));
  });

  it('adds at the end, once', async () => {
    await seedWatchlist(1);
    const after = await addToWatchlist(akt, 5);
    expect(after.map((e) => e.symbol)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN', 'AKT']);
    expect(after[6]).toMatchObject({ ...akt, position: 6, addedAt: 5 });
    expect((await addToWatchlist(akt, 9)).length).toBe(7);
    expect((await listWatchlist())[6]!.addedAt).toBe(5);
  });

  it('removes and closes the gap', async () => {
    await seedWatchlist(1);
    expect((await removeFromWatchlist('singularitynet')).map((e) => e.position)).toEqual([0, 1, 2, 3, 4]);
    expect(await order()).toEqual(['0:TAO', '1:FET', '2:NMR', '3:GRT', '4:OCEAN']);
    // Removing what is not there changes nothing.
    expect((await removeFromWatchlist('nope')).length).toBe(5);
  });

  it('moves up, down, and clamps the index', async () => {
    await seedWatchlist(1);
    await moveInWatchlist('ocean-protocol', 0);
    expect(await order()).toEqual(['0:OCEAN', '1:TAO', '2:FET', '3:AGIX', '4:NMR', '5:GRT']);
    await moveInWatchlist('bittensor', 99);
    expect(await order()).toEqual(['0:OCEAN', '1:FET', '2:AGIX', '3:NMR', '4:GRT', '5:TAO']);
    await moveInWatchlist('fetch-ai', 2);
    expect(await order()).toEqual(['0:OCEAN', '1:AGIX', '2:FET', '3:NMR', '4:GRT', '5:TAO']);
  });

  it('replaces the whole list from a backup, in the backup’s order, without duplicates', async () => {
    await seedWatchlist(1);
    await replaceWatchlist([
      { ...akt, position: 3, addedAt: 1 },
      { coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', position: 1, addedAt: 1 },
      { ...akt, position: 7, addedAt: 2 },
    ]);
    expect(await order()).toEqual(['0:TAO', '1:AKT']);
  });
});
