import { afterEach, describe, expect, it } from 'vitest';
import {
  blockOf,
  CHUNK_CHARS,
  isInsideSkipped,
  locate,
  TextBlockReader,
  type TextChunk,
} from '@/entrypoints/content/mentions/text-blocks';

/** Every chunk the reader hands out for `root`, with all the time in the world. */
function readAll(root: Node): TextChunk[] {
  const reader = new TextBlockReader(root);
  const chunks: TextChunk[] = [];
  for (;;) {
    const c = reader.next(() => true);
    if (c === null) return chunks;
    if (c !== 'paused') chunks.push(c);
  }
}

function mount(html: string): HTMLElement {
  const root = document.createElement('div');
  root.innerHTML = html;
  document.body.append(root);
  return root;
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('TextBlockReader in a real page', () => {
  it('joins the text nodes of a block and separates blocks and <br> by a newline', () => {
    const root = mount('<p>Stake <b>$TAO</b> <i>now</i></p><ul><li>one</li><li>two<br>three</li></ul>');
    const chunks = readAll(root);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]!.text).toBe('Stake $TAO now\none\ntwo\nthree');
  });

  it('skips code, fields, editors, hidden parts, scripts and its own UI', () => {
    const root = mount(`
      <p>kept one</p>
      <pre>pre TAO</pre><p>inline <code>code TAO</code> and <kbd>kbd</kbd></p>
      <textarea>textarea TAO</textarea><input value="input TAO"><select><option>option TAO</option></select>
      <button>button TAO</button>
      <div contenteditable>editable TAO</div><div contenteditable="false">kept two</div>
      <div role="textbox">textbox TAO</div><p hidden>hidden TAO</p>
      <script>var s = 'script TAO'</script><style>.x{}</style>
      <svg><text>svg TAO</text></svg>
      <token-insight-card>own UI TAO</token-insight-card>
      <p>kept three</p>`);
    const text = readAll(root).map((c) => c.text).join('\n');
    expect(text).toContain('kept one');
    expect(text).toContain('kept two');
    expect(text).toContain('kept three');
    expect(text).toContain('inline');
    expect(text).not.toContain('TAO');
    expect(text).not.toContain('kbd');
  });

  it('maps every chunk offset back to its text node, across nodes', () => {
    const root = mount('<p>Buy <b>$T</b><i>AO</i> today</p><p>and FET</p>');
    const [chunk] = readAll(root);
    const text = chunk!.text;
    const start = text.indexOf('$TAO');
    const a = locate(chunk!, start)!;
    const b = locate(chunk!, start + 4, true)!;
    expect(a.node.data).toBe('$T');
    expect(a.offset).toBe(0);
    expect(b.node.data).toBe('AO');
    expect(b.offset).toBe(2);
    // A real Range over the located boundaries reads the same text as the chunk.
    const range = document.createRange();
    range.setStart(a.node, a.offset);
    range.setEnd(b.node, b.offset);
    expect(range.toString()).toBe('$TAO');
    const fet = text.indexOf('FET');
    const f = locate(chunk!, fet)!;
    expect(f.node.data.slice(f.offset, f.offset + 3)).toBe('FET');
    expect(locate(chunk!, text.length + 5)).toBeNull();
  });

  it('cuts a long page into chunks at block boundaries, and a giant text node in pieces', () => {
    const para = 'Bittensor (TAO) is a network. '.repeat(20); // 600 characters
    const root = mount(Array.from({ length: 20 }, () => `<p>${para}</p>`).join(''));
    const chunks = readAll(root);
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) expect(c.text.length).toBeGreaterThanOrEqual(CHUNK_CHARS);
    // Each chunk starts at a paragraph's start.
    for (const c of chunks) expect(c.segments[0]!.nodeStart).toBe(0);
    expect(chunks.reduce((n, c) => n + c.segments.length, 0)).toBe(20);

    const giant = mount(`<p>${'word '.repeat(3000)}</p>`); // one 15,000-character text node
    const pieces = readAll(giant);
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.map((c) => c.text).join('')).toBe(giant.textContent);
    const node = giant.querySelector('p')!.firstChild as Text;
    for (const c of pieces) {
      const at = locate(c, 0)!;
      expect(at.node).toBe(node);
      expect(node.data.slice(at.offset, at.offset + 5)).toBe(c.text.slice(0, 5));
    }
  });

  it('pauses when the slice is over and resumes where it stopped', () => {
    const root = mount(Array.from({ length: 600 }, (_, i) => `<span>w${i} </span>`).join(''));
    const reader = new TextBlockReader(root);
    expect(reader.next(() => false)).toBe('paused');
    const rest: TextChunk[] = [];
    for (let c = reader.next(() => true); c !== null; c = reader.next(() => true)) if (c !== 'paused') rest.push(c);
    const text = rest.map((c) => c.text).join('');
    expect(text.startsWith('w0 w1 ')).toBe(true);
    expect(text.trim().endsWith('w599')).toBe(true);
  });

  it('tells skipped nodes and the block of a node', () => {
    const root = mount('<p id="p">a <em id="em">b</em></p><pre><span id="in-pre">c</span></pre><div contenteditable><span id="in-edit">d</span></div>');
    const em = root.querySelector('#em')!;
    expect(blockOf(em.firstChild!)).toBe(root.querySelector('#p'));
    expect(isInsideSkipped(em.firstChild!)).toBe(false);
    expect(isInsideSkipped(root.querySelector('#in-pre')!.firstChild!)).toBe(true);
    expect(isInsideSkipped(root.querySelector('#in-edit')!)).toBe(true);
  });
});
