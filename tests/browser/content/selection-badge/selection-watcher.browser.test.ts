import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { SelectionSnapshot } from '@/entrypoints/content/selection-badge/selection-reader';
import { SelectionWatcher, TRUSTED_INPUT_WINDOW_MS } from '@/entrypoints/content/selection-badge/selection-watcher';

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

let watcher: SelectionWatcher;
let seen: string[];
let cleared: number;
let own: Element | null;
let focusOwned: boolean;

beforeEach(() => {
  document.body.innerHTML = '<p id="p" style="font-size: 20px">The first paragraph, long enough to select.</p><p id="q">A second one.</p><button id="own">ours</button>';
  seen = [];
  cleared = 0;
  own = document.querySelector('#own');
  focusOwned = false;
  watcher = new SelectionWatcher({
    onSelection: (s: SelectionSnapshot) => seen.push(s.text()),
    onCleared: () => cleared++,
    isOwnEvent: (e) => !!own && e.composedPath().includes(own),
    ownsFocus: () => focusOwned,
  });
  watcher.start();
});

afterEach(() => {
  watcher.stop();
  getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

function select(id: string, start: number, end: number): void {
  const node = document.getElementById(id)!.firstChild!;
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  getSelection()!.removeAllRanges();
  getSelection()!.addRange(range);
}

const mouse = (type: 'mousedown' | 'mouseup', detail = 1, target: Element = document.getElementById('p')!) =>
  target.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, detail }));

/** A trusted key press that selects nothing by itself (Shift), as when the user starts selecting by keyboard. */
const pressShift = () => userEvent.keyboard('{Shift}');

describe('SelectionWatcher in a real page', () => {
  it('reports a real triple-click selection once, when the mouse is released', async () => {
    await userEvent.tripleClick(document.getElementById('p')!);
    await expect.poll(() => seen).toHaveLength(1);
    expect(seen[0]!.trim()).toBe('The first paragraph, long enough to select.');
    await wait(450);
    expect(seen).toHaveLength(1);
  });

  it('reports a selection made just after trusted input once it settles, once per distinct selection, and when cleared', async () => {
    await pressShift();
    select('q', 0, 1);
    select('q', 0, 8);
    await expect.poll(() => seen).toEqual(['A second']);
    // The same selection again is no news.
    await pressShift();
    select('q', 0, 8);
    await wait(450);
    expect(seen).toEqual(['A second']);
    await pressShift();
    getSelection()!.removeAllRanges();
    await expect.poll(() => cleared).toBe(1);
  });

  it('reports after selecting keys without waiting for the selection to settle', async () => {
    // As with a real Shift+ArrowRight: the selection changes on keydown, the key comes up after.
    select('q', 0, 5);
    await pressShift();
    await wait(60);
    expect(seen).toEqual(['A sec']);
  });

  it('ignores a page selecting text by script, alone or after synthetic mouse and key events', async () => {
    await wait(TRUSTED_INPUT_WINDOW_MS + 50);
    select('q', 0, 8);
    await wait(450);
    expect(seen).toEqual([]);
    mouse('mousedown');
    select('p', 0, 9);
    mouse('mouseup');
    window.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true }));
    window.dispatchEvent(new KeyboardEvent('keyup', { key: 'a', ctrlKey: true }));
    document.dispatchEvent(new Event('selectionchange'));
    await wait(450);
    expect(seen).toEqual([]);
    expect(cleared).toBe(0);
  });

  it('ignores presses in its own UI and leaves the selection alone while its UI has the focus', async () => {
    await userEvent.click(own!);
    select('p', 4, 9);
    await expect.poll(() => seen).toEqual(['first']); // the press in our UI did not hold the report back
    focusOwned = true;
    await pressShift();
    select('q', 0, 5);
    await wait(450);
    expect(seen).toEqual(['first']);
  });

  it('after a double click waits for a possible third before reporting', async () => {
    await userEvent.dblClick(document.getElementById('p')!);
    await wait(100);
    expect(seen).toEqual([]);
    await expect.poll(() => seen).toHaveLength(1);
  });

  it('reports nothing once stopped', async () => {
    watcher.stop();
    await pressShift();
    select('q', 0, 8);
    await wait(450);
    expect(seen).toEqual([]);
  });
});
