/**
 * A page's text for the page count and its token view, read only when the
 * user asks (the page's context menu item, the popup's "This page"), as a
 * chunk of its own (`page`, scripts/content-chunks.ts): it carries Mozilla's
 * Readability, the reader view's article extractor, which no page needs
 * otherwise.
 *
 * - **Readable text:** the main article as Firefox's reader view finds it
 *   (Readability on a copy of the document; the page itself is untouched),
 *   written out as plain text the way a reader sees it: runs of spaces
 *   collapsed, a blank line between paragraphs and headings, one line per
 *   list item or table row, cells apart by a tab, `pre` blocks as they are.
 *   Null on a page Firefox would offer no reader view for
 *   (`isProbablyReaderable`: an app, a list of links), or where Readability
 *   finds no article.
 * - **Visible text:** everything the page shows, `document.body.innerText`
 *   (what selecting all and copying would give).
 */
import { isProbablyReaderable, Readability } from '@mozilla/readability';
import type { PageText } from '@/utils/model/token-view';
import { TEXT_MAX_CHARS, TITLE_MAX } from '@/utils/model/limits';

/** Elements that start a paragraph of their own (a blank line around them). */
const PARAGRAPH = new Set([
  'P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'FIGURE', 'UL', 'OL', 'DL', 'HR', 'ADDRESS', 'DETAILS',
]);
/** Elements that start a line of their own. */
const LINE = new Set([
  'DIV', 'SECTION', 'ARTICLE', 'HEADER', 'FOOTER', 'MAIN', 'ASIDE', 'NAV', 'LI', 'DT', 'DD', 'TR', 'FIGCAPTION', 'SUMMARY', 'CAPTION',
]);
const CELL = new Set(['TD', 'TH']);
const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'svg', 'IFRAME', 'OBJECT']);

/** Plain text of an element as a reader shows it (see the module comment). Pure DOM walk: no layout. */
export function readerText(root: Node): string {
  const out: string[] = [];
  /** 0: nothing pending, 1: a line break, 2: a blank line, before the next text. */
  let pending = 0;
  /** The last character written was a space or a break (a collapsed space is not written twice). */
  let atSpace = true;
  let cell = false;
  const write = (text: string) => {
    if (!text) return;
    if (out.length > 0 && pending > 0) out.push(pending === 2 ? '\n\n' : '\n');
    else if (cell) out.push('\t');
    pending = 0;
    cell = false;
    out.push(text);
  };
  const breakAtLeast = (level: number) => {
    if (level > pending) pending = level;
    atSpace = true;
  };
  const walk = (node: Node, pre: boolean) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const data = (node as Text).data;
      if (pre) {
        write(data);
        atSpace = /\s$/.test(data);
        return;
      }
      let text = data.replace(/[ \t\n\r\f]+/g, ' ');
      if (atSpace || pending > 0 || cell) text = text.replace(/^ /, '');
      if (!text) return;
      write(text);
      atSpace = text.endsWith(' ');
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) {
      if (node.nodeType === Node.DOCUMENT_NODE || node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) node.childNodes.forEach((c) => walk(c, pre));
      return;
    }
    const element = node as Element;
    const name = element.tagName;
    if (SKIP.has(name) || element.hasAttribute('hidden')) return;
    if (name === 'BR') {
      breakAtLeast(1);
      return;
    }
    const level = PARAGRAPH.has(name) ? 2 : LINE.has(name) ? 1 : 0;
    if (level) breakAtLeast(level);
    if (CELL.has(name) && out.length > 0 && pending === 0) {
      cell = true;
      atSpace = true;
    }
    const inPre = pre || name === 'PRE' || name === 'TEXTAREA';
    element.childNodes.forEach((c) => walk(c, inPre));
    if (level) breakAtLeast(level);
  };
  walk(root, false);
  // Spaces left at the end of lines.
  return out.join('').replace(/ +\n/g, '\n').replace(/ +$/, '');
}

/** The main article's text, or null when the page has none (see the module comment). */
export function readableText(doc: Document): string | null {
  try {
    if (!isProbablyReaderable(doc)) return null;
    // Readability changes the document it reads: it gets a copy.
    const copy = doc.cloneNode(true) as Document;
    const article = new Readability<Node>(copy, { serializer: (node) => node }).parse();
    if (!article?.content) return null;
    const text = readerText(article.content);
    return text.trim() ? text : null;
  } catch {
    return null;
  }
}

/** The page's title, readable text and visible text, each within the protocol's limits. */
export function extractPageText(doc: Document = document): PageText {
  const readable = readableText(doc);
  return {
    title: doc.title.slice(0, TITLE_MAX),
    readable: readable === null ? null : readable.slice(0, TEXT_MAX_CHARS),
    visible: (doc.body?.innerText ?? '').slice(0, TEXT_MAX_CHARS),
  };
}
