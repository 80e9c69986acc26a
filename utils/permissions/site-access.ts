/**
 * Site access: the content script runs on every page (`<all_urls>`), which
 * needs the host permission for the pages. Chromium grants it at install.
 * Firefox MV3 treats it as the user's choice: shown at install, revocable in
 * about:addons → Token Insight → Permissions ("Access your data for all
 * websites"), and off until granted for an add-on installed without the
 * prompt. The one place that asks and answers (README "Site access").
 * Used by the options page (a notice with a button) and the background (on
 * install, open the options page when access is missing).
 */
import { browser } from 'wxt/browser';

/** What the content script's `<all_urls>` match needs. */
export const SITE_ACCESS = { origins: ['<all_urls>'] };

/** Whether pages get the content script; false when unknown (outside the extension). */
export async function hasSiteAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(SITE_ACCESS);
  } catch {
    return false;
  }
}

/** Asks the user for site access: call it straight from a click (the browser needs the user's gesture). */
export async function requestSiteAccess(): Promise<boolean> {
  try {
    return await browser.permissions.request(SITE_ACCESS);
  } catch {
    return false;
  }
}

/** Follows the grant as the user changes it (about:addons, the browser's site controls): returns a stop function. */
export function watchSiteAccess(onChange: (granted: boolean) => void): () => void {
  const listener = () => void hasSiteAccess().then(onChange);
  try {
    browser.permissions.onAdded.addListener(listener);
    browser.permissions.onRemoved.addListener(listener);
  } catch {
    return () => {};
  }
  return () => {
    browser.permissions.onAdded.removeListener(listener);
    browser.permissions.onRemoved.removeListener(listener);
  };
}
