/**
 * Which focused elements the live count follows and what it reads of them,
 * in a real page: prompt boxes yes, secrets never; a rich editor's text as
 * its paragraphs joined by line breaks, as ProseMirror, Lexical and Quill
 * render them.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { editorText, liveBox, readBox } from '@/entrypoints/content/live-count/box-text';

afterEach(() => document.body.replaceChildren());

const make = (html: string) => {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
};

describe('liveBox', () => {
  it('follows textareas, text and search inputs and rich editors (by their root)', () => {
    for (const html of ['<textarea></textarea>', '<input>', '<input type="text">', '<input type="search">']) {
      const el = make(html);
      expect(liveBox(el), html).toBe(el);
    }
    const root = make('<div contenteditable="true"><p>one <strong id="inner">two</strong></p></div>');
    expect(liveBox(document.getElementById('inner'))).toBe(root);
    expect(liveBox(make('<div contenteditable="plaintext-only">x</div>'))).not.toBeNull();
  });

  it('never follows secrets or boxes nobody types in', () => {
    const never = [
      '<input type="password">',
      '<input type="email">',
      '<input type="number">',
      '<input type="hidden">',
      '<input autocomplete="current-password">',
      '<input autocomplete="section-a new-password">',
      '<input autocomplete="one-time-code">',
      '<input autocomplete="cc-number">',
      '<textarea autocomplete="cc-csc"></textarea>',
      '<input autocomplete="off" name="user_pin">',
      '<input autocomplete="off" id="otp-code">',
      '<input autocomplete="off" aria-label="Card number">',
      '<input autocomplete="off" name="hf_api_key">',
      '<input style="-webkit-text-security: disc">',
      '<textarea readonly></textarea>',
      '<input disabled>',
      '<div contenteditable="false">x</div>',
      '<div>x</div>',
      '<button>x</button>',
    ];
    for (const html of never) expect(liveBox(make(html)), html).toBeNull();
    // autocomplete="off" alone is not a secret (chat sites turn it off on their prompt box).
    expect(liveBox(make('<textarea autocomplete="off" name="prompt"></textarea>'))).not.toBeNull();
    expect(liveBox(null)).toBeNull();
  });
});

describe('reading a box', () => {
  it('reads a textarea’s or input’s value and caret', () => {
    const t = make('<textarea></textarea>') as HTMLTextAreaElement;
    t.value = 'hello world';
    t.setSelectionRange(5, 5);
    expect(readBox(t)).toEqual({ text: 'hello world', caret: 5 });
  });

  it('reads a rich editor’s text with a line break between blocks and for each <br>, no markup', () => {
    const cases: [string, string][] = [
      ['<p><br class="ProseMirror-trailingBreak"></p>', ''],
      ['<p>one</p><p>two</p>', 'one\ntwo'],
      ['<p>one</p><p><br></p><p>three</p>', 'one\n\nthree'],
      ['<p>one</p><p><br></p>', 'one\n'],
      ['<p>a<br>b</p>', 'a\nb'],
      ['<p dir="ltr"><span data-lexical-text="true">Lexical</span> <b>bold</b></p><ul><li>x</li><li>y</li></ul>', 'Lexical bold\nx\ny'],
      ['<pre><code>const a = 1;\nconst b = 2;</code></pre><p>after</p>', 'const a = 1;\nconst b = 2;\nafter'],
      ['plain <div>line two</div><div><br></div><div>four</div>', 'plain \nline two\n\nfour'],
      ['<p>x<style>.a{}</style><script>1</script></p>', 'x'],
      ['<p>हिन्दी 👨‍👩‍👧 &lt;|endoftext|&gt;</p>', 'हिन्दी 👨‍👩‍👧 <|endoftext|>'],
    ];
    for (const [html, text] of cases) expect([html, editorText(make(`<div contenteditable="true">${html}</div>`))]).toEqual([html, text]);
  });
});
