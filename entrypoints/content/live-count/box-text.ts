/**
 * Which focused elements the live count follows, and how it reads their
 * text. A prompt box is a `textarea`, a single-line text `input` (type text
 * or search) or a rich editor (`contenteditable`: ProseMirror, Lexical,
 * Quill, CodeMirror…). Never followed, never read: password inputs and
 * every other input type, read-only or disabled boxes, fields whose
 * `autocomplete` names a secret (passwords, one-time codes, payment cards),
 * fields masked with `-webkit-text-security`, and fields marked
 * `autocomplete="off"` whose name, id or label says they hold a secret
 * (PIN, OTP, CVV, card, password…).
 */

/** `autocomplete` tokens of secrets (HTML's autofill field names). */
const SECRET_AUTOCOMPLETE = /(^|\s)(current-password|new-password|one-time-code|cc-[a-z-]+|webauthn)(\s|$)/i;
/** Names of secrets, read only on fields that also turn autocomplete off. */
const SECRET_NAME = /pass|pwd|secret|otp|one.?time|pin\b|cvv|cvc|csc|card|iban|ssn|token|api.?key|2fa|mfa/i;

export type LiveBox = HTMLTextAreaElement | HTMLInputElement | HTMLElement;

/** The box the live count follows for a focused element, or null: not a prompt box, or one it must never read. */
export function liveBox(target: EventTarget | null): LiveBox | null {
  if (!(target instanceof HTMLElement)) return null;
  let box: HTMLElement;
  if (target instanceof HTMLTextAreaElement) {
    if (target.readOnly || target.disabled) return null;
    box = target;
  } else if (target instanceof HTMLInputElement) {
    if ((target.type !== 'text' && target.type !== 'search') || target.readOnly || target.disabled) return null;
    box = target;
  } else if (target.isContentEditable) {
    box = editingHost(target);
  } else return null;
  return isSecret(box) ? null : box;
}

/** The outermost element of the editable region `el` is in (the editor's root). */
function editingHost(el: HTMLElement): HTMLElement {
  let host = el;
  for (let p = el.parentElement; p?.isContentEditable; p = p.parentElement) host = p;
  return host;
}

function isSecret(box: HTMLElement): boolean {
  const autocomplete = box.getAttribute('autocomplete') ?? '';
  if (SECRET_AUTOCOMPLETE.test(autocomplete)) return true;
  const masked = getComputedStyle(box).getPropertyValue('-webkit-text-security');
  if (masked && masked !== 'none') return true;
  if (/(^|\s)off(\s|$)/i.test(autocomplete)) {
    const names = [box.getAttribute('name'), box.id, box.getAttribute('aria-label'), box.getAttribute('placeholder')].join(' ');
    if (SECRET_NAME.test(names)) return true;
  }
  return false;
}

/** The box's text as the site will send it, and the caret's place in it when known (-1 otherwise). */
export function readBox(box: LiveBox): { text: string; caret: number } {
  if (box instanceof HTMLTextAreaElement || box instanceof HTMLInputElement) {
    return { text: box.value, caret: box.selectionEnd ?? -1 };
  }
  return { text: editorText(box), caret: -1 };
}

/** Elements that start a line of their own in rich editors. */
const BLOCKS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE', 'FOOTER', 'FORM',
  'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE', 'SECTION', 'TABLE', 'TR', 'UL',
]);
const SKIPPED = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT']);

/**
 * A rich editor's text as the site sends it: its text nodes, a line break
 * for each `<br>`, and one line break between blocks (paragraphs, list
 * items, headings, code blocks), as ProseMirror's, Lexical's and Quill's
 * plain-text views join them; no markup. An empty paragraph (`<p><br></p>`)
 * is an empty line. Reads only the DOM (no layout), so it costs the same on
 * any page.
 */
export function editorText(root: Node): string {
  const out: string[] = [];
  /** Whether the text so far ends a line (or is empty): a block needs no break before it. */
  let atLineStart = true;
  const walk = (node: Node) => {
    for (let child = node.firstChild; child; child = child.nextSibling) {
      if (child.nodeType === Node.TEXT_NODE) {
        const data = (child as Text).data;
        if (data) {
          out.push(data);
          atLineStart = data.endsWith('\n');
        }
      } else if (child.nodeType === Node.ELEMENT_NODE) {
        const tag = (child as Element).tagName;
        if (SKIPPED.has(tag)) continue;
        if (tag === 'BR') {
          out.push('\n');
          atLineStart = true;
          continue;
        }
        const block = BLOCKS.has(tag);
        if (block && !atLineStart) {
          out.push('\n');
          atLineStart = true;
        }
        walk(child);
      }
    }
  };
  walk(root);
  let text = out.join('');
  // A trailing break that only ends the last block (ProseMirror's trailing <br>) is not text.
  if (text.endsWith('\n') && root.lastChild && (root.lastChild as Element).tagName !== 'BR') {
    const last = deepestLast(root);
    if (last && last.nodeType === Node.ELEMENT_NODE && (last as Element).tagName === 'BR') text = text.slice(0, -1);
  }
  return text;
}

function deepestLast(node: Node): Node | null {
  let last = node.lastChild;
  while (last?.lastChild) last = last.lastChild;
  return last;
}
