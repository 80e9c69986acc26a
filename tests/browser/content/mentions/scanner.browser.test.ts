import { afterEach, describe, expect, it } from 'vitest';
import { findMentions } from '@/utils/mentions';
import { MentionIndex, type PageMention } from '@/entrypoints/content/mentions/mention-index';
import { MentionScanner } from '@/entrypoints/content/mentions/scanner';

const textOf = (m: PageMention) => m.parts.map((p) => p.node.data.slice(p.start, p.end)).join('');

interface Harness {
  root: HTMLElement;
  index: MentionIndex;
  scanner: MentionScanner;
  added: PageMention[];
  removed: PageMention[];
  firstScan: Promise<void>;
  /** The indexed mentions as "coinId:text", sorted. */
  found(): string[];
}

let running: MentionScanner | null = null;

function scan(html: string): Harness {
  const root = document.createElement('main');
  root.innerHTML = html;
  document.body.append(root);
  const index = new MentionIndex();
  const added: PageMention[] = [];
  const removed: PageMention[] = [];
  let firstScanDone!: () => void;
  const firstScan = new Promise<void>((r) => (firstScanDone = r));
  const scanner = new MentionScanner({
    find: findMentions,
    index,
    root: () => root,
    onChange(a, r) {
      added.push(...a);
      removed.push(...r);
    },
    onFirstScan: firstScanDone,
  });
  running = scanner;
  scanner.start();
  const found = () => [...index.mentions()].map((m) => `${m.coinId}:${textOf(m)}`).sort();
  return { root, index, scanner, added, removed, firstScan, found };
}

afterEach(() => {
  running?.stop();
  running = null;
  document.body.replaceChildren();
});

describe('MentionScanner in a real page', () => {
  it('indexes the page once in idle time, across inline elements, skipping code and fields', async () => {
    const h = scan(`
      <p>Bittensor (TAO) rallied while <b>$F</b>ET lagged.</p>
      <p>Render the page.</p>
      <pre>$NMR in code</pre>
      <textarea>$GRT in a field</textarea>`);
    expect(h.index.size).toBe(0); // nothing is read synchronously
    await h.firstScan;
    expect(h.scanner.busy).toBe(false);
    expect(h.found()).toEqual(['bittensor:Bittensor (TAO)', 'fetch-ai:$FET']);
    const fet = [...h.index.mentions()].find((m) => m.coinId === 'fetch-ai')!;
    expect(fet.parts).toHaveLength(2);
    // The StaticRange given to the highlighter covers the same text.
    const r = document.createRange();
    r.setStart(fet.range.startContainer, fet.range.startOffset);
    r.setEnd(fet.range.endContainer, fet.range.endOffset);
    expect(r.toString()).toBe('$FET');
    expect(h.added).toHaveLength(2);
    expect(h.scanner.stats.firstScanEnd).not.toBeNull();
  });

  it('indexes content added later and drops content removed', async () => {
    const h = scan('<p id="first">Staking $TAO today.</p>');
    await h.firstScan;
    expect(h.found()).toEqual(['bittensor:$TAO']);

    const p = document.createElement('p');
    p.textContent = 'Then $FET and $NMR moved.';
    h.root.append(p);
    await expect.poll(() => h.found()).toEqual(['bittensor:$TAO', 'fetch-ai:$FET', 'numeraire:$NMR']);

    // Text added into an existing paragraph is found too.
    h.root.querySelector('#first')!.append(' Also $GRT.');
    await expect.poll(() => h.found()).toContain('the-graph:$GRT');

    // A removed block takes its mentions with it (and only them).
    const removedBefore = h.removed.length;
    p.remove();
    await expect.poll(() => h.found()).toEqual(['bittensor:$TAO', 'the-graph:$GRT']);
    expect(h.removed.slice(removedBefore).map((m) => m.coinId).sort()).toEqual(['fetch-ai', 'numeraire']);
    expect(h.index.nodeCount).toBeLessThanOrEqual(h.index.size);
  });

  it('rereads edited text and ignores what is added inside skipped elements', async () => {
    const h = scan('<p id="p">Price of $TAO</p><div contenteditable id="ed">draft</div>');
    await h.firstScan;
    const text = h.root.querySelector('#p')!.firstChild as Text;
    text.data = 'Price of $WLD';
    await expect.poll(() => h.found()).toEqual(['worldcoin-wld:$WLD']);

    h.root.querySelector('#ed')!.append(' $FET typed in an editor');
    const code = document.createElement('code');
    code.textContent = '$NMR';
    h.root.append(code);
    await new Promise((r) => setTimeout(r, 300));
    expect(h.scanner.busy).toBe(false);
    expect(h.found()).toEqual(['worldcoin-wld:$WLD']);
  });

  it('stops watching when stopped', async () => {
    const h = scan('<p>$TAO</p>');
    await h.firstScan;
    h.scanner.stop();
    h.root.insertAdjacentHTML('beforeend', '<p>$FET</p>');
    await new Promise((r) => setTimeout(r, 300));
    expect(h.found()).toEqual(['bittensor:$TAO']);
  });
});
