import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { countRecord as count } from '@/tests/unit/fixtures/records';
import {
  addCount,
  clearCounts,
  clearSightings,
  listCounts,
  listSightings,
  makeExcerpt,
  recordSightings,
} from '@/entrypoints/background/storage/history-store';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});


describe('counts', () => {
  it('keeps the newest entries up to the cap, newest first', async () => {
    for (let t = 1; t <= 7; t++) await addCount(count(t), 5);
    const rows = await listCounts();
    expect(rows.map((r) => r.time)).toEqual([7, 6, 5, 4, 3]);
    expect(await listCounts(2)).toHaveLength(2);
    await clearCounts();
    expect(await listCounts()).toEqual([]);
  });

  it('makes short one-line excerpts without splitting emoji', () => {
    expect(makeExcerpt('  hello\n\n world  ')).toBe('hello world');
    const long = 'a'.repeat(9) + '😀' + 'b'.repeat(20);
    const excerpt = makeExcerpt(long, 11);
    expect(excerpt.endsWith('…')).toBe(true);
    expect(excerpt).not.toMatch(/[\uD800-\uDBFF]…$/);
  });
});

describe('sightings', () => {
  it('deduplicates per page and coin, and lists newest first', async () => {
    const page = { url: 'https://news.example/a', title: 'A' };
    await recordSightings(page, [{ coinId: 'bittensor', symbol: 'TAO', count: 2 }], 100);
    await recordSightings({ ...page, title: 'A (updated)' }, [{ coinId: 'bittensor', symbol: 'TAO', count: 1 }], 200);
    await recordSightings({ url: 'https://news.example/b', title: 'B' }, [{ coinId: 'fetch-ai', symbol: 'FET', count: 1 }], 300);
    const rows = await listSightings();
    expect(rows.map((r) => [r.symbol, r.time, r.count, r.title])).toEqual([
      ['FET', 300, 1, 'B'],
      ['TAO', 200, 2, 'A (updated)'],
    ]);
    expect(await listSightings(250)).toHaveLength(1);
    await clearSightings();
    expect(await listSightings()).toEqual([]);
  });
});
