/**
 * Trust in the browser, with the built extension and the local fake
 * CoinGecko: the API key is sent only where it was entered (routed
 * `https://api.coingecko.com` stands in for CoinGecko), a hostile
 * Retry-After cannot stop prices, and an over-long site list loses nothing.
 * (A tampered backup is in popup.e2e.ts, next to export and import.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchExtension, type ExtensionSession, type UiPage } from './harness/extension';
import { FakeCoinGecko, routeFallback } from './harness/fake-coingecko';
import { changeQuoteCache, clearBackoff as clearBackoffIn } from './harness/page-helpers';

let ext: ExtensionSession;
let fake: FakeCoinGecko;
/** An extension page used to read and set the extension's storage. */
let admin: UiPage;

const NEWS_COINS = ['bittensor', 'fetch-ai', 'numeraire', 'singularitynet', 'the-graph'];

async function setSettings(change: Record<string, unknown>): Promise<void> {
  await admin.evaluate(async (v) => {
    await chrome.storage.sync.set(Object.fromEntries(Object.entries(v).map(([k, value]) => [`settings.${k}`, value])));
  }, change);
}

const clearBackoff = () => clearBackoffIn(admin);
const clearQuotes = () => changeQuoteCache(admin, 'clear');

beforeAll(async () => {
  fake = await new FakeCoinGecko().start();
  ext = await launchExtension();
  await routeFallback(ext, fake);
  admin = await ext.openExtensionPage('options.html');
  await setSettings({ apiBaseUrl: fake.baseUrl });
});

afterAll(async () => {
  await ext?.close();
  await fake?.stop();
});

describe('settings in the background', () => {
  it('sends a Demo key only in its header, searches coins, and keeps the refresh alarm at the chosen interval', async () => {
    await clearBackoff();
    // The key goes to HTTPS hosts only: CoinGecko's own address, routed to the fake.
    await ext.routeHost('https://api.coingecko.com', fake.baseUrl.replace(/\/api\/v3$/, ''));
    await setSettings({ currency: 'usd', apiPlan: 'demo', apiBaseUrl: 'https://api.coingecko.com/api/v3' });
    await admin.reload();
    const key = admin.getByTestId('api-key');
    await key.fill('CG-demo-secret');
    await key.press('Enter');
    // The page shows that a key is set, for which address, without reading it back.
    await expect.poll(() => key.getAttribute('data-key-set')).toBe('yes');
    expect(await key.inputValue()).toBe('');
    expect(await key.getAttribute('placeholder')).toContain('https://api.coingecko.com');
    // Nothing a content script can read holds the key: not storage.local, not storage.sync.
    expect(await admin.evaluate(async () => JSON.stringify(await chrome.storage.local.get(null)))).not.toContain('CG-demo-secret');
    expect(await admin.evaluate(async () => JSON.stringify(await chrome.storage.sync.get(null)))).not.toContain('CG-demo-secret');

    const reply = await admin.evaluate(() =>
      chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'coins.search', payload: { query: 'tao' } }),
    );
    expect(reply).toMatchObject({ ok: true, value: { coins: [{ coinId: 'bittensor', symbol: 'TAO', name: 'Bittensor', rank: 30 }] } });
    const search = fake.requests.filter((r) => r.path === '/api/v3/search').pop()!;
    expect(search.headers['x-cg-demo-api-key']).toBe('CG-demo-secret');
    expect(search.query.toString()).not.toContain('secret');

    const alarm = () => admin.evaluate(() => chrome.alarms.get('token-insight/prices'));
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(5);
    await admin.getByTestId('refresh-minutes').selectOption('1');
    await expect.poll(async () => (await alarm())?.periodInMinutes).toBe(1);
    await setSettings({ apiPlan: 'keyless', refreshMinutes: 5, apiBaseUrl: fake.baseUrl });
    await ext.unrouteHost('https://api.coingecko.com');
  });

  it('never sends the key to a base URL changed behind the user’s back (a tampered backup, sync), until confirmed there', async () => {
    await clearBackoff();
    await setSettings({ apiPlan: 'demo', apiBaseUrl: 'https://api.coingecko.com/api/v3' });
    await admin.reload();
    await admin.getByTestId('api-key').fill('CG-bound-secret');
    await admin.getByTestId('api-key').press('Enter');
    await expect.poll(() => admin.getByTestId('api-key').getAttribute('data-key-set')).toBe('yes');
    // What an imported file, another device or a compromised page could do: point the settings elsewhere.
    await setSettings({ apiBaseUrl: fake.baseUrl });
    const before = fake.requests.length;
    const reply = await admin.evaluate(() =>
      chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'coins.search', payload: { query: 'tao' } }),
    );
    expect(reply).toMatchObject({ ok: false, error: { message: expect.stringContaining('saved for https://api.coingecko.com') } });
    expect(fake.requests.slice(before).some((r) => JSON.stringify(r.headers).includes('CG-bound-secret'))).toBe(false);
    // The settings say so, with a button to confirm the key for the new address.
    await admin.reload();
    await expect.poll(() => admin.getByTestId('api-key-elsewhere').count()).toBe(1);
    await admin.getByTestId('api-key-clear').click();
    await expect.poll(() => admin.getByTestId('api-key').getAttribute('data-key-set')).toBe('no');
    await setSettings({ apiPlan: 'keyless' });
  });
});


describe('a custom host the user has not granted', () => {
  it('is asked nothing, keyless too, and the settings offer to allow it', async () => {
    await clearBackoff();
    await clearQuotes();
    // A base URL on a host outside the manifest and not granted (routed to the fake, so a request would show).
    await ext.routeHost('https://prices-elsewhere.example', fake.baseUrl.replace(/\/api\/v3$/, ''));
    // In Firefox the site access (all websites) covers every host, and a temporary add-on gets its optional hosts too:
    // take both back, as a user would in about:addons (given back at the end, through the settings' button).
    if (ext.browserName === 'firefox') {
      await ext.background.evaluate(() => chrome.permissions.remove({ origins: ['<all_urls>', 'https://*/*'] }));
    }
    await setSettings({ apiPlan: 'keyless', apiBaseUrl: 'https://prices-elsewhere.example/api/v3' });
    const asked = () => fake.requests.filter((r) => r.path.startsWith('/api/v3')).length;
    const before = asked();
    const reply = (await admin.evaluate(
      (coinIds) => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'quotes.get', payload: { coinIds, wait: true } }),
      NEWS_COINS,
    )) as { ok: boolean; value: { quotes: { quote: { source: string } | null }[] } };
    // Prices come from the built-in fallback; the custom host got nothing.
    expect(reply.ok).toBe(true);
    expect(reply.value.quotes.every((q) => q.quote === null || q.quote.source !== 'CoinGecko')).toBe(true);
    expect(asked()).toBe(before);
    const search = await admin.evaluate(() =>
      chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'coins.search', payload: { query: 'tao' } }),
    );
    expect(search).toMatchObject({ ok: false, error: { message: expect.stringContaining('no access to prices-elsewhere.example') } });
    expect(asked()).toBe(before);
    await admin.reload();
    await expect.poll(() => admin.getByTestId('host-access').textContent()).toContain('https://prices-elsewhere.example/*');
    if (ext.browserName === 'firefox') {
      // The user allows it (Firefox's prompt is off in the harness; Chromium's cannot be answered headless): asked at once.
      await admin.getByTestId('host-access').getByRole('button', { name: 'Allow access' }).click();
      await expect.poll(() => admin.getByTestId('host-access').textContent()).not.toContain('Allow access');
      await admin.evaluate(() => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'prices.reset', payload: {} }));
      const granted = await admin.evaluate(() =>
        chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'coins.search', payload: { query: 'tao' } }),
      );
      expect(granted).toMatchObject({ ok: true });
      expect(asked()).toBeGreaterThan(before);
      await admin.getByTestId('site-access-grant').click();
      await expect.poll(() => admin.getByTestId('site-access').count()).toBe(0);
    }
    await setSettings({ apiBaseUrl: fake.baseUrl });
    await ext.unrouteHost('https://prices-elsewhere.example');
  });
});

describe('a hostile Retry-After', () => {
  it('after a 429 with Retry-After: 99999999, pointing the base URL elsewhere gets prices at once', async () => {
    await clearBackoff();
    await setSettings({ currency: 'gbp', apiBaseUrl: fake.baseUrl });
    await clearQuotes();
    fake.mode = { kind: 'rate-limited', retryAfterSeconds: 99_999_999 };
    fake.fallbackMode = { kind: 'error', status: 503 };
    const ask = () =>
      admin.evaluate(
        (coinIds) => chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'quotes.get', payload: { coinIds, wait: true } }),
        NEWS_COINS,
      ) as Promise<{ ok: boolean; value: { error: { code: string; retryAt: number | null } | null } }>;
    const limited = await ask();
    expect(limited.value.error).toMatchObject({ code: 'rate-limited' });
    // Capped at an hour, whatever the server said.
    expect(limited.value.error!.retryAt! - Date.now()).toBeLessThanOrEqual(60 * 60_000);

    // The same server under another host name: a new host, no pause.
    fake.mode = { kind: 'ok' };
    await setSettings({ apiBaseUrl: fake.baseUrl.replace('127.0.0.1', 'localhost') });
    const moved = await ask();
    expect(moved.value.error).toBeNull();
    await setSettings({ apiBaseUrl: fake.baseUrl, currency: 'usd' });
    await clearBackoff();
    fake.fallbackMode = { kind: 'ok' };
  });
});

describe('settings cannot be lost', () => {
  it('pasting 2,000 sites gives a clear message and loses nothing saved before', async () => {
    await admin.close();
    const options = await ext.openExtensionPage('options.html');
    await options.bringToFront();
    const sites = options.getByTestId('marking-off-sites');
    await sites.fill('kept.example');
    await sites.blur();
    const stored = () => options.evaluate(async () => (await chrome.storage.sync.get('settings.markingOffSites'))['settings.markingOffSites']);
    await expect.poll(stored).toEqual(['kept.example']);
    // Pasted in one go, as a paste does.
    await sites.fill('');
    await options.keyboard.insertText(Array.from({ length: 2000 }, (_, i) => `site-${i}.example`).join('\n'));
    await sites.blur();
    await expect.poll(() => options.getByTestId('save-status').textContent()).toMatch(/2,000 sites; at most 500/);
    expect(await stored()).toEqual(['kept.example']);
    await options.evaluate(() => chrome.storage.sync.remove('settings.markingOffSites'));
    await options.close();
  }, 60_000); // 2,000 lines through a real textarea on a shared machine
});
