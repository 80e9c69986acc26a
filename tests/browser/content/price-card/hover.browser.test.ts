import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { CoinRef } from '@/utils/model/coin';
import type { CardHost } from '@/entrypoints/content/price-card/card-host';
import { CLOSE_DELAY_MS, HOVER_DELAY_MS, HoverController } from '@/entrypoints/content/price-card/hover';
import { MentionIndex, type PageMention } from '@/entrypoints/content/mentions/mention-index';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stands in for the card host: records what it is asked to do; #card is its "inside". */
class FakeCard {
  opened: { coin: string; left: number; at: number }[] = [];
  closes = 0;
  isOpen = false;
  constructor(private el: Element) {}
  open(coin: CoinRef, anchor: DOMRect): Promise<void> {
    this.opened.push({ coin: coin.coinId, left: Math.round(anchor.left), at: performance.now() });
    this.isOpen = true;
    return Promise.resolve();
  }
  close(): void {
    if (this.isOpen) this.closes++;
    this.isOpen = false;
  }
  containsEvent(e: Event): boolean {
    return e.composedPath().includes(this.el);
  }
}

let hover: HoverController;
let card: FakeCard;

function mentionOf(id: string, coinId: string): PageMention {
  const node = document.getElementById(id)!.firstChild as Text;
  return {
    coinId,
    symbol: coinId,
    kind: 'cashtag',
    parts: [{ node, start: 0, end: node.length }],
    range: new StaticRange({ startContainer: node, startOffset: 0, endContainer: node, endOffset: node.length }),
  };
}

beforeEach(() => {
  document.body.innerHTML = `
    <p style="font: 28px/1.6 sans-serif; margin: 40px">Watch <span id="tao">$TAO</span> and
      <span id="fet">$FET</span> and nothing else <span id="plain">here</span></p>
    <div id="card" style="height: 60px; width: 200px; background: #eee">card</div>`;
  const index = new MentionIndex();
  index.add(mentionOf('tao', 'bittensor'));
  index.add(mentionOf('fet', 'fetch-ai'));
  card = new FakeCard(document.getElementById('card')!);
  hover = new HoverController({
    index,
    card: card as unknown as CardHost,
    coinFor: (m) => ({ coinId: m.coinId, symbol: m.symbol, name: m.coinId }),
  });
  hover.start();
});

afterEach(async () => {
  hover.stop();
  getSelection()?.removeAllRanges();
  await userEvent.unhover(document.body);
  document.body.replaceChildren();
});

describe('HoverController with a real pointer', () => {
  it('opens the card of the mention the pointer rests on, after the hover delay', async () => {
    const tao = document.getElementById('tao')!;
    let arrived = 0;
    tao.addEventListener('pointermove', () => (arrived ||= performance.now()));
    await userEvent.hover(tao);
    await expect.poll(() => card.opened.map((o) => o.coin)).toEqual(['bittensor']);
    expect(arrived).toBeGreaterThan(0);
    expect(card.opened[0]!.at - arrived).toBeGreaterThanOrEqual(HOVER_DELAY_MS - 5);
    expect(card.opened[0]!.left).toBe(Math.round(tao.getBoundingClientRect().left));
  });

  it('opens nothing for plain words or a pointer that only passes by', async () => {
    await userEvent.hover(document.getElementById('plain')!);
    await wait(HOVER_DELAY_MS + 150);
    expect(card.opened).toEqual([]);
    // Over $FET for two frames only, then away (events, so the timing does not depend on the machine's load).
    const move = (id: string) => {
      const r = document.getElementById(id)!.getBoundingClientRect();
      document.dispatchEvent(new PointerEvent('pointermove', { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2 }));
    };
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    move('fet');
    await frame();
    move('plain');
    await frame();
    await wait(HOVER_DELAY_MS + 150);
    expect(card.opened).toEqual([]);
  });

  it('keeps the card while the pointer travels into it, and closes it once the pointer leaves both', async () => {
    await userEvent.hover(document.getElementById('tao')!);
    await expect.poll(() => card.isOpen).toBe(true);
    await userEvent.hover(document.getElementById('card')!);
    await wait(CLOSE_DELAY_MS + 150);
    expect(card.isOpen).toBe(true);
    await userEvent.hover(document.getElementById('plain')!);
    await expect.poll(() => card.isOpen).toBe(false);
    expect(card.opened).toHaveLength(1);
  });

  it('closes on Escape', async () => {
    await userEvent.hover(document.getElementById('fet')!);
    await expect.poll(() => card.isOpen).toBe(true);
    await userEvent.keyboard('{Escape}');
    expect(card.isOpen).toBe(false);
  });

  it('opens the card of a ticker selected just after user input, and closes it when the selection goes', async () => {
    await userEvent.keyboard('{Shift}');
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('fet')!);
    getSelection()!.addRange(range);
    await expect.poll(() => card.opened.map((o) => o.coin)).toEqual(['fetch-ai']);
    // A selection covering two coins is not one coin's card.
    const both = document.createRange();
    both.setStart(document.getElementById('tao')!.firstChild!, 0);
    both.setEnd(document.getElementById('fet')!.firstChild!, 4);
    getSelection()!.removeAllRanges();
    getSelection()!.addRange(both);
    await expect.poll(() => card.isOpen).toBe(false);
    expect(card.opened).toHaveLength(1);
  });

  it('opens nothing for synthetic pointer events or a selection made by the page alone', async () => {
    const r = document.getElementById('tao')!.getBoundingClientRect();
    const at = { clientX: r.left + r.width / 2, clientY: r.top + r.height / 2, bubbles: true, composed: true };
    for (let i = 0; i < 5; i++) {
      document.getElementById('tao')!.dispatchEvent(new PointerEvent('pointermove', at));
      await wait(HOVER_DELAY_MS / 2);
    }
    await wait(HOVER_DELAY_MS + 150);
    expect(card.opened).toEqual([]);
    await wait(1100); // past any earlier trusted input
    const range = document.createRange();
    range.selectNodeContents(document.getElementById('fet')!);
    getSelection()!.addRange(range);
    await wait(HOVER_DELAY_MS + 300);
    expect(card.opened).toEqual([]);
  });
});
