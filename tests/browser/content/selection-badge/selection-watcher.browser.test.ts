import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import type { SelectionSnapshot } from '@/entrypoints/content/selection-badge/selection-reader';
import { SelectionWatcher } from '@/entrypoints/content/selection-badge/selection-watcher';

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

describe('SelectionWatcher in a real page', () => {
  it('reports a real triple-click selection once, when the mouse is released', async () => {
    await userEvent.tripleClick(document.getElementById('p')!);
    await expect.poll(() => seen).toHaveLength(1);
    expect(seen[0]!.trim()).toBe('The first paragraph, long enough to select.');
    await wait(450);
    expect(seen).toHaveLength(1);
  });

  it('waits while the button is held, then reports on mouse up', async () => {
    mouse('mousedown');
    select('p', 0, 9);
    select('p', 0, 15);
    await wait(450); // longer than the selectionchange settle time
    expect(seen).toEqual([]);
    mouse('mouseup');
    await expect.poll(() => seen).toEqual(['The first parag']);
  });

  it('reports keyboard or script selections once they settle, once per distinct selection, and when cleared', async () => {
    select('q', 0, 1);
    select('q', 0, 8);
    await wait(100);
    expect(seen).toEqual([]); // still settling
    await expect.poll(() => seen).toEqual(['A second']);
    // The same selection again is no news.
    select('q', 0, 8);
    await wait(450);
    expect(seen).toEqual(['A second']);
    getSelection()!.removeAllRanges();
    await expect.poll(() => cleared).toBe(1);
  });

  it('reports after selecting keys without waiting for the selection to settle', async () => {
    // As with a real Shift+ArrowRight: the selection changes on keydown, the key comes up after.
    select('q', 0, 5);
    await wait(20);
    window.dispatchEvent(new KeyboardEvent('keyup', { key: 'ArrowRight', shiftKey: true }));
    await wait(60);
    expect(seen).toEqual(['A sec']);
  });

  it('ignores presses in its own UI and leaves the selection alone while its UI has the focus', async () => {
    mouse('mousedown', 1, own!);
    select('p', 4, 9);
    await expect.poll(() => seen).toEqual(['first']); // the press in our UI did not hold the report back
    focusOwned = true;
    select('q', 0, 5);
    await wait(450);
    expect(seen).toEqual(['first']);
  });

  it('after a double click waits for a possible third before reporting', async () => {
    mouse('mousedown');
    select('p', 4, 9);
    mouse('mouseup', 2);
    await wait(100);
    expect(seen).toEqual([]);
    await expect.poll(() => seen).toEqual(['first']);
  });

  it('reports nothing once stopped', async () => {
    watcher.stop();
    select('q', 0, 8);
    await wait(450);
    expect(seen).toEqual([]);
  });
});
