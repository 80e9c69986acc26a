/**
 * The page's trigger watch (entrypoints/content/mentions/trigger-watch.ts) in
 * a real browser: it reads the page as the detector does, so blocks that run
 * together in `textContent` still trigger, ordinary text never does, and text
 * added later is watched.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { watchForTrigger } from '@/entrypoints/content/mentions/trigger-watch';
import { mentionTrigger, triggerData } from '@/utils/mentions/triggers';
import { compile } from '@/utils/mentions/compile';
import { CONTEXT_CUES, REGISTRY } from '@/utils/mentions/registry';

const trigger = mentionTrigger(triggerData(compile(REGISTRY, CONTEXT_CUES, []).parts));
let stop: (() => void) | null = null;
let current: ReturnType<typeof watchForTrigger> | null = null;

/** Watches the current page; resolves true when it triggers within `ms`. */
function watch(ms = 1500): { triggered: Promise<boolean> } {
  let resolve!: (v: boolean) => void;
  const triggered = new Promise<boolean>((r) => (resolve = r));
  current = watchForTrigger(Promise.resolve(trigger), () => resolve(true));
  stop = current.stop;
  setTimeout(() => resolve(false), ms);
  return { triggered };
}

afterEach(() => {
  stop?.();
  stop = null;
  document.body.replaceChildren();
});

describe('trigger watch', () => {
  it('triggers on a cashtag whose block runs into the previous one in textContent (minified HTML)', async () => {
    document.body.innerHTML = '<p>Price</p><p>$TAO up 4%</p>';
    expect(document.body.textContent).toContain('Price$TAO');
    expect(await watch().triggered).toBe(true);
  });

  it('stays quiet on ordinary text that only looks like a ticker, and on code', async () => {
    document.body.innerHTML = '<p>Locate the WASI-SDK as a sibling folder.</p><p>NEWS FROM ASIA</p><p>Oceania</p>';
    expect(trigger.loose(document.body.textContent!)).toBe(true); // the first pass alone would load the detector
    expect(await watch().triggered).toBe(false);
    expect(current!.watching()).toBe(true);
  });

  it('triggers on a mention added after the first read, and on edited text', async () => {
    document.body.innerHTML = '<p>Nothing to see here.</p>';
    const w = watch(3000);
    await new Promise((r) => setTimeout(r, 300));
    const p = document.createElement('p');
    p.textContent = 'Later: ';
    document.body.append(p);
    await new Promise((r) => setTimeout(r, 100));
    p.firstChild!.nodeValue = 'Later: Bittensor subnets grew.';
    expect(await w.triggered).toBe(true);
  });

  it('does not trigger after stop', async () => {
    document.body.innerHTML = '<p>Nothing here.</p>';
    const w = watch(1500);
    stop!();
    document.body.append(Object.assign(document.createElement('p'), { textContent: 'Bittensor' }));
    expect(await w.triggered).toBe(false);
  });
});
