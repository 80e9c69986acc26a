/**
 * The counter inside the built extension: the background starts without
 * the rank tables, the first count fetches only the one encoding it needs
 * from the extension's own files, and counts match tiktoken (the oracle, run
 * here in Node). Prints the time from request to first count (README "Performance").
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { get_encoding } from 'tiktoken';
import { contentScript, type ExtensionSession, type UiPage } from './harness/extension';
import type { PageServer } from './harness/page-server';
import { startSuite, stopSuite } from './harness/page-helpers';
import { EXTENSION_DIR, ROOT } from './harness/paths';
import { countTokens } from '@/utils/tokens';
import { OPEN_MODEL_ENCODINGS } from '@/utils/tokens/encodings';

let ext: ExtensionSession;
let pages: PageServer;

beforeAll(async () => {
  ({ ext, pages } = await startSuite());
});
afterAll(() => stopSuite({ ext, pages }));

const fixture = (name: string) => readFileSync(join(ROOT, 'tests/fixtures/tokens', name), 'utf8');
const TEXT = ['english.txt', 'hindi.txt', 'emoji.txt', 'edge.txt'].map(fixture).join('\n');

function expected(text: string, encoding: 'o200k_base' | 'cl100k_base'): number {
  const oracle = get_encoding(encoding);
  try {
    return oracle.encode_ordinary(text).length;
  } finally {
    oracle.free();
  }
}

type Logged = typeof globalThis & { rankFetches?: string[] };

/** Starts logging the files the background fetches (the counter calls the global fetch). */
async function logFetches(): Promise<void> {
  await ext.background.evaluateInScope((scope: Logged) => {
    if (scope.rankFetches) return;
    const log: string[] = (scope.rankFetches = []);
    const original = scope.fetch.bind(scope);
    scope.fetch = (input, init) => {
      log.push(String(input instanceof Request ? input.url : input));
      return original(input, init);
    };
  });
}

/** Rank files the background has fetched since `logFetches()`. */
async function fetchedRankFiles(): Promise<string[]> {
  const urls: string[] = await ext.background.evaluateInScope((scope: Logged) => [...(scope.rankFetches ?? [])]);
  return urls.filter((url) => url.includes('/tokenizer/')).map((url) => url.split('/').pop()!);
}

interface Timed {
  answer: { ok: boolean; value?: { counts: Record<string, number>; chars: number }; error?: unknown };
  ms: number;
}

/** Counts `text` from the page's content script, timed from request to answer. */
async function countFromPage(page: UiPage, requestId: string, text: string, encodings: string[], timeoutMs = 10_000): Promise<Timed> {
  const message = { channel: 'token-insight/v1', kind: 'tokens.count', payload: { requestId, text, encodings } };
  return (await contentScript(page, 'sendTimed', message, timeoutMs)) as Timed;
}

describe('token counting in the built extension', () => {
  it('ships the ranks as files beside a small background script', () => {
    const background = statSync(join(EXTENSION_DIR, 'background.js')).size;
    // Far below one rank table (cl100k_base alone is 0.74 MB as a binary file, 1.1 MB as js-tiktoken's text): what
    // grows here is code (159 kB with the token view and the live count), never the data.
    expect(background).toBeLessThan(200_000);
    expect(readFileSync(join(EXTENSION_DIR, 'background.js'), 'utf8')).not.toContain('IQ== Ig=='); // js-tiktoken's rank text
    const files = ['o200k_base.bin', 'cl100k_base.bin'].map((name) => statSync(join(EXTENSION_DIR, 'tokenizer', name)).size);
    console.log(`background.js ${(background / 1000).toFixed(1)} kB; rank files ${files.map((n) => `${(n / 1e6).toFixed(2)} MB`).join(', ')}`);
  });

  it('loads ranks on the first count, not at start-up, and counts exactly, encoding by encoding', async () => {
    // If the worker had loaded the ranks when it started, the first count would fetch nothing.
    await logFetches();
    const page = await ext.newPage();
    await page.goto(pages.url('/news.html'));

    const first = await countFromPage(page, 'first', TEXT, ['o200k_base'], 30_000);
    expect(first.answer).toMatchObject({ ok: true, value: { counts: { o200k_base: expected(TEXT, 'o200k_base') }, chars: [...TEXT].length } }); // characters are code points
    expect(await fetchedRankFiles()).toEqual(['o200k_base.bin']);

    const second = await countFromPage(page, 'second', TEXT, ['cl100k_base'], 30_000);
    expect(second.answer).toMatchObject({ ok: true, value: { counts: { cl100k_base: expected(TEXT, 'cl100k_base') } } });
    expect((await fetchedRankFiles()).sort()).toEqual(['cl100k_base.bin', 'o200k_base.bin']);

    const warm = await countFromPage(page, 'warm', TEXT, ['o200k_base', 'cl100k_base']);
    expect(warm.answer.ok).toBe(true);
    // Loaded once: later counts fetch nothing more.
    expect(await fetchedRankFiles()).toHaveLength(2);

    console.log(
      `time to first count (${TEXT.length} chars, request → answer): o200k_base ${first.ms.toFixed(0)} ms, ` +
        `then cl100k_base ${second.ms.toFixed(0)} ms; warm count of both ${warm.ms.toFixed(1)} ms`,
    );
    await page.close();
  });

  it('counts the open-model families, fetching a family\'s file on its first count only', async () => {
    await logFetches();
    const page = await ext.newPage();
    await page.goto(pages.url('/news.html'));
    const times: string[] = [];
    const fetched = await fetchedRankFiles();
    for (const encoding of OPEN_MODEL_ENCODINGS) {
      const first = await countFromPage(page, `first-${encoding}`, TEXT, [encoding], 60_000);
      // The Node counter is the reference here (families.test.ts checks it against Hugging Face).
      expect(first.answer).toMatchObject({ ok: true, value: { counts: { [encoding]: await countTokens(TEXT, encoding) } } });
      fetched.push(`${encoding}.bin`);
      expect((await fetchedRankFiles()).sort()).toEqual([...fetched].sort());
      times.push(`${encoding} ${first.ms.toFixed(0)} ms`);
    }
    console.log(`time to first count per family (${TEXT.length} chars, request → answer, file fetch included): ${times.join(', ')}`);
    await page.close();
  }, 240_000);
});
