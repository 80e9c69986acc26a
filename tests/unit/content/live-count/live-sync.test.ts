/**
 * The page's side of the live count against the real background service:
 * whatever the box goes through (typing, pasting more than one message
 * holds, clearing, the worker restarting), the counts shown are the exact
 * counts of the box's latest text; texts read while a count is on its way
 * wait, and only the newest is sent.
 */
import { describe, expect, it } from 'vitest';
import { createLiveCountService } from '@/entrypoints/background/tokens/live-count-service';
import { LiveSync, type LiveState } from '@/entrypoints/content/live-count/live-sync';
import { countTokens } from '@/utils/tokens';
import { LIVE_COUNT_MAX_CHARS, LIVE_EDIT_MAX_CHARS } from '@/utils/model/limits';
import type { RequestContext } from '@/utils/protocol/validate';
import { random } from '@/tests/unit/fixtures/random';

const ctx: RequestContext = { sender: 'content', tabId: 1, frameId: 0, url: 'https://chatgpt.com/' };

/** A background reached through the protocol's handlers; `restart()` forgets everything, as a stopped worker does. */
function background() {
  let service = createLiveCountService();
  const sent: { kind: string; payload: Record<string, unknown> }[] = [];
  const send = (async (kind: string, payload: Record<string, unknown>) => {
    sent.push({ kind, payload });
    await new Promise((r) => setTimeout(r, 1));
    return (service as unknown as Record<string, (p: unknown, c: RequestContext) => unknown>)[kind]!(payload, ctx);
  }) as never;
  return { send, sent, restart: () => (service = createLiveCountService()), service: () => service };
}

function follow(encodings: ('o200k_base' | 'cl100k_base')[], send: never) {
  const states: LiveState[] = [];
  const sync = new LiveSync(encodings, { onState: (s) => states.push(s) }, send);
  const shown = () => {
    const last = states.at(-1);
    return last?.status === 'done' ? last.counts : null;
  };
  /** Waits until the counts shown are the exact counts of `text`. */
  const shows = async (text: string) => {
    const expected = Object.fromEntries(await Promise.all(encodings.map(async (e) => [e, await countTokens(text, e)] as const)));
    await expect.poll(shown, { timeout: 20_000, interval: 5 }).toEqual(expected);
  };
  return { sync, states, shows };
}

describe('LiveSync', () => {
  it('shows the exact counts of the box’s latest text through typing, pasting and deleting', async () => {
    const bg = background();
    const { sync, shows } = follow(['o200k_base', 'cl100k_base'], bg.send);
    const next = random(9);
    let text = '';
    for (let i = 0; i < 60; i++) {
      const at = Math.floor(next() * (text.length + 1));
      const roll = next();
      text =
        roll < 0.6 ? text.slice(0, at) + pickWord(next) + text.slice(at)
        : roll < 0.8 ? text.slice(0, at) + text.slice(at + Math.floor(next() * 20))
        : text.slice(0, at) + 'नमस्ते दुनिया 👨‍👩‍👧 '.repeat(1 + Math.floor(next() * 50)) + text.slice(at);
      sync.update(text, next() < 0.5 ? at : -1);
      // Sometimes several reads before the count comes back: only the newest matters.
      if (next() < 0.5) continue;
      await shows(text);
    }
    await shows(text);
    sync.update('');
    await shows('');
  }, 60_000);

  it('renders once per count, and says it is counting only when a count takes a while', async () => {
    const bg = background();
    let delay = 0;
    const send = (async (kind: string, payload: unknown) => {
      await new Promise((r) => setTimeout(r, delay));
      return (bg.send as (k: string, p: unknown) => Promise<unknown>)(kind, payload);
    }) as never;
    const { sync, states, shows } = follow(['o200k_base'], send);
    sync.update('quick');
    await shows('quick');
    expect(states.map((s) => s.status)).toEqual(['done']);
    delay = 400;
    sync.update('quick, then slow');
    await shows('quick, then slow');
    expect(states.slice(1)).toEqual([
      { status: 'done', counts: { o200k_base: await countTokens('quick', 'o200k_base') }, busy: true },
      { status: 'done', counts: { o200k_base: await countTokens('quick, then slow', 'o200k_base') }, busy: false },
    ]);
  });

  it('sends only the newest of the texts read while a count is on its way', async () => {
    const bg = background();
    const { sync, shows } = follow(['o200k_base'], bg.send);
    for (let i = 1; i <= 50; i++) sync.update('typing'.slice(0, (i % 6) + 1) + 'x'.repeat(i));
    await shows('typ' + 'x'.repeat(50));
    expect(bg.sent.filter((m) => m.kind === 'live.edit').length).toBe(2);
  });

  it('sends a long paste in messages the protocol allows, and counts it exactly', async () => {
    const bg = background();
    const { sync, shows } = follow(['o200k_base'], bg.send);
    const paste = 'A long pasted prompt, line after line.\n'.repeat(Math.ceil((LIVE_EDIT_MAX_CHARS * 2.5) / 39));
    sync.update(paste, paste.length);
    await shows(paste);
    const edits = bg.sent.filter((m) => m.kind === 'live.edit').map((m) => (m.payload.inserted as string).length);
    expect(edits.length).toBe(3);
    for (const n of edits) expect(n).toBeLessThanOrEqual(LIVE_EDIT_MAX_CHARS);
    sync.update(paste + 'more', paste.length + 4);
    await shows(paste + 'more');
    expect((bg.sent.at(-1)!.payload.inserted as string)).toBe('more');
  }, 30_000);

  it('sends the whole text again once when the background lost it (worker restarted)', async () => {
    const bg = background();
    const { sync, shows } = follow(['o200k_base'], bg.send);
    sync.update('Hello world');
    await shows('Hello world');
    bg.restart();
    sync.update('Hello world, again');
    await shows('Hello world, again');
    const edits = bg.sent.filter((m) => m.kind === 'live.edit').map((m) => m.payload);
    expect(edits.at(-1)).toMatchObject({ base: 0, start: 0, removed: 0, inserted: 'Hello world, again' });
    expect(edits.at(-1)!.session).not.toBe(edits[0]!.session);
  });

  it('says a text is too long to follow instead of sending it, and forgets the text on end', async () => {
    const bg = background();
    const { sync, states, shows } = follow(['o200k_base'], bg.send);
    sync.update('short');
    await shows('short');
    sync.update('x'.repeat(LIVE_COUNT_MAX_CHARS + 1));
    await expect.poll(() => states.at(-1)).toEqual({ status: 'too-long', chars: LIVE_COUNT_MAX_CHARS + 1 });
    sync.update('short again');
    await shows('short again');
    expect(bg.service().sessionCount()).toBe(1);
    sync.end();
    await expect.poll(() => bg.service().sessionCount()).toBe(0);
    const count = states.length;
    sync.update('after the end');
    await new Promise((r) => setTimeout(r, 20));
    expect(states.length).toBe(count);
  });

  it('reports an error it cannot recover from, and counts again on the next text', async () => {
    let fail = true;
    const bg = background();
    const send = ((kind: string, payload: unknown) => (fail ? Promise.reject(new Error('Extension context invalidated.')) : (bg.send as (k: string, p: unknown) => unknown)(kind, payload))) as never;
    const { sync, states, shows } = follow(['o200k_base'], send);
    sync.update('hello');
    await expect.poll(() => states.at(-1)).toMatchObject({ status: 'error' });
    fail = false;
    sync.update('hello there');
    await shows('hello there');
  });
});

const WORDS = ['hello ', 'world', ' ', '\n', 'हिन्दी ', '中文，', '👍', 'it’s ', 'x'];
const pickWord = (next: () => number) => WORDS[Math.floor(next() * WORDS.length)]!;
