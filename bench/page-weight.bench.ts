/**
 * Page weight: what Token Insight's content script costs a page load, the way
 * a user pays for it (issue 12; README "Performance"; bench/README.md).
 *
 * Method (DebugBear's extension performance report, made side by side):
 * - Two headless Chromium instances run side by side in one run, launched alike
 *   (bench/page-weight-browser.ts); one loads the PRODUCTION build
 *   (.output/chrome-mv3, `npm run bench` builds it first). Before measuring,
 *   the extension's service worker must be running and each browser loads the
 *   bare page once, unmeasured.
 * - Pages (bench/page-weight-pages.ts, generated into bench/pages/out/, served on
 *   127.0.0.1) are taken in turns, with and without, in rounds over all pages;
 *   the order within a pair alternates (with/without, then without/with) so
 *   neither side always goes first. Every load is in a fresh tab: open a blank
 *   tab, enable CDP `Performance`, navigate, wait for `load` + 4 s, read
 *   `Performance.getMetrics`, close the tab.
 * - Main-thread time: `TaskDuration` (every task on the page's renderer main
 *   thread, the content script's isolated world included), the figure the issue
 *   states. It is wall time, so other work on a shared machine stretches it; the
 *   report adds `ThreadTime` (CPU time of that thread, which preemption does not
 *   stretch) next to it. JS heap: `JSHeapUsedSize` at the same moment, and again
 *   after a forced garbage collection (what the tab keeps). The bare page gets
 *   9 loads per side, the others 5; a figure is the median, with min–max.
 * - Each "with" load must show that the content script ran, by an observable
 *   the production build has without test hooks: the page's main frame has an
 *   isolated JavaScript world owned by the extension's origin (CDP
 *   `Runtime.executionContextCreated`, read after the measurement), and on the
 *   pages with mentions, marked mentions: the `token-insight-mention` highlight
 *   in `CSS.highlights` (the Highlight registry belongs to the document, so the
 *   page's main world sees the ranges the isolated world registered).
 *   "Without" loads must show neither.
 * - Time to the first mention marked, on the crypto news page, in extra loads
 *   (not the measured ones): a main-world script added before the page's own
 *   polls `CSS.highlights` every 4 ms and notes `performance.now()` (ms since
 *   navigation start) when the highlight first holds a range. The page's
 *   DOMContentLoaded and load times are printed next to it, since the content
 *   script starts at `document_idle`.
 * - Content-script size: the files every page loads (the manifest's
 *   content_scripts) and, separately, what may be loaded on demand: .js files
 *   exposed in web_accessible_resources, other .js in content-scripts/, and
 *   every .js of the build these name, transitively; raw and gzip (zlib level 9).
 *
 * - The floor, on the bare page: a third browser, in the same rounds, runs a
 *   reference extension written at start (floorExtension below) whose content
 *   script does only what any content script that follows its settings and
 *   answers its background must do at start: register a message listener and a
 *   storage listener, read one key of storage.sync and one of storage.local.
 *   Chromium builds an API's bindings in the isolated world on first touch, so
 *   this costs a page several ms before any code of ours runs; the report
 *   shows Token Insight beside it.
 *
 * Benchmarks report; this one asserts only that the work was done (pages
 * loaded, the content script ran, mentions were marked), never a timing.
 * Takes about 6 minutes on a quiet machine (91 loads, 86 of them ≥ 4 s), longer under load.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BenchBrowser, EXTENSION_DIR } from './page-weight-browser';
import { generatePages, servePages, type BenchPage } from './page-weight-pages';

const SETTLE_MS = 4000;
const LOADS_BARE = 9;
const LOADS_OTHER = 5;
const FIRST_MARK_LOADS = 5;
const HIGHLIGHT = 'token-insight-mention';

interface Load {
  taskMs: number;
  cpuMs: number;
  heapMB: number;
  heapGcMB: number;
  nodes: number;
  loadMs: number;
  ourWorld: boolean;
  marks: number;
}

const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const range = (v: number[], digits = 0) => `${Math.min(...v).toFixed(digits)}–${Math.max(...v).toFixed(digits)}`;
const signed = (n: number, digits = 0) => `${n < 0 ? '−' : '+'}${Math.abs(n).toFixed(digits)}`;
const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;

async function measure(browser: BenchBrowser, url: string): Promise<Load> {
  const tab = await browser.newTab();
  try {
    await tab.send('Page.enable');
    await tab.send('Performance.enable', { timeDomain: 'timeTicks' });
    const loaded = tab.waitFor('Page.loadEventFired');
    const t0 = performance.now();
    await tab.send('Page.navigate', { url });
    await loaded;
    const loadMs = performance.now() - t0;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const metric = async () =>
      Object.fromEntries((await tab.send('Performance.getMetrics')).metrics.map((m: { name: string; value: number }) => [m.name, m.value]));
    const m = await metric();
    // Checks after the measurement, so they cost the measured window nothing.
    const worlds = await tab.worlds();
    const ourWorld = browser.extensionId !== null && worlds.some((w) => w.type === 'isolated' && w.origin === `chrome-extension://${browser.extensionId}`);
    const marks = await tab.evaluate<number>(`CSS.highlights.get(${JSON.stringify(HIGHLIGHT)})?.size ?? 0`);
    await tab.send('HeapProfiler.collectGarbage');
    const gc = await metric();
    return {
      taskMs: m.TaskDuration * 1000,
      cpuMs: m.ThreadTime * 1000,
      heapMB: m.JSHeapUsedSize / 1e6,
      heapGcMB: gc.JSHeapUsedSize / 1e6,
      nodes: m.Nodes,
      loadMs,
      ourWorld,
      marks,
    };
  } finally {
    await browser.closeTab(tab);
  }
}

/** Navigation start → first mention marked, seen from the page's main world. */
async function firstMark(browser: BenchBrowser, url: string) {
  const tab = await browser.newTab();
  try {
    await tab.send('Page.enable');
    await tab.send('Page.addScriptToEvaluateOnNewDocument', {
      source: `(() => { const id = setInterval(() => { const h = CSS.highlights.get(${JSON.stringify(HIGHLIGHT)}); if (h && h.size) { window.__firstMark = performance.now(); clearInterval(id); } }, 4); })();`,
    });
    const loaded = tab.waitFor('Page.loadEventFired');
    await tab.send('Page.navigate', { url });
    await loaded;
    const deadline = Date.now() + 15_000;
    let mark: number | null = null;
    while (mark === null && Date.now() < deadline) {
      mark = await tab.evaluate<number | null>('window.__firstMark ?? null');
      if (mark === null) await new Promise((r) => setTimeout(r, 100));
    }
    const nav = await tab.evaluate<{ dcl: number; load: number }>(
      `(() => { const n = performance.getEntriesByType('navigation')[0]; return { dcl: n.domContentLoadedEventEnd, load: n.loadEventEnd }; })()`,
    );
    return { mark, ...nav };
  } finally {
    await browser.closeTab(tab);
  }
}

/** The reference extension of the floor (see the header): written to a temporary directory. */
function floorExtension(): string {
  const dir = mkdtempSync(join(tmpdir(), 'token-insight-floor-'));
  const manifest = {
    manifest_version: 3,
    name: 'Page-weight floor',
    version: '1.0',
    permissions: ['storage'],
    background: { service_worker: 'background.js' },
    content_scripts: [{ matches: ['<all_urls>'], js: ['content.js'], run_at: 'document_idle' }],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, 'background.js'), 'chrome.runtime.onInstalled.addListener(() => {});\n');
  writeFileSync(
    join(dir, 'content.js'),
    [
      'chrome.runtime.onMessage.addListener(() => undefined);',
      'chrome.storage.onChanged.addListener(() => {});',
      "chrome.storage.sync.get(['settings']).then(() => {});",
      "chrome.storage.local.get(['triggers']).then(() => {});",
    ].join('\n'),
  );
  return dir;
}

function contentScriptSize() {
  const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
  const eager: string[] = (manifest.content_scripts ?? []).flatMap((c: { js?: string[] }) => c.js ?? []);
  // Chunks the content scripts load on demand: any .js exposed to pages (web_accessible_resources),
  // any other .js in content-scripts/ (injected by the background, say), and any .js of the build
  // that these name, transitively.
  const all = readdirSync(EXTENSION_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.js'));
  const exposed: string[] = [
    ...new Set([
      ...(manifest.web_accessible_resources ?? [])
        .flatMap((w: { resources?: string[] }) => w.resources ?? [])
        .map((f: string) => f.replace(/^\//, ''))
        // A pattern such as `content-chunks/*` names every file below its folder.
        .flatMap((f: string) => (f.endsWith('/*') ? all.filter((g) => g.startsWith(f.slice(0, -1))) : [f]))
        .filter((f: string) => all.includes(f)),
      ...all.filter((f) => f.startsWith('content-scripts/') && !eager.includes(f)),
    ]),
  ];
  const lazy = new Set<string>(exposed);
  const queue = [...eager, ...exposed];
  while (queue.length) {
    const text = readFileSync(join(EXTENSION_DIR, queue.pop()!), 'utf8');
    for (const f of all) {
      const base = f.split('/').pop()!;
      if (!eager.includes(f) && !lazy.has(f) && f !== 'background.js' && text.includes(base)) {
        lazy.add(f);
        queue.push(f);
      }
    }
  }
  const size = (files: Iterable<string>) => {
    const buf = Buffer.concat([...files].map((f) => readFileSync(join(EXTENSION_DIR, f))));
    return { raw: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
  };
  return { eager, lazy: [...lazy], eagerSize: size(eager), lazySize: size(lazy) };
}

describe('page weight: Token Insight content script, with vs without, one run', () => {
  let pages: BenchPage[];
  let server: Awaited<ReturnType<typeof servePages>>;
  let withExt: BenchBrowser;
  let without: BenchBrowser;
  let floor: BenchBrowser;
  let floorDir: string;

  beforeAll(async () => {
    pages = generatePages();
    server = await servePages();
    floorDir = floorExtension();
    [withExt, without, floor] = await Promise.all([BenchBrowser.launch(true), BenchBrowser.launch(false), BenchBrowser.launch(floorDir)]);
    // One unmeasured load each: the first page of a fresh browser pays one-off costs.
    await measure(withExt, `${server.origin}/bare.html`);
    await measure(without, `${server.origin}/bare.html`);
    await measure(floor, `${server.origin}/bare.html`);
  });
  afterAll(async () => {
    await Promise.all([withExt?.close(), without?.close(), floor?.close()]);
    await server?.stop();
    if (floorDir) rmSync(floorDir, { recursive: true, force: true });
  });

  test('content-script size', () => {
    const s = contentScriptSize();
    console.log(
      `Content script (production build)\n` +
        `  every page loads: ${s.eager.join(', ')}  ${kB(s.eagerSize.raw)} raw, ${kB(s.eagerSize.gzip)} gzip\n` +
        `  loaded on demand: ${s.lazy.length ? s.lazy.join(', ') : 'none'}  ${kB(s.lazySize.raw)} raw, ${kB(s.lazySize.gzip)} gzip`,
    );
    expect(s.eagerSize.raw).toBeGreaterThan(0);
  });

  test('added main-thread time and JS heap per page load', async () => {
    const load1 = loadavg()[0]!;
    const results = new Map(pages.map((p) => [p.id, { with: [] as Load[], without: [] as Load[], floor: [] as Load[] }]));
    const rounds = Math.max(LOADS_BARE, LOADS_OTHER);
    const started = performance.now();
    for (let round = 0; round < rounds; round++) {
      for (const page of pages) {
        if (round >= (page.id === 'bare' ? LOADS_BARE : LOADS_OTHER)) continue;
        const r = results.get(page.id)!;
        const url = `${server.origin}${page.path}`;
        const sides = page.id === 'bare' ? (['with', 'without', 'floor'] as const) : (['with', 'without'] as const);
        // Each side goes first in turn.
        const order = sides.map((_, i) => sides[(i + round) % sides.length]!);
        for (const side of order) r[side].push(await measure(side === 'with' ? withExt : side === 'floor' ? floor : without, url));
      }
    }
    const minutes = (performance.now() - started) / 60_000;

    const rows: string[] = [];
    const shares: number[] = [];
    const cpuShares: number[] = [];
    const heapAdded: number[] = [];
    for (const page of pages) {
      const { with: w, without: wo } = results.get(page.id)!;
      // The work was done: every "with" load ran the content script (and marked mentions where there are some); no "without" load did.
      for (const l of w) {
        expect(l.ourWorld, `${page.id}: content script world`).toBe(true);
        if (page.mentions) expect(l.marks, `${page.id}: marked mentions`).toBeGreaterThan(0);
      }
      for (const l of wo) expect(l.ourWorld || l.marks > 0, `${page.id}: nothing of ours without the extension`).toBe(false);

      const mw = median(w.map((l) => l.taskMs));
      const mo = median(wo.map((l) => l.taskMs));
      const cw = median(w.map((l) => l.cpuMs));
      const co = median(wo.map((l) => l.cpuMs));
      const hAdded = median(w.map((l) => l.heapGcMB)) - median(wo.map((l) => l.heapGcMB));
      const h4Added = median(w.map((l) => l.heapMB)) - median(wo.map((l) => l.heapMB));
      if (page.id !== 'bare') {
        shares.push(((mw - mo) / mo) * 100);
        cpuShares.push(((cw - co) / co) * 100);
        heapAdded.push(hAdded);
      }
      rows.push(
        `| ${page.label} | ${Math.round(median(wo.map((l) => l.nodes)))} | ${w.length}+${wo.length} | ${mo.toFixed(0)} (${range(wo.map((l) => l.taskMs))}) | ${mw.toFixed(0)} (${range(w.map((l) => l.taskMs))}) | ` +
          `${signed(mw - mo)} ms, ×${(mw / mo).toFixed(2)} | ${co.toFixed(0)} → ${cw.toFixed(0)} (${signed(cw - co)} ms, ×${(cw / co).toFixed(2)}) | ` +
          `${signed(hAdded, 2)} MB (${signed(h4Added, 2)} at 4 s) |`,
      );
    }
    const bare = results.get('bare')!;
    const fl = bare.floor;
    // The floor's content script ran (its own isolated world) and marked nothing.
    for (const l of fl) {
      expect(l.ourWorld, 'the floor extension ran').toBe(true);
      expect(l.marks, 'the floor extension marks nothing').toBe(0);
    }
    const floorAdded = median(fl.map((l) => l.taskMs)) - median(bare.without.map((l) => l.taskMs));
    const oursAdded = median(bare.with.map((l) => l.taskMs)) - median(bare.without.map((l) => l.taskMs));
    const floorLine =
      `Floor on the bare page (a content script that only registers a message and a storage listener and reads storage.sync and storage.local, ${fl.length} loads): ` +
      `${median(fl.map((l) => l.taskMs)).toFixed(0)} ms (${range(fl.map((l) => l.taskMs))}), added ${signed(floorAdded)} ms; ` +
      `Token Insight added ${signed(oursAdded)} ms, so ${signed(oursAdded - floorAdded)} ms beyond the floor; CPU (ThreadTime) added: floor ` +
      `${signed(median(fl.map((l) => l.cpuMs)) - median(bare.without.map((l) => l.cpuMs)))} ms, Token Insight ${signed(median(bare.with.map((l) => l.cpuMs)) - median(bare.without.map((l) => l.cpuMs)))} ms.`;
    const load2 = loadavg()[0]!;
    console.log(
      `Page weight, Chromium ${withExt.version()}, ${new Date().toISOString()}, load average ${load1.toFixed(2)} → ${load2.toFixed(2)} (1 min), ${minutes.toFixed(1)} min\n` +
        `Main-thread TaskDuration (ms, navigation → load + 4 s): median (min–max); CPU = ThreadTime medians; heap = added JSHeapUsedSize, medians, after GC (and at 4 s).\n` +
        `| page | DOM nodes | loads | without | with Token Insight | added | CPU (ThreadTime) | JS heap |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n` +
        rows.join('\n') +
        `\nReal pages (all but the bare one): median added main-thread time ${median(shares).toFixed(1)} % of the page's own (range ${range(shares, 1)} %), ` +
        `in CPU time ${median(cpuShares).toFixed(1)} % (range ${range(cpuShares, 1)} %); median added JS heap ${median(heapAdded).toFixed(2)} MB per tab.\n` +
        floorLine,
    );
  }, 1_500_000); // 91 loads of at least 4 s each: about 10 minutes on a busy 2-core machine

  test('time to the first mention marked (crypto news page)', async () => {
    const page = pages.find((p) => p.id === 'news-crypto')!;
    const runs = [];
    for (let i = 0; i < FIRST_MARK_LOADS; i++) runs.push(await firstMark(withExt, `${server.origin}${page.path}`));
    for (const r of runs) expect(r.mark, 'a mention was marked').not.toBeNull();
    const marks = runs.map((r) => r.mark!);
    console.log(
      `First mention marked on "${page.label}", ms from navigation start (median of ${runs.length}, min–max): ` +
        `${median(marks).toFixed(0)} (${range(marks)}); the page's DOMContentLoaded ${median(runs.map((r) => r.dcl)).toFixed(0)}, load ${median(runs.map((r) => r.load)).toFixed(0)}; load average ${loadavg()[0]!.toFixed(2)}`,
    );
  });
});
