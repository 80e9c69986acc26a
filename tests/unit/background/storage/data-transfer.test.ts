import { afterEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { countRecord as count } from '@/tests/unit/fixtures/records';
import { exportData, importData, previewImport } from '@/entrypoints/background/storage/data-transfer';
import { addCount, listCounts, listSightings, recordSightings } from '@/entrypoints/background/storage/history-store';
import { listWatchlist, seedWatchlist, addToWatchlist } from '@/entrypoints/background/storage/watchlist-store';
import { getSettings, updateSettings } from '@/utils/settings';
import { saveApiKey } from '@/entrypoints/background/storage/api-key-store';
import { backupFileName, parseBackup } from '@/utils/model/backup';
import { DataExportSchema } from '@/utils/model/backup';

afterEach(async () => {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});


async function fillProfile() {
  await seedWatchlist(1);
  await addToWatchlist({ coinId: 'akash-network', symbol: 'AKT', name: 'Akash Network' }, 2);
  await addCount(count(100));
  await addCount(count(200));
  await recordSightings({ url: 'https://news.example/', title: 'News' }, [{ coinId: 'bittensor', symbol: 'TAO', count: 2 }], 300);
  await updateSettings({ currency: 'inr', excerptsEnabled: true, badgeEncodings: ['o200k_base', 'llama3', 'gemma3'] });
  await saveApiKey('secret-key-123', 'https://api.coingecko.com');
}

async function wipeProfile() {
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
  await browser.storage.sync.clear();
}

describe('export and import', () => {
  it('exports everything but the API key, in a shape the import accepts', async () => {
    await fillProfile();
    const data = await exportData(1234);
    expect(DataExportSchema.safeParse(data).success).toBe(true);
    expect(data).toMatchObject({ format: 'token-insight-export', version: 1, exportedAt: 1234 });
    expect(data.watchlist.map((e) => e.symbol)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN', 'AKT']);
    expect(data.counts.map((c) => c.time)).toEqual([100, 200]);
    expect(data.sightings).toEqual([expect.objectContaining({ coinId: 'bittensor', count: 2, time: 300 })]);
    expect(data.settings).toMatchObject({ currency: 'inr', excerptsEnabled: true, badgeEncodings: ['o200k_base', 'llama3', 'gemma3'] });
    expect(JSON.stringify(data)).not.toContain('secret-key-123');
  });

  it('restores a backup into an empty profile, and importing it twice adds nothing', async () => {
    await fillProfile();
    const backup = JSON.parse(JSON.stringify(await exportData()));
    await wipeProfile();
    expect(await listWatchlist()).toEqual([]);

    const parsed = parseBackup(JSON.stringify(backup));
    if (!parsed.ok) throw new Error('backup did not parse');
    expect(await importData(parsed.data)).toEqual({ watchlist: 7, counts: 2, sightings: 1, dropped: 0 });
    expect((await listWatchlist()).map((e) => e.symbol)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN', 'AKT']);
    expect((await listCounts()).map((c) => c.time)).toEqual([200, 100]);
    expect(await listSightings()).toHaveLength(1);
    expect(await getSettings()).toMatchObject({ currency: 'inr', excerptsEnabled: true, badgeEncodings: ['o200k_base', 'llama3', 'gemma3'] });

    expect(await importData(parsed.data)).toEqual({ watchlist: 7, counts: 0, sightings: 0, dropped: 0 });
    expect(await listCounts()).toHaveLength(2);
  });

  it('merges history with what is there and keeps the newer sighting', async () => {
    await addCount(count(50));
    await recordSightings({ url: 'https://news.example/', title: 'Newer' }, [{ coinId: 'bittensor', symbol: 'TAO', count: 1 }], 999);
    await fillProfile();
    const backup = await exportData();
    await importData({ ...backup, counts: [count(7)], sightings: [{ ...backup.sightings[0]!, title: 'Older', time: 1 }] });
    expect((await listCounts()).map((c) => c.time)).toEqual([200, 100, 50, 7]);
    expect((await listSightings())[0]!.title).toBe('News');
  });

  it('falls back to defaults for unknown or invalid settings in a file', async () => {
    const data = await exportData();
    await importData({ ...data, settings: { currency: 'doge', refreshMinutes: 10, surprise: true } });
    expect(await getSettings()).toMatchObject({ currency: 'usd', refreshMinutes: 10 });
    expect(await getSettings()).not.toHaveProperty('surprise');
  });

  it('imports the badge’s encodings without the names this version does not know, and skips a value that is not a list', async () => {
    const data = await exportData();
    const preview = await previewImport({ ...data, settings: { badgeEncodings: ['qwen3', 'mistral-v7', 'o200k_base'] } });
    expect(preview.settings).toEqual([{ field: 'badgeEncodings', from: 'o200k_base, cl100k_base', to: 'o200k_base, qwen3' }]);
    await importData({ ...data, settings: { badgeEncodings: ['qwen3', 'mistral-v7', 'o200k_base'] } });
    expect((await getSettings()).badgeEncodings).toEqual(['o200k_base', 'qwen3']);
    await importData({ ...data, settings: { badgeEncodings: 'gemma3' } });
    expect((await getSettings()).badgeEncodings).toEqual(['o200k_base', 'qwen3']);
  });
});

describe('import safeguards', () => {
  it('changes only the settings the file has: an empty `settings` turns nothing back on', async () => {
    await updateSettings({ historyEnabled: false, currency: 'eur' });
    const data = await exportData();
    await importData({ ...data, settings: {} });
    expect(await getSettings()).toMatchObject({ historyEnabled: false, currency: 'eur' });
    await importData({ ...data, settings: { currency: 'gbp' } });
    expect(await getSettings()).toMatchObject({ historyEnabled: false, currency: 'gbp' });
  });

  it('never changes the price API base URL or plan unless the user confirms them, and previews it', async () => {
    const data = await exportData();
    const tampered = { ...data, settings: { ...data.settings, apiBaseUrl: 'https://attacker.example/api/v3', apiPlan: 'pro', currency: 'inr' } };
    const preview = await previewImport(tampered);
    expect(preview.priceApi).toEqual([
      { field: 'apiPlan', from: 'keyless', to: 'pro' },
      { field: 'apiBaseUrl', from: 'https://api.coingecko.com/api/v3', to: 'https://attacker.example/api/v3' },
    ]);
    expect(preview.settings).toEqual([{ field: 'currency', from: 'usd', to: 'inr' }]);
    // The preview wrote nothing.
    expect((await getSettings()).currency).toBe('usd');

    await importData(tampered);
    expect(await getSettings()).toMatchObject({ currency: 'inr', apiBaseUrl: 'https://api.coingecko.com/api/v3', apiPlan: 'keyless' });
    await importData(tampered, { applyPriceApi: true });
    expect(await getSettings()).toMatchObject({ apiBaseUrl: 'https://attacker.example/api/v3', apiPlan: 'pro' });
  });

  it('drops future-dated and impossible records, so they cannot fill the caps forever', async () => {
    const now = Date.UTC(2026, 11, 1);
    const data = await exportData();
    const sighting = { pageUrl: 'https://a.example/', coinId: 'bittensor', symbol: 'TAO', title: 'A', count: 1, time: now - 1000 };
    const file = {
      ...data,
      counts: [count(now - 5000), count(now + 365 * 24 * 3600_000), count(-1), count(Number.MAX_SAFE_INTEGER)],
      sightings: [sighting, { ...sighting, coinId: 'fetch-ai', time: 32503680000000 }],
    };
    expect(await previewImport(file, now)).toMatchObject({ counts: 1, sightings: 1, dropped: 4 });
    expect(await importData(file, { now })).toMatchObject({ counts: 1, sightings: 1, dropped: 4 });
    expect((await listCounts()).map((c) => c.time)).toEqual([now - 5000]);
    expect((await listSightings()).map((r) => r.coinId)).toEqual(['bittensor']);
  });

  it('writes watchlist and history in one transaction: a failure half-way changes nothing, settings included', async () => {
    await seedWatchlist(1);
    await addCount(count(10));
    const data = await exportData();
    const broken = {
      ...data,
      settings: { currency: 'jpy' },
      watchlist: [{ coinId: 'akash-network', symbol: 'AKT', name: 'Akash', position: 0, addedAt: 1 }],
      counts: [count(20), { ...count(30), cannotBeStored: () => 1 }],
    };
    await expect(importData(broken as never)).rejects.toThrow();
    expect((await listWatchlist()).map((e) => e.symbol)).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    expect((await listCounts()).map((c) => c.time)).toEqual([10]);
    expect((await getSettings()).currency).toBe('usd');
  });
});

describe('backup files', () => {
  it('names the file by local date', () => {
    expect(backupFileName(new Date(2026, 0, 5))).toBe('token-insight-2026-01-05.json');
  });

  it('says why a file is not a backup', () => {
    expect(parseBackup('{oops')).toMatchObject({ ok: false, reason: 'not-json' });
    expect(parseBackup('{"format":"something-else"}')).toMatchObject({ ok: false, reason: 'not-backup' });
    expect(parseBackup(JSON.stringify({ format: 'token-insight-export', version: 1, exportedAt: 1, settings: {}, watchlist: [{ coinId: '' }], counts: [], sightings: [] }))).toMatchObject({ ok: false, reason: 'not-backup' });
  });
});
