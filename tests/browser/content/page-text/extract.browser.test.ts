/**
 * The page's texts for the page count (entrypoints/content/page-text/extract.ts)
 * in a real page: the readable text is the article Readability finds, written
 * as a reader shows it (paragraphs apart by a blank line, list items and table
 * rows on lines of their own, code as it is), without the page's navigation,
 * ads or comments; the visible text is what the page shows; the page itself is
 * not changed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { extractPageText, readerText } from '@/entrypoints/content/page-text/extract';

afterEach(() => {
  document.body.replaceChildren();
  document.title = '';
});

const paragraph = (n: number) =>
  `Paragraph ${n} of the article explains how language models read text as tokens, why rare words cost more, and what that means for the price of a long prompt sent to a model.`;

function articlePage(): void {
  document.title = 'How models read — Example';
  document.body.innerHTML = `
    <nav><a href="/">Home</a> <a href="/about">About</a></nav>
    <aside class="ad">Buy now! Limited offer.</aside>
    <article>
      <h1>How models read</h1>
      ${[1, 2, 3, 4, 5].map((n) => `<p>${paragraph(n)}</p>`).join('\n      ')}
      <ul><li>First   point</li><li>Second point</li></ul>
      <pre>function add(a, b) {
  return a + b;
}</pre>
    </article>
    <div class="comments"><p>Nice post!</p></div>
    <p hidden>hidden text</p>`;
}

describe('page texts', () => {
  it('reads the article as a reader view does, and the whole visible text, without changing the page', () => {
    articlePage();
    const before = document.body.innerHTML;
    const { title, readable, visible } = extractPageText(document);
    expect(document.body.innerHTML).toBe(before);
    expect(title).toBe('How models read — Example');
    expect(readable).not.toBeNull();
    const lines = readable!.split('\n\n');
    expect(lines).toContain(paragraph(1));
    expect(lines).toContain(paragraph(5));
    expect(readable).toContain('First point\nSecond point');
    expect(readable).toContain('function add(a, b) {\n  return a + b;\n}');
    expect(readable).not.toContain('Buy now');
    expect(readable).not.toContain('Home');
    expect(readable).not.toMatch(/^\s|\s$/);
    expect(visible).toBe(document.body.innerText);
    expect(visible).toContain('Buy now');
    expect(visible).not.toContain('hidden text');
  });

  it('has no readable text on a page without an article', () => {
    document.title = 'Tool';
    document.body.innerHTML = '<button>Start</button><div>0 items</div>';
    const { readable, visible } = extractPageText(document);
    expect(readable).toBeNull();
    expect(visible).toBe('Start\n0 items');
  });

  it('writes blocks, line breaks and table cells as a reader sees them', () => {
    const root = document.createElement('div');
    root.innerHTML = '<h2>Title</h2><p>one   two\n three<br>four</p><table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table><script>x()</script>';
    expect(readerText(root)).toBe('Title\n\none two three\nfour\n\na\tb\nc\td');
  });
});
