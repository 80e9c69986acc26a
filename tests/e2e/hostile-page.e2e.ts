/**
 * A hostile page, against the production build (`.output/chrome-mv3` or `firefox-mv3`: closed
 * shadow roots, no test hooks): it selects text by script, fires synthetic
 * mouse, key, pointer and click events, reads every shadow root it can find,
 * listens to `postMessage`, and dispatches the event that stops WXT content
 * scripts. It opens no badge and no card, reads nothing of ours, changes
 * nothing, learns no extension id, and the content script keeps working for
 * the user. What the extension shows is read through the browser's automation
 * protocol (CDP, WebDriver BiDi), which sees closed shadow roots (the page cannot).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { hoverText, launchExtension, shadowUiTestIds, type ExtensionSession, type UiPage } from './harness/extension';
import { PageServer } from './harness/page-server';
import { extensionDir } from './harness/paths';

const PRODUCTION_DIR = extensionDir(undefined, true);

const HOSTILE_HTML = `<!doctype html><html><head><meta charset="utf-8"><title>Hostile</title></head><body>
<p id="p1" style="font: 20px/1.6 sans-serif">Decentralised AI networks had a strong week. $TAO gained 12% while Fetch.ai (FET) holders looked back.</p>
<p id="p2" style="font: 20px/1.6 sans-serif">Traders also watched NMR, the token of Numerai, and GRT, which pays indexers on The Graph.</p>
<p id="long">${'Words of a long article that a page would like counted over and over again. '.repeat(40)}</p>
<script>
  window.seen = { messages: [], shadowRoots: [], hosts: [] };
  addEventListener('message', (e) => window.seen.messages.push(JSON.stringify(e.data)));
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      window.seen.hosts.push(n.localName);
      if (n.shadowRoot) window.seen.shadowRoots.push(n.localName + ':' + n.shadowRoot.innerHTML.slice(0, 200));
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  function select(id, start, end) {
    const node = document.getElementById(id).firstChild;
    const range = document.createRange();
    range.setStart(node, start);
    range.setEnd(node, end ?? node.length);
    getSelection().removeAllRanges();
    getSelection().addRange(range);
  }
  function center(id, text) {
    const node = document.getElementById(id).firstChild;
    const i = node.data.indexOf(text);
    const range = document.createRange();
    range.setStart(node, i);
    range.setEnd(node, i + text.length);
    const r = range.getBoundingClientRect();
    return { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, composed: true };
  }
  /** Everything a script can do to make the extension count, record, or open its UI. */
  window.attack = async (stopEventName) => {
    for (let round = 0; round < 4; round++) {
      select('long', 0);
      document.dispatchEvent(new Event('selectionchange'));
      await wait(400);
      const p = document.getElementById('p2');
      p.dispatchEvent(new MouseEvent('mousedown', { bubbles: true, composed: true, detail: 1 }));
      select('p2', 0, 40 + round);
      p.dispatchEvent(new MouseEvent('mouseup', { bubbles: true, composed: true, detail: 1 }));
      p.dispatchEvent(new PointerEvent('pointerup', { bubbles: true, composed: true, pointerType: 'touch' }));
      window.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true, bubbles: true }));
      window.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', ctrlKey: true, bubbles: true }));
      select('p1', 45, 49); // "$TAO": a ticker selected by script
      await wait(400);
      for (let i = 0; i < 6; i++) {
        const at = center('p1', '$TAO');
        document.getElementById('p1').dispatchEvent(new PointerEvent('pointermove', at));
        document.getElementById('p1').dispatchEvent(new PointerEvent('pointerover', at));
        await wait(100);
      }
      await wait(400);
      for (const el of document.querySelectorAll('*')) {
        if (el.localName.includes('-') || el.shadowRoot) {
          el.click();
          el.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
          if (el.shadowRoot) for (const b of el.shadowRoot.querySelectorAll('button, a')) b.click();
        }
      }
    }
    if (stopEventName) {
      document.dispatchEvent(new CustomEvent(stopEventName, { detail: { contentScriptName: 'content', messageId: 'forged' } }));
    }
    getSelection().removeAllRanges();
  };
  /** What the page can read of elements it did not make. */
  window.inspect = () => {
    const foreign = [...document.querySelectorAll('*')].filter((el) => el.localName.includes('-'));
    return {
      foreign: foreign.map((el) => el.localName),
      readableRoots: foreign.filter((el) => el.shadowRoot).map((el) => el.localName),
      html: document.documentElement.outerHTML,
      resources: performance.getEntriesByType('resource').map((e) => e.name),
      highlights: typeof CSS.highlights === 'object' ? [...CSS.highlights.keys()] : [],
      seen: window.seen,
    };
  };
</script></body></html>`;

let ext: ExtensionSession;
let pages: PageServer;
let admin: UiPage;

beforeAll(async () => {
  if (!existsSync(`${PRODUCTION_DIR}/manifest.json`)) {
    throw new Error(`No production build at ${PRODUCTION_DIR}: run "npx wxt build" and "npm run build:firefox" (npm test does).`);
  }
  if (readFileSync(`${PRODUCTION_DIR}/content-scripts/content.js`, 'utf8').includes('__tokenInsightBadge')) {
    throw new Error(`${PRODUCTION_DIR} carries the e2e test hooks: this test must run on the production build.`);
  }
  pages = await new PageServer().start();
  pages.addPage('/hostile.html', HOSTILE_HTML);
  ext = await launchExtension({ production: true });
  admin = await ext.openExtensionPage('options.html');
});

afterAll(async () => {
  await ext?.close();
  await pages?.stop();
});

/** Records in the extension's stores the page must not change (read from an extension page). */
function storedCounts(): Promise<{ counts: number; watchlist: number }> {
  return admin.evaluate(
    () =>
      new Promise<{ counts: number; watchlist: number }>((resolve, reject) => {
        const open = indexedDB.open('token-insight');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['counts', 'watchlist'], 'readonly');
          const counts = tx.objectStore('counts').count();
          const watchlist = tx.objectStore('watchlist').count();
          tx.oncomplete = () => {
            db.close();
            resolve({ counts: counts.result, watchlist: watchlist.result });
          };
        };
      }),
  );
}

/** The data-testid values inside our shadow roots, closed or not, as the browser's automation protocol sees them. */
const ourUi = (page: UiPage) => shadowUiTestIds(ext, page);

describe('a hostile page, with the production build', () => {
  it('opens nothing, reads nothing, changes nothing and learns no id; the user still gets the badge and card', async () => {
    // The default watchlist is written on install, in the background: wait for it, or it lands mid-test.
    await expect.poll(async () => (await storedCounts()).watchlist).toBeGreaterThan(0);
    const before = await storedCounts();
    const page = await ext.newPage();
    await page.goto(pages.url('/hostile.html'));
    // Give the content script time to start and read the page (it runs at document_idle).
    await page.waitForTimeout(1500);

    // An attacker who knows the public store id can name WXT's stop event.
    const stopEvent = `${ext.runtimeId}:content:wxt:content-script-started`;
    await page.evaluate((name) => (window as unknown as { attack(n: string): Promise<void> }).attack(name), stopEvent);
    await page.waitForTimeout(1000);

    expect(await ourUi(page)).toEqual([]);
    expect(await storedCounts()).toEqual(before);
    const seen = await page.evaluate(() => (window as unknown as { inspect(): Record<string, unknown> }).inspect());
    const everything = JSON.stringify(seen);
    for (const secret of ext.secrets) expect(everything).not.toContain(secret);
    expect((seen.seen as { messages: string[] }).messages).toEqual([]);
    expect(seen.readableRoots).toEqual([]);

    // The user's own hover and triple click still work (the forged stop event did not switch us off)…
    await hoverText(page, '#p1', '$TAO');
    await expect.poll(() => ourUi(page), { timeout: 15_000 }).toContain('price-card');
    await page.mouse.move(2, 2);
    await page.locator('#p2').click({ clickCount: 3 });
    await expect.poll(() => ourUi(page), { timeout: 15_000 }).toContain('token-badge');
    // …and what they show stays closed to the page: it sees our hosts, never inside them.
    const after = await page.evaluate(() => (window as unknown as { inspect(): Record<string, unknown> }).inspect());
    expect((after.foreign as string[]).length).toBeGreaterThan(0);
    expect(after.readableRoots).toEqual([]);
    expect((after.seen as { shadowRoots: string[] }).shadowRoots).toEqual([]);
    for (const secret of ext.secrets) expect(JSON.stringify(after)).not.toContain(secret);
    // .click() and synthetic events on our hosts do nothing: the badge stays as the user left it.
    const shown = await ourUi(page);
    await page.evaluate(() => {
      for (const el of document.querySelectorAll('*')) if (el.localName.includes('-')) (el as HTMLElement).click();
    });
    expect(await ourUi(page)).toEqual(shown);
    await page.close();
  }, 120_000);
});
