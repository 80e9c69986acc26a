import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Quote } from '@/utils/model/quote';
import { makeQuote } from '@/tests/unit/fixtures/records';
import { PRICE_ALARM, startPriceAlarms } from '@/entrypoints/background/prices/alarms';
import type { PriceService } from '@/entrypoints/background/prices/price-service';
import { updateSettings } from '@/utils/settings';

const quote = (coinId: string, change24h: number): Quote =>
  makeQuote({ coinId, symbol: coinId.slice(0, 3).toUpperCase(), price: 10, change24h, fetchedAt: Date.now() });

function fakePrices(quotes: Quote[]) {
  const refreshWatchlist = vi.fn(async () => ({
    currency: 'usd',
    quotes: quotes.map((q) => ({ coinId: q.coinId, quote: q, stale: false })),
    error: null,
  }));
  return { refreshWatchlist } as unknown as PriceService & { refreshWatchlist: typeof refreshWatchlist };
}

async function until(check: () => Promise<boolean> | boolean) {
  for (let i = 0; i < 100 && !(await check()); i++) await new Promise((r) => setTimeout(r, 5));
}

describe('the watchlist refresh alarm', () => {
  it('is scheduled at the refresh interval and follows the setting', async () => {
    startPriceAlarms(fakePrices([]));
    await until(async () => !!(await fakeBrowser.alarms.get(PRICE_ALARM)));
    expect((await fakeBrowser.alarms.get(PRICE_ALARM))?.periodInMinutes).toBe(5);
    await updateSettings({ refreshMinutes: 15 });
    await until(async () => (await fakeBrowser.alarms.get(PRICE_ALARM))?.periodInMinutes === 15);
    expect((await fakeBrowser.alarms.get(PRICE_ALARM))?.periodInMinutes).toBe(15);
  });

  it('refreshes the watchlist when it rings, and notifies big moves only when alerts are on and allowed', async () => {
    const prices = fakePrices([quote('bittensor', 12.5), quote('fetch-ai', 1)]);
    startPriceAlarms(prices);
    const ring = () => fakeBrowser.alarms.onAlarm.trigger({ name: PRICE_ALARM, scheduledTime: Date.now(), periodInMinutes: 5, persistAcrossSessions: true });

    await ring();
    await until(() => prices.refreshWatchlist.mock.calls.length === 1);
    expect(prices.refreshWatchlist).toHaveBeenCalledTimes(1);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual([]); // alerts are off by default

    await updateSettings({ alertsEnabled: true, alertThresholdPct: 10 });
    const contains = vi.fn(async () => true);
    (fakeBrowser as unknown as { permissions: unknown }).permissions = { contains };
    await ring();
    await until(async () => Object.keys(await fakeBrowser.notifications.getAll()).length > 0);
    expect(Object.keys(await fakeBrowser.notifications.getAll())).toEqual(['token-insight-move-bittensor']);
    expect(contains).toHaveBeenCalledWith({ permissions: ['notifications'] });
  });
});
