/**
 * Token-mention speed, two figures:
 * 1. `findMentions` throughput in MB/s (UTF-8 input per second of this
 *    process's CPU time, median of rounds) on mention-dense English and Hindi
 *    news text built from the labelled corpus, and on prose without mentions;
 *    with the curated list alone and with a realistic AI category list (the
 *    living registry's few hundred coins) added.
 * 2. From real headless Chromium with the e2e build of the extension, whose
 *    test hooks expose the scanner (`npm run bench` runs `npm run build:e2e`
 *    first): on a generated page with 1 MB of text, the time from the
 *    content script's start to the whole page being indexed, the longest
 *    slice of our work, and the longest main-thread task (Long Tasks API)
 *    while we scanned.
 * Prints the figures; asserts only that work was done, never a timing.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createMentionFinder, findMentions, type MentionFinder } from '@/utils/mentions';
import { REGISTRY } from '@/utils/mentions/registry';
import { categoryCoins } from '@/tests/unit/fixtures/category-coins';
import { loadCorpus } from '@/tests/unit/utils/mentions/mention-corpus';
import type { ExtensionSession } from '../tests/e2e/harness/extension';
import { evaluateInContentScript } from '../tests/e2e/harness/chromium';
import type { PageServer } from '../tests/e2e/harness/page-server';
import { startSuite, stopSuite } from '../tests/e2e/harness/page-helpers';

const corpus = loadCorpus();
const MB = 1_000_000;

/** Joins snippets (as paragraphs) until the text reaches `size` characters. */
function build(snippets: string[], size: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < size; i++) {
    const s = snippets[i % snippets.length]!;
    parts.push(s);
    n += s.length + 2;
  }
  return parts.join('\n\n');
}

const cpuMs = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

function throughput(text: string, find: MentionFinder = findMentions): { mbps: number; mentions: number } {
  const bytes = Buffer.byteLength(text, 'utf8');
  const mentions = find(text).length; // warm-up
  const samples: number[] = [];
  for (let round = 0; round < 5; round++) {
    const t0 = cpuMs();
    find(text);
    samples.push(bytes / MB / ((cpuMs() - t0) / 1000));
  }
  return { mbps: median(samples), mentions };
}

describe('findMentions throughput', () => {
  test('MB/s on English, Hindi and mention-free text, curated list alone and with the AI categories', async () => {
    const withCategories = createMentionFinder([], REGISTRY, undefined, await categoryCoins());
    const texts: Record<string, string> = {
      'English news, mention-dense': build(corpus.filter((s) => s.language === 'en').map((s) => s.text), MB),
      'Hindi news, mention-dense': build(corpus.filter((s) => s.language === 'hi').map((s) => s.text), MB),
      'English prose, no tickers': build(
        ['The committee reviewed the annual budget and the graph of spending; members met near the station after the vote.'],
        MB,
      ),
    };
    const rows: string[] = [];
    for (const [name, text] of Object.entries(texts)) {
      for (const [list, find] of [['curated', findMentions], ['+categories', withCategories]] as const) {
        const { mbps, mentions } = throughput(text, find);
        rows.push(`${name.padEnd(30)} ${list.padEnd(12)} ${(Buffer.byteLength(text) / MB).toFixed(2).padStart(5)} MB  ${mbps.toFixed(2).padStart(7)} MB/s  ${String(mentions).padStart(6)} mentions`);
        expect(mbps).toBeGreaterThan(0);
      }
    }
    console.log(`findMentions (Node ${process.version}, CPU time, median of 5)\n${rows.join('\n')}`);
  });
});

describe('page scan in Chromium (built extension)', () => {
  let ext: ExtensionSession;
  let pages: PageServer;

  beforeAll(async () => {
    ({ ext, pages } = await startSuite());
  });
  afterAll(() => stopSuite({ ext, pages }));

  const PROSE = [
    'The city council met on Tuesday to discuss the new budget, which sets aside more money for schools, parks and roads.',
    'Residents asked about the bus routes near the station, and the mayor promised a report by the end of the month.',
    'Researchers presented results from the chemistry lab, where a new instrument measures samples faster than before.',
    'The weather service expects rain over the weekend, with cooler temperatures and strong winds along the coast.',
  ];
  const pagesToScan: [string, (i: number) => string][] = [
    // Every paragraph from the labelled corpus: a mention every ~80 characters (worst case).
    ['mention-dense', (i) => corpus[i % corpus.length]!.text.replace(/\n/g, ' ')],
    // A news site: one corpus paragraph among twenty of ordinary prose.
    ['typical news', (i) => (i % 21 === 0 ? corpus[(i / 21) % corpus.length]!.text.replace(/\n/g, ' ') : PROSE[i % PROSE.length]!)],
  ];

  test.each(pagesToScan)('1 MB of text (%s): time to index the whole page, longest slice, longest task', async (label, paragraph) => {
    const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
    const body: string[] = [];
    let chars = 0;
    for (let i = 0; chars < MB; i++) {
      const p = paragraph(i);
      body.push(`<p>${esc(p)}</p>`);
      chars += p.length;
    }
    const html = `<!doctype html><meta charset="utf-8"><title>Large page</title>
      <script>
        window.__longTasks = [];
        new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]); })
          .observe({ type: 'longtask', buffered: true });
      </script>
      <body><main>${body.join('\n')}</main></body>`;
    const page = await ext.newPage();
    await page.goto(pages.addPage(`/large-${label.replace(/\W+/g, '-')}.html`, html));
    const stats = await evaluateInContentScript<{ start: number; end: number; chars: number; slices: number; longestSliceMs: number; mentions: number; detectMs: number; longestDetectMs: number; markMs: number; workMs: number }>(
      page,
      `new Promise((resolve) => {
        const poll = () => {
          const rt = globalThis.__tokenInsightMentions?.runtime();
          const s = rt?.scanner.stats;
          if (s && s.firstScanEnd !== null) {
            resolve({ start: s.firstScanStart, end: s.firstScanEnd, chars: s.firstScanChars, slices: s.slices, longestSliceMs: s.longestSliceMs, mentions: rt.index.size, detectMs: s.detectMs, longestDetectMs: s.longestDetectMs, markMs: s.markMs, workMs: s.workMs });
          } else setTimeout(poll, 20);
        };
        poll();
      })`,
      60_000,
    );
    // The detector alone over the same text in one call (the content script's own finder), for scale.
    const detectAll = await evaluateInContentScript<number>(
      page,
      `(() => {
        const find = globalThis.__tokenInsightMentions.runtime().scanner.opts.find;
        const text = document.querySelector('main').textContent;
        const t = performance.now();
        find(text);
        return performance.now() - t;
      })()`,
    );
    // Let the marks paint, then read the long tasks that overlapped our work.
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const tasks: [number, number][] = await page.evaluate(() => (window as unknown as { __longTasks: [number, number][] }).__longTasks);
    const during = tasks.filter(([t, d]) => t + d >= stats.start && t <= stats.end + 100).map(([, d]) => d);
    const loadTasks = tasks.filter(([t, d]) => t + d < stats.start).map(([, d]) => d);
    console.log(
      [
        `Chromium page scan, ${label} page: ${(stats.chars / MB).toFixed(2)} MB of text, ${stats.mentions} mentions indexed`,
        `  content script start → whole page indexed: ${Math.round(stats.end - stats.start)} ms in ${stats.slices} idle-time slices (${Math.round(stats.workMs)} ms of our work)`,
        `  detector alone over the same text, one call: ${Math.round(detectAll)} ms`,
        `  longest slice of our work: ${stats.longestSliceMs.toFixed(1)} ms (detector: ${Math.round(stats.detectMs)} ms in all, longest chunk ${stats.longestDetectMs.toFixed(1)} ms; marking ${Math.round(stats.markMs)} ms)`,
        `  long tasks (>50 ms) while scanning: ${during.length ? during.map((d) => `${Math.round(d)} ms`).join(', ') : 'none'}`,
        `  (the page's own load, before our start: ${loadTasks.length ? `${loadTasks.length} long tasks, longest ${Math.round(Math.max(...loadTasks))} ms` : 'no long tasks'})`,
      ].join('\n'),
    );
    expect(stats.chars).toBeGreaterThan(0.9 * MB);
    await page.close();
  });
});
