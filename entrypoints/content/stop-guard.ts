/**
 * WXT stops an older copy of a content script when a newer one starts in
 * the same page: the new copy dispatches a CustomEvent on `document` whose
 * name is made of the extension's id, and the old copy shuts itself down on
 * hearing it. A page that knows our id (store ids are public) could
 * dispatch that event itself and switch us off. A newer copy only ever
 * starts after the extension was updated or reloaded, and then this copy is
 * orphaned (`browser.runtime.id` is gone): so while we are still connected,
 * the event is stopped, in the capture phase on `window`, before WXT's
 * listener on `document` hears it.
 * (The `postMessage` carrying the same name is off: `noScriptStartedPostMessage`.)
 */
import { browser } from 'wxt/browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';

/** True while this content script is still connected to the extension. */
export function connected(): boolean {
  return browser?.runtime?.id != null;
}

/** WXT's event name (a private static of ContentScriptContext: `<id>:<entrypoint>:wxt:content-script-started`). */
export const SCRIPT_STARTED_EVENT = (ContentScriptContext as unknown as { SCRIPT_STARTED_MESSAGE_TYPE: string }).SCRIPT_STARTED_MESSAGE_TYPE;

export function ignoreStopWhileConnected(ctx: ContentScriptContext, isConnected: () => boolean = connected): void {
  ctx.addEventListener(
    window,
    SCRIPT_STARTED_EVENT as keyof WindowEventMap,
    (e: Event) => {
      if (isConnected()) e.stopImmediatePropagation();
    },
    { capture: true },
  );
}
