import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { listCounts } from '@/entrypoints/background/storage/history-store';
import { recordCount } from '@/entrypoints/background/tokens/count-recorder';
import { updateSettings } from '@/utils/settings';
import type { CountedSelection } from '@/entrypoints/background/tokens/token-service';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const counted = (text: string, url = 'https://a.example/page#part'): CountedSelection => ({
  url,
  title: 'A page',
  text,
  encoding: 'o200k_base',
  counts: { o200k_base: 12, cl100k_base: 13 },
  chars: text.length,
  words: 3,
});

describe('count history', () => {
  it('stores time, address (without fragment), title, counts, encoding, characters and words, but no excerpt by default', async () => {
    expect(await recordCount(counted('Secret words here'), 1000)).toBe(true);
    const [row] = await listCounts();
    expect(row).toMatchObject({
      time: 1000,
      url: 'https://a.example/page',
      title: 'A page',
      encoding: 'o200k_base',
      counts: { o200k_base: 12, cl100k_base: 13 },
      chars: 17,
      words: 3,
    });
    expect(row!.excerpt).toBeUndefined();
  });

  it('keeps a short excerpt only when the user allows excerpts', async () => {
    await updateSettings({ excerptsEnabled: true });
    await recordCount(counted(`Start of a long selection ${'word '.repeat(100_000)}`));
    const [row] = await listCounts();
    expect(row!.excerpt!.startsWith('Start of a long selection')).toBe(true);
    expect(row!.excerpt!.length).toBeLessThanOrEqual(120);
  });

  it('stores nothing when history is off, or for pages that are not web pages', async () => {
    await updateSettings({ historyEnabled: false });
    expect(await recordCount(counted('x'))).toBe(false);
    await updateSettings({ historyEnabled: true });
    expect(await recordCount(counted('x', 'file:///home/me/notes.html'))).toBe(false);
    expect(await listCounts()).toEqual([]);
  });
});
