import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { evaluateInContentScript, type ExtensionSession } from './harness/extension';
import type { PageServer } from './harness/page-server';
import { startSuite, stopSuite } from './harness/page-helpers';
import { EXTENSION_DIR } from './harness/paths';

let ext: ExtensionSession;
let pages: PageServer;

beforeAll(async () => {
  ({ ext, pages } = await startSuite());
});
afterAll(() => stopSuite({ ext, pages }));

describe('the built extension in Chromium', () => {
  it('has an MV3 manifest with a service worker, a content script and a popup', async () => {
    const manifest = JSON.parse(await readFile(`${EXTENSION_DIR}/manifest.json`, 'utf8'));
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.background.service_worker).toBe('background.js');
    expect(manifest.content_scripts[0].matches).toEqual(['<all_urls>']);
    expect(manifest.action.default_popup).toBe('popup.html');
  });

  it('starts its service worker', async () => {
    expect(ext.extensionId).toMatch(/^[a-p]{32}$/);
    expect(ext.serviceWorker.url()).toBe(`chrome-extension://${ext.extensionId}/background.js`);
    const name = await ext.serviceWorker.evaluate(() => chrome.runtime.getManifest().name);
    expect(name).toBe('Token Insight');
  });

  it('opens the popup and renders the default watchlist', async () => {
    const popup = await ext.openExtensionPage('popup.html');
    await expect.poll(() => popup.getByTestId('watchlist-row').count()).toBe(6);
    const symbols = await popup.getByTestId('watchlist-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-symbol')));
    expect(symbols).toEqual(['TAO', 'FET', 'AGIX', 'NMR', 'GRT', 'OCEAN']);
    await popup.close();
  });

  it('runs the content script on a local page', async () => {
    const page = await ext.context.newPage();
    const url = pages.url('/news.html');
    await page.goto(url);
    expect(await evaluateInContentScript<string>(page, 'location.href')).toBe(url);
    // The content script lives in its own world: the page cannot see the extension API.
    expect(await page.evaluate(() => typeof (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage)).toBe('undefined');
    await page.close();
  });

  it('round-trips a message content → background → content, and background → content', async () => {
    const page = await ext.context.newPage();
    await page.goto(pages.url('/news.html'));
    const reply = await evaluateInContentScript<{ ok: boolean; value: { nonce: string; sender: string; tabId: number } }>(
      page,
      `chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'ping', payload: { nonce: 'hello-42' } })`,
    );
    expect(reply.ok).toBe(true);
    expect(reply.value).toMatchObject({ nonce: 'hello-42', sender: 'content' });
    expect(reply.value.tabId).toBeGreaterThan(0);

    // A request the content script may not make is refused by the background.
    const refused = await evaluateInContentScript<{ ok: boolean; error: { code: string } }>(
      page,
      `chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'history.counts', payload: {} })`,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // And a malformed one.
    const malformed = await evaluateInContentScript<{ ok: boolean; error: { code: string } }>(
      page,
      `chrome.runtime.sendMessage({ channel: 'token-insight/v1', kind: 'ping', payload: { nonce: 7 } })`,
    );
    expect(malformed).toMatchObject({ ok: false, error: { code: 'bad-payload' } });

    const tabId = reply.value.tabId;
    const fromBackground = await ext.serviceWorker.evaluate(
      (tabId) => chrome.tabs.sendMessage(tabId, { channel: 'token-insight/v1', kind: 'ping', payload: { nonce: 'back' } }, { frameId: 0 }),
      tabId,
    );
    expect(fromBackground).toMatchObject({ ok: true, value: { nonce: 'back', url: pages.url('/news.html') } });
    await page.close();
  });
});
