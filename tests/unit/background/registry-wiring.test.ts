/**
 * The background as wired by its composition root (entrypoints/background/
 * index.ts), with fetch answered by a CoinGecko stand-in: the category lists
 * are fetched on install and when the price API's base URL changes, their
 * coins reach the pages' trigger list (pages ask for them with registry.coins: handlers-registry.test.ts).
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { IDBFactory } from 'fake-indexeddb';
import { closeDb } from '@/entrypoints/background/storage/db';
import { CATEGORY_TRIGGERS_KEY, parseCategoryTriggers } from '@/utils/mentions/extra-triggers';
import { mentionTrigger, triggerData } from '@/utils/mentions/triggers';
import { compile } from '@/utils/mentions/compile';
import { CONTEXT_CUES, REGISTRY } from '@/utils/mentions/registry';
import { updateSettings } from '@/utils/settings';
import { ordinaryWordsText } from '@/scripts/ordinary-words';

afterEach(async () => {
  vi.unstubAllGlobals();
  await closeDb();
  globalThis.indexedDB = new IDBFactory();
});

const LIST = [
  { id: 'never-shipped-ai', symbol: 'nsai', name: 'Zyqlorax', market_cap: 5_000_000 },
  { id: 'grass', symbol: 'grass', name: 'Grass', market_cap: 450_000_000 },
];

async function until(check: () => Promise<boolean> | boolean, what: string) {
  for (let i = 0; i < 400; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('the living registry in the background', () => {
  it('is fetched on install and on a new base URL, published to the pages’ triggers', async () => {
    const words = await ordinaryWordsText();
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (input: string) => {
      const url = String(input);
      if (url.endsWith('/mentions/ordinary-words.txt')) return new Response(words);
      calls.push(url);
      const u = new URL(url);
      if (u.pathname.endsWith('/coins/markets') && u.searchParams.get('category')) {
        return new Response(JSON.stringify(u.searchParams.get('category') === 'artificial-intelligence' ? LIST : []));
      }
      return new Response(JSON.stringify([]));
    });
    // The fake browser has no context menus or commands (the selection commands are tested elsewhere).
    const noop = { addListener: () => {}, removeListener: () => {} };
    Object.assign(fakeBrowser, {
      contextMenus: { removeAll: async () => {}, create: () => 0, onClicked: noop },
      commands: { onCommand: noop },
    });
    const background = (await import('@/entrypoints/background/index')).default as unknown as { main(): void };
    background.main();
    await fakeBrowser.runtime.onInstalled.trigger({ reason: 'install' });
    await until(async () => !!parseCategoryTriggers((await fakeBrowser.storage.local.get(CATEGORY_TRIGGERS_KEY))[CATEGORY_TRIGGERS_KEY]), 'the triggers');
    const categoryCalls = () => calls.filter((c) => c.includes('category='));
    expect(categoryCalls().map((c) => new URL(c).searchParams.get('category'))).toEqual(['artificial-intelligence', 'ai-agents']);
    expect(categoryCalls().every((c) => c.startsWith('https://api.coingecko.com/api/v3/coins/markets?'))).toBe(true);

    // The page's quick test now says yes to the new coin's name and to "NSAI token", not to a bare "Grass".
    const stored = (await fakeBrowser.storage.local.get(CATEGORY_TRIGGERS_KEY))[CATEGORY_TRIGGERS_KEY];
    const trigger = mentionTrigger(triggerData(compile(REGISTRY, CONTEXT_CUES, []).parts), [], parseCategoryTriggers(stored));
    expect(trigger.test('Zyqlorax is trending')).toBe(true);
    expect(trigger.test('the NSAI token')).toBe(true);
    expect(trigger.test('Grass grows in spring')).toBe(false);

    // A new base URL (a host the user granted) fetches the lists again, there.
    vi.spyOn(fakeBrowser.permissions, 'contains').mockImplementation(async () => true);
    await updateSettings({ apiBaseUrl: 'https://proxy.example/api/v3' });
    await until(() => categoryCalls().some((c) => c.startsWith('https://proxy.example/')), 'a fetch from the new base URL');
    expect(categoryCalls().filter((c) => c.startsWith('https://proxy.example/')).length).toBe(2);
  });
});
