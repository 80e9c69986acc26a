/**
 * The background's ways to count on demand: the "Count tokens" item of the
 * context menu on a selection, and the keyboard shortcut (commands API,
 * `count-selection`, Alt+Shift+K by default), both of which ask the tab's
 * content script to show the badge (`selection.count`); and the "Count
 * tokens on this page" item of the page's context menu (nothing selected),
 * which opens the token view of the page's readable text.
 */
import { browser } from 'wxt/browser';
import { t } from '@/utils/i18n';
import { sendToTab } from '@/utils/protocol/bus';
import type { TokenViewService } from './token-view-service';

export const MENU_ID = 'token-insight-count';
export const PAGE_MENU_ID = 'token-insight-count-page';
export const COMMAND = 'count-selection';

/** Shows the badge for the selection in `tabId`; false when the page has no content script (e.g. the Web Store). */
export async function countSelectionInTab(tabId: number): Promise<boolean> {
  try {
    const { shown } = await sendToTab(tabId, 'selection.count', {});
    return shown;
  } catch {
    return false;
  }
}

/** Creates the menu items; call on install and update (menus persist across worker restarts). */
export async function createSelectionMenu(): Promise<void> {
  await browser.contextMenus.removeAll();
  browser.contextMenus.create({ id: MENU_ID, title: t('menu_countTokens'), contexts: ['selection'] });
  // "page": a right-click on the page itself, not on a selection, link, image or field.
  browser.contextMenus.create({ id: PAGE_MENU_ID, title: t('menu_countPage'), contexts: ['page'] });
}

/**
 * Listens for the menu items and the shortcut, and (re)creates the menu items
 * when the extension is installed or updated and when the browser starts.
 * Call at every worker start.
 */
export function listenForSelectionCommands(views: Pick<TokenViewService, 'openPageView'>): void {
  const create = () =>
    createSelectionMenu().catch((error: unknown) => console.error('Token Insight: could not add the menu item', error));
  browser.runtime.onInstalled.addListener(create);
  browser.runtime.onStartup.addListener(create);
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === MENU_ID && tab?.id !== undefined) void countSelectionInTab(tab.id);
    if (info.menuItemId === PAGE_MENU_ID && tab?.id !== undefined) {
      views.openPageView(tab.id, 'readable').catch((error: unknown) => console.warn('Token Insight: could not count this page', error));
    }
  });
  browser.commands.onCommand.addListener(async (command, tab) => {
    if (command !== COMMAND) return;
    const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
    if (tabId !== undefined) void countSelectionInTab(tabId);
  });
}
