import { afterEach, describe, expect, it } from 'vitest';
import { userEvent } from 'vitest/browser';
import { deepActiveElement, readSelection } from '@/entrypoints/content/selection-badge/selection-reader';

afterEach(() => {
  (document.activeElement as HTMLElement | null)?.blur();
  getSelection()?.removeAllRanges();
  document.body.replaceChildren();
});

function selectText(node: Node, start: number, end: number): void {
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  const sel = getSelection()!;
  sel.removeAllRanges();
  sel.addRange(range);
}

describe('readSelection in a real page', () => {
  it('reads the selection inside a focused textarea and text input, which the page selection does not show', async () => {
    document.body.innerHTML = '<textarea id="t">alpha beta gamma</textarea><input id="i" value="one two three">';
    const t = document.querySelector<HTMLTextAreaElement>('#t')!;
    await userEvent.click(t);
    t.setSelectionRange(6, 10);
    const snap = readSelection()!;
    expect(snap.kind).toBe('field');
    expect(snap.text()).toBe('beta');
    expect(snap.element).toBe(t);
    const [box] = snap.rects();
    expect(box!.width).toBeCloseTo(t.getBoundingClientRect().width, 0);
    expect(readSelection()!.key).toBe(snap.key);

    const i = document.querySelector<HTMLInputElement>('#i')!;
    await userEvent.click(i);
    i.setSelectionRange(4, 13);
    const inInput = readSelection()!;
    expect(inInput.text()).toBe('two three');
    expect(inInput.key).not.toBe(snap.key);

    i.setSelectionRange(3, 3);
    expect(readSelection()).toBeNull();
  });

  it('reads a selection in the page and in a contenteditable, with its boxes', async () => {
    document.body.innerHTML = '<p id="p" style="font-size: 20px">Select <b>these words</b> here</p><div id="ed" contenteditable>edit me please</div>';
    const b = document.querySelector('b')!.firstChild as Text;
    selectText(b, 0, 5);
    const snap = readSelection()!;
    expect(snap.kind).toBe('range');
    expect(snap.text()).toBe('these');
    expect(snap.element).toBe(document.querySelector('b'));
    const rects = snap.rects();
    expect(rects.length).toBeGreaterThan(0);
    expect(rects[0]!.height).toBeGreaterThan(10);

    const ed = document.querySelector<HTMLElement>('#ed')!;
    await userEvent.click(ed);
    selectText(ed.firstChild!, 5, 7);
    const inEditor = readSelection()!;
    expect(inEditor.kind).toBe('range');
    expect(inEditor.text()).toBe('me');
    expect(inEditor.key).not.toBe(snap.key);
  });

  it('reads nothing for a collapsed selection or a password field', async () => {
    document.body.innerHTML = '<p>plain</p><input id="pw" type="password" value="secret words">';
    selectText(document.querySelector('p')!.firstChild!, 2, 2);
    expect(readSelection()).toBeNull();
    const pw = document.querySelector<HTMLInputElement>('#pw')!;
    await userEvent.click(pw);
    pw.select();
    expect(readSelection()).toBeNull();
  });

  it('looks for the focused field inside open shadow roots', async () => {
    const host = document.createElement('div');
    document.body.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<textarea>inside the shadow</textarea>';
    const t = shadow.querySelector('textarea')!;
    t.focus();
    expect(deepActiveElement()).toBe(t);
    t.setSelectionRange(0, 6);
    expect(readSelection()?.text()).toBe('inside');
  });
});
