/**
 * The alarms. The living registry's daily alarm fetches the AI category
 * lists again (category-registry.ts). The watchlist refresh alarm: every `refreshMinutes` (never under a minute,
 * the free API's own refresh rate) the background refreshes the watchlist's
 * quotes so the popup opens on fresh data, then, if the user turned alerts
 * on and allowed notifications, announces big 24 h moves.
 */
import { browser } from 'wxt/browser';
import { formatChange, formatPrice } from '@/utils/format';
import { t, uiLocale } from '@/utils/i18n';
import { getSettings, watchSettings, type Settings } from '@/utils/settings';
import { priceMoveAlerts, type AlertLog } from './alerts';
import { pruneQuotes } from '../storage/quote-cache';
import type { PriceService } from './price-service';
import type { CategoryRegistryService } from './category-registry';
import { REGISTRY_REFRESH_MINUTES } from '@/utils/model/limits';

export const PRICE_ALARM = 'token-insight/prices';
export const REGISTRY_ALARM = 'token-insight/registry';
const ALERT_LOG_KEY = 'priceAlertLog';

export function alarmPeriodMinutes(settings: Pick<Settings, 'refreshMinutes'>): number {
  return Math.max(1, settings.refreshMinutes);
}

async function schedule(settings: Settings): Promise<void> {
  const period = alarmPeriodMinutes(settings);
  const existing = await browser.alarms.get(PRICE_ALARM);
  if (existing?.periodInMinutes === period) return;
  await browser.alarms.create(PRICE_ALARM, { periodInMinutes: period, delayInMinutes: period });
}

async function notifyMoves(prices: Awaited<ReturnType<PriceService['refreshWatchlist']>>, settings: Settings): Promise<void> {
  if (!prices || !settings.alertsEnabled) return;
  const allowed = await browser.permissions.contains({ permissions: ['notifications'] }).catch(() => false);
  if (!allowed || !browser.notifications) return;
  const stored = await browser.storage.local.get(ALERT_LOG_KEY);
  const log = (stored[ALERT_LOG_KEY] ?? {}) as AlertLog;
  const quotes = prices.quotes.flatMap((q) => (q.quote && !q.stale ? [q.quote] : []));
  const { alerts, log: next } = priceMoveAlerts(quotes, settings.alertThresholdPct, log, Date.now());
  await browser.storage.local.set({ [ALERT_LOG_KEY]: next });
  const locale = uiLocale();
  for (const a of alerts) {
    await browser.notifications.create(`token-insight-move-${a.coinId}`, {
      type: 'basic',
      iconUrl: browser.runtime.getURL('/icon/128.png'),
      title: t('alerts_title', [a.symbol, formatChange(a.change24h, locale)]),
      message: t('alerts_message', [a.name, formatPrice(a.price, a.currency, locale)]),
    });
  }
}

/** Registers the alarm listener (call at the background's top level) and keeps the alarm in step with the settings. */
export function startPriceAlarms(prices: PriceService): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== PRICE_ALARM) return;
    void (async () => {
      const settings = await getSettings();
      const answer = await prices.refreshWatchlist();
      await notifyMoves(answer, settings);
      await pruneQuotes();
    })().catch((error: unknown) => console.warn('Token Insight: price refresh failed', error));
  });
  getSettings().then(schedule).catch(() => {});
  watchSettings((settings) => void schedule(settings).catch(() => {}));
}

/** Registers the registry's daily alarm (call at the background's top level): the category lists are fetched again once a day. */
export function startRegistryAlarm(registry: Pick<CategoryRegistryService, 'refresh'>): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== REGISTRY_ALARM) return;
    registry.refresh('daily').catch((error: unknown) => console.warn('Token Insight: category list refresh failed', error));
  });
  void (async () => {
    const existing = await browser.alarms.get(REGISTRY_ALARM);
    if (existing?.periodInMinutes === REGISTRY_REFRESH_MINUTES) return;
    await browser.alarms.create(REGISTRY_ALARM, { periodInMinutes: REGISTRY_REFRESH_MINUTES, delayInMinutes: REGISTRY_REFRESH_MINUTES });
  })().catch(() => {});
}
