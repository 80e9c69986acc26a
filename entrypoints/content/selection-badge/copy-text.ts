/**
 * Puts text on the clipboard from the content script without touching the
 * page's selection or focus: the async Clipboard API where the page is a
 * secure context, otherwise (plain http:// pages, where it does not exist) a
 * `copy` command whose event we fill in ourselves.
 */
export async function copyText(text: string): Promise<void> {
  if (typeof navigator.clipboard?.writeText === 'function') {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch {
      // Refused (no focus, policy): try the copy command below.
    }
  }
  let filled = false;
  const onCopy = (e: ClipboardEvent) => {
    if (!e.clipboardData) return;
    e.clipboardData.setData('text/plain', text);
    e.preventDefault();
    // The page's own copy handlers have nothing to do with this copy.
    e.stopImmediatePropagation();
    filled = true;
  };
  document.addEventListener('copy', onCopy, { capture: true });
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy, { capture: true });
  }
  if (!filled) throw new Error('The browser did not allow copying.');
}
