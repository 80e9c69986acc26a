/**
 * The badge with the open-model families, in real Chromium with the built
 * extension: with the default settings a count fetches no family's data
 * file; ticking Llama 3 and Gemma 3 on the settings page (by keyboard and
 * by mouse) makes the next selection's details list their exact counts
 * (computed here under Node with utils/tokens), their models and "no price
 * table entry", and fetches those two files only. Screenshots of the
 * settings group and of the expanded badge go to docs/screenshots only with
 * UPDATE_SCREENSHOTS=1.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { countTokens } from '@/utils/tokens';
import { ENCODING_DATA_MB, ENCODING_MODELS, ENCODINGS, OPEN_MODEL_ENCODINGS, type Encoding } from '@/utils/tokens/encodings';
import { contentScript, selectElementText, type ExtensionSession, type UiPage } from './harness/extension';
import type { PageServer } from './harness/page-server';
import { startSuite, stopSuite } from './harness/page-helpers';
import { axeViolations } from './harness/axe';
import { openModelShares } from '@/utils/tokens/llm-prices';
import { EXTENSION_DIR } from './harness/paths';
import { screenshotPath } from './harness/screenshots';

let ext: ExtensionSession;
let pages: PageServer;

beforeAll(async () => {
  ({ ext, pages } = await startSuite());
});
afterAll(() => stopSuite({ ext, pages }));

type Logged = typeof globalThis & { rankFetches?: string[] };

/** Starts (or restarts, empty) the log of files the service worker fetches (as token-counter.e2e.ts: the counter calls the global fetch). */
async function logFetches(): Promise<void> {
  await ext.background.evaluateInScope((scope: Logged) => {
    if (scope.rankFetches) {
      scope.rankFetches.length = 0;
      return;
    }
    const log: string[] = (scope.rankFetches = []);
    const original = scope.fetch.bind(scope);
    scope.fetch = (input, init) => {
      log.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
  });
}

/** Tokenizer data files the service worker has fetched since `logFetches()`, sorted. */
async function fetchedDataFiles(): Promise<string[]> {
  const urls: string[] = await ext.background.evaluateInScope((scope: Logged) => [...(scope.rankFetches ?? [])]);
  return urls.filter((url) => url.includes('/tokenizer/')).map((url) => url.split('/').pop()!).sort();
}

const badge = (page: UiPage) => page.locator('[data-testid="token-badge"]');
const details = (page: UiPage) => page.locator('[data-testid="token-details"]');
const digits = (text: string | null) => (text ?? '').replace(/[^\d]/g, '');

async function openSelectionPage(): Promise<UiPage> {
  const page = await ext.newPage();
  await page.goto(pages.url('/selection.html'));
  await contentScript(page, 'ready');
  return page;
}

/** Selects `selector`'s text, waits for its count and expands the badge; returns the selected text. */
async function countAndExpand(page: UiPage, selector: string): Promise<string> {
  await selectElementText(page, selector);
  const text = await page.evaluate(() => getSelection()!.toString());
  await expect.poll(() => badge(page).getAttribute('data-status'), { timeout: 60_000 }).toBe('done');
  await page.locator('[data-testid="token-count"]').click();
  await expect.poll(() => details(page).count()).toBe(1);
  return text;
}

/** The encodings listed in the details, in order, with the count each shows. */
async function listedCounts(page: UiPage): Promise<[string, string][]> {
  return page
    .locator('[data-testid="token-details"] tr[data-encoding]')
    .evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-encoding')!, r.querySelector('td')!.textContent!.replace(/[^\d]/g, '')] as [string, string]));
}

describe('open-model families in the badge', () => {
  it('ships data files the size the settings page says', () => {
    for (const encoding of ENCODINGS) {
      const bytes = statSync(join(EXTENSION_DIR, 'tokenizer', `${encoding}.bin`)).size;
      expect(Math.round(bytes / 1e5) / 10, encoding).toBe(ENCODING_DATA_MB[encoding]);
    }
  });

  it('with the default settings counts o200k_base and cl100k_base only, fetching no family’s file', async () => {
    await ext.background.evaluate(() => chrome.storage.sync.clear());
    await logFetches();
    const page = await openSelectionPage();
    const text = await countAndExpand(page, '#p-en');
    expect(await listedCounts(page)).toEqual([
      ['o200k_base', String(await countTokens(text, 'o200k_base'))],
      ['cl100k_base', String(await countTokens(text, 'cl100k_base'))],
    ]);
    expect(await page.locator('[data-unpriced]').count()).toBe(0);
    // The log works (the two OpenAI files were fetched by this first count) and holds no family's file.
    expect(await fetchedDataFiles()).toEqual(['cl100k_base.bin', 'o200k_base.bin']);
    await page.close();
  });

  it('counts Llama 3 and Gemma 3 exactly once they are ticked on the settings page, fetching only their files', async () => {
    const page = await openSelectionPage();
    const options = await ext.openExtensionPage('options.html');
    await options.setViewportSize({ width: 900, height: 900 });
    const group = options.getByTestId('badge-encodings');
    await group.waitFor({ state: 'visible' });
    const box = (e: Encoding) => options.getByTestId(`badge-encoding-${e}`);

    // The default encoding is ticked and cannot be cleared; the other OpenAI encoding is ticked by default; the families are not.
    expect(await box('o200k_base').isChecked()).toBe(true);
    expect(await box('o200k_base').isDisabled()).toBe(true);
    expect(await box('cl100k_base').isChecked()).toBe(true);
    for (const family of OPEN_MODEL_ENCODINGS) expect(await box(family).isChecked()).toBe(false);
    // Each box names its models and its data size; Llama 3 carries its licence's attribution.
    expect(await options.locator('label[for="badge-encoding-llama3"]').textContent()).toContain(ENCODING_MODELS.llama3);
    expect(await options.locator('label[for="badge-encoding-gemma3"]').textContent()).toContain(`${ENCODING_DATA_MB.gemma3} MB`);
    expect(await options.getByTestId('llama-attribution').textContent()).toBe('Built with Meta Llama 3');

    // Llama 3 by keyboard (Space on the focused box), Gemma 3 by mouse.
    await box('llama3').focus();
    await options.keyboard.press('Space');
    await box('gemma3').click();
    await expect.poll(() => options.evaluate(() => chrome.storage.sync.get('settings.badgeEncodings'))).toEqual({
      'settings.badgeEncodings': ['o200k_base', 'cl100k_base', 'llama3', 'gemma3'],
    });
    expect(await box('llama3').isChecked()).toBe(true);
    expect(await box('gemma3').isChecked()).toBe(true);
    for (const scheme of ['light', 'dark'] as const) {
      await options.emulateMedia({ colorScheme: scheme });
      expect(await axeViolations(options)).toEqual([]);
      const area = await group.boundingBox();
      if (area) await options.screenshot({ path: screenshotPath(`options-badge-encodings${scheme === 'dark' ? '-dark' : ''}.png`), clip: area });
    }
    await options.close();

    // The page opened before the change heard it (settings apply live, to the next count).
    await expect
      .poll(() => contentScript(page, 'badgeSettings'))
      .toMatchObject({ badgeEncodings: ['o200k_base', 'cl100k_base', 'llama3', 'gemma3'] });
    await logFetches();
    let expected: [string, string][] = [];
    for (const selector of ['#p-hi', '#p-en']) {
      await page.mouse.click(5, 5);
      await expect.poll(() => badge(page).count()).toBe(0);
      const text = await countAndExpand(page, selector);
      expected = [];
      for (const encoding of ['o200k_base', 'cl100k_base', 'llama3', 'gemma3'] as const) {
        expected.push([encoding, String(await countTokens(text, encoding))]);
      }
      expect(await listedCounts(page), selector).toEqual(expected);
    }
    // Each family is listed with its models, and each of its models with the share of its context window it fills
    // (from the dated model-card table), without a price (open weights have no list price).
    const counts = Object.fromEntries(expected.map(([e, n]) => [e, Number(n)]));
    for (const family of ['llama3', 'gemma3'] as const) {
      expect(await page.locator(`[data-encoding="${family}"] th`).textContent()).toContain(ENCODING_MODELS[family]);
      const rows = openModelShares(counts).filter((r) => r.model.encoding === family);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        const cells = (n: number) => page.locator(`[data-model="${row.model.id}"] td:nth-of-type(${n + 1})`);
        expect(await page.locator(`[data-model="${row.model.id}"] th`).textContent()).toBe(row.model.name);
        expect(await cells(0).textContent()).toMatch(/%$/);
        expect(await cells(1).textContent()).toBe('No list price');
      }
    }
    expect(await page.locator('[data-unpriced]').count()).toBe(0);
    expect(digits(await page.locator('[data-testid="token-count"]').textContent())).toBe(String(await countTokens(await page.evaluate(() => getSelection()!.toString()), 'o200k_base')));
    expect(await page.locator('[data-model="gpt-4o"]').count()).toBe(1);
    // Only the two chosen families' files were fetched (the OpenAI ones were loaded before).
    expect(await fetchedDataFiles()).toEqual(['gemma3.bin', 'llama3.bin']);

    expect(await axeViolations(page, 'token-insight-badge')).toEqual([]);
    await page.screenshot({ path: screenshotPath('selection-badge-families.png') });
    await page.close();
  }, 180_000);
});
