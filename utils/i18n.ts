/**
 * UI strings through `browser.i18n` (public/_locales/en, public/_locales/hi),
 * following the browser's language. Every visible string goes through `t`.
 */
import { browser } from 'wxt/browser';

/** The message for `key`, with $1…$9 substitutions; the key itself if missing (never empty UI). */
export function t(key: string, substitutions?: string | string[]): string {
  try {
    const message = (browser.i18n.getMessage as (k: string, s?: string | string[]) => string)(key, substitutions);
    if (message) return message;
  } catch {
    // Not in an extension context (unit tests): fall through.
  }
  return key;
}

/** The UI language for Intl formatting, e.g. "hi" or "en-US". */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage() || 'en';
  } catch {
    return 'en';
  }
}
