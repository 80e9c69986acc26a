/**
 * The background's `sightings.record`: stores what a content script saw on a
 * page (address from the browser, not the page), once per page and coin, and
 * nothing at all when history is off.
 */
import { describe, expect, it } from 'vitest';
import { createBackgroundHandlers } from '@/entrypoints/background/handlers';
import { createPriceService } from '@/entrypoints/background/prices/price-service';

const backgroundHandlers = createBackgroundHandlers(createPriceService());
import { listSightings } from '@/entrypoints/background/storage/history-store';
import { updateSettings } from '@/utils/settings';
import type { RequestContext } from '@/utils/protocol/validate';

const record = backgroundHandlers['sightings.record']!;
const fromTab = (url: string): RequestContext => ({ sender: 'content', tabId: 7, frameId: 0, url });
const coins = [{ coinId: 'bittensor', symbol: 'TAO', count: 3 }];

describe('sightings.record', () => {
  it('records the coins of a page visit, keyed by the page address without its fragment', async () => {
    expect(await record({ title: 'News', coins }, fromTab('https://news.example/a#comments'))).toEqual({ recorded: true });
    expect(await record({ title: 'News', coins: [{ ...coins[0]!, count: 1 }] }, fromTab('https://news.example/a'))).toEqual({ recorded: true });
    const rows = await listSightings();
    expect(rows.map((r) => [r.pageUrl, r.symbol, r.count, r.title])).toEqual([['https://news.example/a', 'TAO', 3, 'News']]);
  });

  it('records nothing when history is off', async () => {
    await updateSettings({ historyEnabled: false });
    expect(await record({ title: 'Private', coins }, fromTab('https://private.example/'))).toEqual({ recorded: false });
    expect((await listSightings()).filter((r) => r.pageUrl.startsWith('https://private.example'))).toEqual([]);
  });

  it('records nothing for pages that are not web pages', async () => {
    await updateSettings({ historyEnabled: true });
    expect(await record({ title: 'File', coins }, fromTab('file:///home/me/notes.html'))).toEqual({ recorded: false });
    expect(await record({ title: 'None', coins }, { sender: 'extension', tabId: null, frameId: null, url: null })).toEqual({ recorded: false });
  });
});
