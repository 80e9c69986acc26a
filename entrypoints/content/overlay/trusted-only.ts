/**
 * Our in-page UI answers the user only: every input event that reaches an
 * overlay's shadow root and was not made by the browser (`isTrusted` false:
 * `element.click()`, `dispatchEvent` from a page script) is stopped in the
 * capture phase, before any handler of the card or the badge sees it.
 * Keyboard activation and assistive technology produce trusted events.
 */

/** The input events stopped when untrusted. */
export const GUARDED_EVENTS = [
  'click',
  'auxclick',
  'dblclick',
  'contextmenu',
  'mousedown',
  'mouseup',
  'mouseover',
  'mouseout',
  'mouseenter',
  'mouseleave',
  'pointerdown',
  'pointerup',
  'pointerover',
  'pointerout',
  'pointerenter',
  'pointerleave',
  'pointermove',
  'touchstart',
  'touchend',
  'keydown',
  'keyup',
  'keypress',
  'beforeinput',
  'input',
  'change',
  'submit',
  'focusin',
  'copy',
] as const;

/** Stops untrusted input events inside `root`; returns a function that removes the guard. */
export function acceptTrustedOnly(root: EventTarget): () => void {
  const stop = (e: Event) => {
    if (e.isTrusted) return;
    e.stopImmediatePropagation();
    e.preventDefault();
  };
  for (const type of GUARDED_EVENTS) root.addEventListener(type, stop, { capture: true });
  return () => {
    for (const type of GUARDED_EVENTS) root.removeEventListener(type, stop, { capture: true });
  };
}
